/**
 * The one declaration of the marketplace: sellers and buyers sharing a product-images bucket, with a sign-up that
 * lets each new user pick a self-service group. The stack, its tests, the post-confirmation Lambda (through its
 * environment) and the scenarios all read it from here.
 */
import { MAX_GROUP_PRECEDENCE, retentionProblem } from './aws-rules';
import { ConfigError } from './config-validation';

export interface MarketplaceGroupConfig {
  /** Cognito group name; also names the group's IAM role (`<app>-<env>-<name>`). */
  name: string;
  /** Lower wins `cognito:preferred_role` when a user is in several groups. */
  precedence: number;
  description: string;
  /** What members may do in the product-images bucket. */
  bucket: {
    /**
     * A prefix (ending in "/") under which each member owns `<prefix><identity id>/`: Put, Get and Delete objects
     * there, and ListBucket only for that folder. The identity id is `${cognito-identity.amazonaws.com:sub}`.
     */
    ownPrefix?: string;
    /** Prefixes (each ending in "/") whose objects members may read (GetObject). */
    readPrefixes: string[];
  };
}

export interface MarketplaceTableConfig {
  /** Logical name; the physical table is `<app>-<env>-<name>`. */
  name: string;
  partitionKey: string;
  deletionProtection: boolean;
}

export interface MarketplaceConfig {
  appName: string;
  environment: string;
  region: string;
  logRetentionDays: number;
  userPool: { deletionProtection: boolean };
  signUp: {
    /** The custom attribute (without `custom:`) a user sets at sign-up to ask for a group. */
    groupAttribute: string;
    /** Groups a user may pick at sign-up; anything else (Admin, a typo) leaves the user in no group. */
    selfService: string[];
  };
  bucket: {
    /** Bucket names are global: change this to something unique to your organisation before deploying. */
    namePrefix: string;
    /** Days a replaced or deleted image version is kept before S3 expires it. */
    noncurrentVersionDays: number;
  };
  tables: { users: MarketplaceTableConfig };
  groups: MarketplaceGroupConfig[];
}

/** The bucket's name is `<bucket.namePrefix>-<PRODUCT_IMAGES_SUFFIX>`. */
export const PRODUCT_IMAGES_SUFFIX = 'product-images';

export const marketplaceConfig: MarketplaceConfig = {
  appName: 'marketplace',
  environment: 'dev',
  region: 'us-east-1',
  logRetentionDays: 30,
  userPool: { deletionProtection: true },
  signUp: { groupAttribute: 'signup_group', selfService: ['seller', 'buyer'] },
  bucket: { namePrefix: 'marketplace-dev', noncurrentVersionDays: 30 },
  tables: { users: { name: 'Users', partitionKey: 'userId', deletionProtection: true } },
  groups: [
    {
      name: 'seller',
      precedence: 0,
      description: 'Sellers: upload images to their own folder, read published products',
      bucket: { ownPrefix: 'uploads/', readPrefixes: ['products/'] },
    },
    {
      name: 'buyer',
      precedence: 1,
      description: 'Buyers: read published product images',
      bucket: { readPrefixes: ['products/'] },
    },
  ],
};

export function marketplacePrefix(config: MarketplaceConfig): string {
  return `${config.appName}-${config.environment}`;
}

export function productImagesBucketName(config: MarketplaceConfig): string {
  return `${config.bucket.namePrefix}-${PRODUCT_IMAGES_SUFFIX}`;
}

export function usersTableName(config: MarketplaceConfig): string {
  return `${marketplacePrefix(config)}-${config.tables.users.name}`;
}

/** The claim the post-confirmation trigger reads: `custom:<groupAttribute>`. */
export function signUpGroupClaim(config: MarketplaceConfig): string {
  return `custom:${config.signUp.groupAttribute}`;
}

const NAME = /^[a-z][a-z0-9-]{0,20}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const GROUP = /^[A-Za-z0-9+=,.@_-]{1,40}$/;
// S3 general purpose bucket names: 3-63 lowercase letters, digits, hyphens and dots; start and end alphanumeric.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*\/$/;
const ATTRIBUTE = /^[A-Za-z0-9_]{1,20}$/;
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;

