/**
 * The one declaration of the `rows` stack: row-level access to one DynamoDB table, the pattern of AWS's
 * "item-level access to DynamoDB based on an Amazon Cognito ID" sample. Each signed-in user is a row owner: the
 * table's partition key holds the user's Cognito identity id, and the `writers` role may touch only items whose
 * partition key equals the caller's own `${cognito-identity.amazonaws.com:sub}`. `readers` may read every row.
 */
import { MAX_GROUP_PRECEDENCE } from './aws-rules';
import { ConfigError, NAME, REGION } from './config-validation';

/**
 * What a group may do on the table.
 * - `own-rows`: item actions, each allowed only when every partition key the request touches
 *   (`dynamodb:LeadingKeys`) is the caller's identity id. Only actions that carry that key qualify.
 * - `read-all`: read actions on every row.
 */
export type RowsAccess = 'own-rows' | 'read-all';

export interface RowsGroupConfig {
  name: string;
  /** Lower wins `cognito:preferred_role`; distinct per group (RBAC-009). */
  precedence: number;
  access: RowsAccess;
  /** DynamoDB actions the group's role is granted, e.g. `dynamodb:PutItem`. */
  actions: string[];
  description: string;
}

export interface RowsTableConfig {
  /** Logical name; the physical table is `<appName>-<environment>-<name>`. */
  name: string;
  /** Holds the owner's Cognito identity id (`<region>:<uuid>`), the value `${cognito-identity.amazonaws.com:sub}` takes. */
  partitionKey: string;
  /** Optional: lets one owner keep many items, read back with Query on the owner's partition. */
  sortKey?: string;
  deletionProtection: boolean;
}

export interface RowsConfig {
  appName: string;
  environment: string;
  region: string;
  userPool: { deletionProtection: boolean };
  table: RowsTableConfig;
  groups: RowsGroupConfig[];
}

/**
 * DynamoDB actions that carry `dynamodb:LeadingKeys` (the partition keys a request touches), per the DynamoDB
 * Developer Guide's fine-grained access control: single-item and batch item operations, and Query. Scan, table and
 * stream actions carry no partition key, and `ForAllValues` over an absent key is true, so an own-rows grant of
 * any other action would reach every row.
 */
export const LEADING_KEY_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** Data-plane reads of a table (access level Read in the Service Authorization Reference). */
export const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

export const rowsConfig: RowsConfig = {
  appName: 'rows',
  environment: 'dev',
  region: 'us-east-1',
  userPool: { deletionProtection: true },
  table: { name: 'UserData', partitionKey: 'userid', sortKey: 'itemid', deletionProtection: true },
  groups: [
    {
      name: 'writers',
      precedence: 0,
      access: 'own-rows',
      // Reads and writes of the caller's own partition. BatchWriteItem also carries DeleteRequest: IAM authorizes the
      // batch as one action, so writers can delete their own items through it (never another user's).
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:BatchWriteItem',
      ],
      description: 'Read and write their own rows only (partition key = their Cognito identity id)',
    },
    {
      name: 'readers',
      precedence: 1,
      access: 'read-all',
      actions: ['dynamodb:Scan', 'dynamodb:Query'],
      description: 'Read every row (Scan, Query); no writes',
    },
  ],
};

/** Prefix for every physical name, so two environments can share an account. */
export function rowsPrefix(config: RowsConfig): string {
  return `${config.appName}-${config.environment}`;
}

export function rowsTableName(config: RowsConfig): string {
  return `${rowsPrefix(config)}-${config.table.name}`;
}

// DynamoDB table names: 3-255 of [a-zA-Z0-9_.-]; attribute names used as keys: 1-255 characters.
const TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
const ATTRIBUTE = /^[A-Za-z0-9_.-]{1,255}$/;
const GROUP = /^[A-Za-z0-9+=,.@_-]{1,40}$/;
const ACTION = /^dynamodb:[A-Za-z]+$/;
// IAM role names: at most 64 characters.
const ROLE_NAME_MAX = 64;