/** Throws ConfigError on the first problem, naming the field; the app calls it before any construct exists. */
export function validateMarketplaceConfig(config: MarketplaceConfig): void {
  const fail = (field: string, detail: string): never => {
    throw new ConfigError(`marketplace.${field}`, detail);
  };
  if (!NAME.test(config.appName)) fail('appName', `"${config.appName}" must match ${NAME}`);
  if (!NAME.test(config.environment)) fail('environment', `"${config.environment}" must match ${NAME}`);
  if (!REGION.test(config.region)) fail('region', `"${config.region}" is not an AWS region name`);
  const retention = retentionProblem(config.logRetentionDays);
  if (retention) fail('logRetentionDays', retention);
  const bucket = productImagesBucketName(config);
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    fail('bucket.namePrefix', `"${bucket}" is not a valid S3 bucket name (3-63 lowercase letters, digits, "-" or ".")`);
  }
  if (!Number.isInteger(config.bucket.noncurrentVersionDays) || config.bucket.noncurrentVersionDays < 1) {
    fail('bucket.noncurrentVersionDays', 'must be a positive integer');
  }
  if (!TABLE.test(usersTableName(config))) fail('tables.users.name', `"${usersTableName(config)}" is not a DynamoDB table name`);
  if (!/^[A-Za-z][A-Za-z0-9_]{0,254}$/.test(config.tables.users.partitionKey)) {
    fail('tables.users.partitionKey', `"${config.tables.users.partitionKey}" is not an attribute name`);
  }
  if (!ATTRIBUTE.test(config.signUp.groupAttribute)) {
    fail('signUp.groupAttribute', `"${config.signUp.groupAttribute}" must match ${ATTRIBUTE} (Cognito custom attribute names)`);
  }

  const names = new Map<string, number>();
  const precedences = new Map<number, number>();
  const ownPrefixes = config.groups.flatMap((group) => (group.bucket.ownPrefix === undefined ? [] : [group.bucket.ownPrefix]));
  config.groups.forEach((group, i) => {
    if (!GROUP.test(group.name)) fail(`groups[${i}].name`, `"${group.name}" must match ${GROUP}`);
    // IAM role names ignore case, and each group names a role: "Seller" and "seller" would be one role.
    const same = names.get(group.name.toLowerCase());
    if (same !== undefined && config.groups[same]!.name === group.name) fail(`groups[${i}].name`, `duplicate group "${group.name}" (also groups[${same}])`);
    if (same !== undefined) {
      fail(`groups[${i}].name`, `"${group.name}" differs from groups[${same}] "${config.groups[same]!.name}" only by case; IAM role names ignore case, so both would be one role`);
    }
    names.set(group.name.toLowerCase(), i);
    if (!Number.isInteger(group.precedence) || group.precedence < 0 || group.precedence > MAX_GROUP_PRECEDENCE) {
      fail(`groups[${i}].precedence`, `must be an integer from 0 to ${MAX_GROUP_PRECEDENCE} (Cognito's maximum)`);
    }
    const tie = precedences.get(group.precedence);
    if (tie !== undefined) {
      fail(
        `groups[${i}].precedence`,
        `precedence ${group.precedence} is also used by groups[${tie}]; Cognito would issue no preferred role and the identity pool would deny both`,
      );
    }
    precedences.set(group.precedence, i);
    const { ownPrefix, readPrefixes } = group.bucket;
    if (ownPrefix !== undefined && !PREFIX.test(ownPrefix)) {
      fail(`groups[${i}].bucket.ownPrefix`, `"${ownPrefix}" must be a key prefix ending in "/"`);
    }
    readPrefixes.forEach((prefix, j) => {
      if (!PREFIX.test(prefix)) fail(`groups[${i}].bucket.readPrefixes[${j}]`, `"${prefix}" must be a key prefix ending in "/"`);
      const overlap = ownPrefixes.find((own) => prefix.startsWith(own) || own.startsWith(prefix));
      if (overlap !== undefined) {
        // Reading a whole per-user area would let members read every other member's folder.
        fail(`groups[${i}].bucket.readPrefixes[${j}]`, `"${prefix}" overlaps the per-user prefix "${overlap}"`);
      }
    });
    if (ownPrefix === undefined && readPrefixes.length === 0) fail(`groups[${i}].bucket`, 'grants nothing: give it ownPrefix or readPrefixes');
  });

  const self = new Set<string>();
  config.signUp.selfService.forEach((name, i) => {
    if (!config.groups.some((group) => group.name === name)) fail(`signUp.selfService[${i}]`, `unknown group "${name}"`);
    if (self.has(name)) fail(`signUp.selfService[${i}]`, `duplicate "${name}"`);
    self.add(name);
  });
}