/** Throws ConfigError naming the field on the first problem; buildApp calls it before any construct exists. */
export function validateRowsConfig(config: RowsConfig): void {
  if (!NAME.test(config.appName)) throw new ConfigError('rows.appName', `"${config.appName}" must match ${NAME}`);
  if (!NAME.test(config.environment)) throw new ConfigError('rows.environment', `"${config.environment}" must match ${NAME}`);
  if (!REGION.test(config.region)) throw new ConfigError('rows.region', `"${config.region}" is not an AWS region name`);
  const table = rowsTableName(config);
  if (!TABLE.test(table)) throw new ConfigError('rows.table.name', `table name "${table}" must match ${TABLE}`);
  if (!ATTRIBUTE.test(config.table.partitionKey)) {
    throw new ConfigError('rows.table.partitionKey', `"${config.table.partitionKey}" must match ${ATTRIBUTE}`);
  }
  if (config.table.sortKey !== undefined) {
    if (!ATTRIBUTE.test(config.table.sortKey)) throw new ConfigError('rows.table.sortKey', `"${config.table.sortKey}" must match ${ATTRIBUTE}`);
    if (config.table.sortKey === config.table.partitionKey) {
      throw new ConfigError('rows.table.sortKey', `"${config.table.sortKey}" is also the partition key`);
    }
  }
  if (config.groups.length === 0) throw new ConfigError('rows.groups', 'declare at least one group');

  const names = new Map<string, number>();
  const precedences = new Map<number, number>();
  config.groups.forEach((group, i) => {
    const field = `rows.groups[${i}]`;
    if (!GROUP.test(group.name)) throw new ConfigError(`${field}.name`, `"${group.name}" must match ${GROUP}`);
    // IAM role names are unique without regard to case, and each group names a role.
    const key = group.name.toLowerCase();
    const sameName = names.get(key);
    if (sameName !== undefined) throw new ConfigError(`${field}.name`, `duplicate group "${group.name}" (also rows.groups[${sameName}])`);
    names.set(key, i);
    const roleName = `${rowsPrefix(config)}-${group.name}`;
    if (roleName.length > ROLE_NAME_MAX) {
      throw new ConfigError(`${field}.name`, `role name "${roleName}" is ${roleName.length} characters; IAM allows ${ROLE_NAME_MAX}`);
    }
    if (!Number.isInteger(group.precedence) || group.precedence < 0 || group.precedence > MAX_GROUP_PRECEDENCE) {
      throw new ConfigError(`${field}.precedence`, `must be an integer from 0 to ${MAX_GROUP_PRECEDENCE} (Cognito's maximum)`);
    }
    const samePrecedence = precedences.get(group.precedence);
    if (samePrecedence !== undefined) {
      throw new ConfigError(
        `${field}.precedence`,
        `precedence ${group.precedence} is also used by rows.groups[${samePrecedence}] with a different role; ` +
          'Cognito would then issue no preferred role and the identity pool would deny both',
      );
    }
    precedences.set(group.precedence, i);
    if (group.access !== 'own-rows' && group.access !== 'read-all') {
      throw new ConfigError(`${field}.access`, `"${String(group.access)}" is not "own-rows" or "read-all"`);
    }
    if (group.actions.length === 0) throw new ConfigError(`${field}.actions`, 'grant at least one action');
    const seen = new Set<string>();
    group.actions.forEach((action, j) => {
      const at = `${field}.actions[${j}]`;
      if (!ACTION.test(action)) throw new ConfigError(at, `"${action}" is not a DynamoDB action (dynamodb:Name, no wildcards)`);
      if (seen.has(action)) throw new ConfigError(at, `duplicate action "${action}"`);
      seen.add(action);
      if (group.access === 'own-rows' && !(LEADING_KEY_ACTIONS as readonly string[]).includes(action)) {
        throw new ConfigError(
          at,
          `"${action}" carries no dynamodb:LeadingKeys, so the own-rows condition would not restrict it to the caller's ` +
            `rows (ForAllValues over an absent key is true); own-rows groups may use ${LEADING_KEY_ACTIONS.join(', ')}`,
        );
      }
      if (group.access === 'read-all' && !(READ_ACTIONS as readonly string[]).includes(action)) {
        throw new ConfigError(at, `"${action}" is not a read action; read-all groups may use ${READ_ACTIONS.join(', ')}`);
      }
    });
  });
}
