import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CognitoUserGroup } from '@cdktf/provider-aws/lib/cognito-user-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { PolicyVersion, renderPolicy } from '../policies/loader';
import { SIGNUP_ENV } from '../lambdas/post-confirmation-env';
import {
  MarketplaceConfig,
  marketplacePrefix,
  productImagesBucketName,
  signUpGroupClaim,
  usersTableName,
} from './marketplace-config';
import { DeploySettings } from './settings';
import { configureAppStack } from './constructs/app-stack';
import { NodeFunction } from './constructs/node-function';
import { cognitoRbac, rbacOutputs, roleArnOutputs } from './constructs/cognito-rbac';
import { privateBucket } from './constructs/private-bucket';

export interface MarketplaceStackProps {
  config: MarketplaceConfig;
  settings: DeploySettings;
  policies: PolicyVersion;
}

/**
 * Sellers and buyers on S3. A user signs up, picks a group (`custom:signup_group`), confirms the emailed code; the
 * post-confirmation trigger adds them to that group if it is self-service. Each group carries an IAM role the
 * identity pool hands out (Token mapping, ambiguous → Deny); the roles decide what each may do in the
 * product-images bucket, per user folder via `${cognito-identity.amazonaws.com:sub}`.
 */
export class MarketplaceStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: MarketplaceStackProps) {
    super(scope, id);
    const { config, settings, policies } = props;
    const prefix = marketplacePrefix(config);

    configureAppStack(this, id, config, settings);

    const users = new DynamodbTable(this, 'users-table', {
      name: usersTableName(config),
      billingMode: 'PAY_PER_REQUEST',
      hashKey: config.tables.users.partitionKey,
      attribute: [{ name: config.tables.users.partitionKey, type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      // AWS managed KMS key (aws/dynamodb): every decrypt is in CloudTrail, unlike the AWS-owned default.
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: config.tables.users.deletionProtection,
    });

    const signUp = new NodeFunction(this, 'fn-post-confirmation', {
      functionName: `${prefix}-post-confirmation`,
      entry: 'lambdas/post-confirmation.ts',
      description: 'Adds a confirmed user to the self-service group they chose at sign-up and records them',
      logRetentionDays: config.logRetentionDays,
      policies,
      environment: {
        [SIGNUP_ENV.tableName]: users.name,
        [SIGNUP_ENV.partitionKey]: config.tables.users.partitionKey,
        [SIGNUP_ENV.groupClaim]: signUpGroupClaim(config),
        [SIGNUP_ENV.selfServiceGroups]: config.signUp.selfService.join(','),
      },
      loadBound:
        "Cognito invokes it only for a confirmed sign-up, which takes a code sent to the user's email, and Cognito's own request-rate quotas on sign-up operations bound how often that happens",
    });

    const { users: directory, identities } = cognitoRbac(this, prefix, policies, {
      deletionProtection: config.userPool.deletionProtection,
      selfSignUp: true,
      customAttributes: [
        {
          // The group a user asks for at sign-up. The client must be allowed to write it, or SignUp rejects it;
          // immutable (mutable = false) so it is accepted at sign-up only and no user can change it afterwards.
          // It decides nothing by itself: only the post-confirmation trigger reads it, against the allowlist.
          name: config.signUp.groupAttribute,
          mutable: false,
          maxLength: 40,
          clientWritable: true,
        },
      ],
      postConfirmation: signUp.function,
      threatProtectionWaiver:
        'Threat protection needs the Plus feature plan, billed per monthly active user; sign-up needs a code sent to the email, 12-character passwords and optional TOTP MFA, and a new account holds no AWS credentials until the post-confirmation trigger puts it in a self-service group',
    });
    // A separate policy resource: the pool depends on the function (lambda_config), this policy on the pool's ARN.
    // Inside the function's role itself it would close the cycle pool → function → role → pool.
    const signUpPolicy = new IamRolePolicy(this, 'post-confirmation-signup', {
      name: 'add-to-group-and-record-user',
      role: signUp.role.id,
      policy: renderPolicy(policies.templates.marketplaceSignup, { userPoolArn: directory.pool.arn, tableArn: users.arn }),
    });
    // Cognito may invoke the trigger only once this policy exists: a sign-up confirmed earlier would run it without
    // the right to add the user to a group, and the user would stay in none.
    directory.postConfirmationInvoke!.addOverride('depends_on', [`${signUpPolicy.terraformResourceType}.${signUpPolicy.friendlyUniqueId}`]);


    const bucket = this.productImages(config, policies);

    const groupRoles = config.groups.map((group) => {
      const role = identities.trustedRole(`role-${group.name}`, `${prefix}-${group.name}`);
      if (group.bucket.ownPrefix !== undefined) {
        new IamRolePolicy(this, `role-${group.name}-own-folder`, {
          name: 'own-folder',
          role: role.id,
          policy: renderPolicy(policies.templates.marketplaceOwnPrefix, { bucketArn: bucket.arn, prefix: group.bucket.ownPrefix }),
        });
      }
      if (group.bucket.readPrefixes.length > 0) {
        new IamRolePolicy(this, `role-${group.name}-read`, {
          name: 'read-prefixes',
          role: role.id,
          policy: renderPolicy(policies.templates.marketplaceReadPrefixes, { bucketArn: bucket.arn, prefixes: group.bucket.readPrefixes }),
        });
      }
      new CognitoUserGroup(this, `group-${group.name}`, {
        name: group.name,
        description: group.description,
        userPoolId: directory.pool.id,
        precedence: group.precedence,
        roleArn: role.arn,
      });
      return { group: group.name, role };
    });

    rbacOutputs(this, config.region, { users: directory, identities }, {
      bucket_name: bucket.bucket,
      users_table_name: users.name,
      ...roleArnOutputs(groupRoles),
    });
  }

  /** Private, encrypted, versioned, TLS-only, ACLs disabled; old versions and abandoned uploads expire. */
  private productImages(config: MarketplaceConfig, policies: PolicyVersion): S3Bucket {
    const bucket = privateBucket(this, {
      bucketName: productImagesBucketName(config),
      idPrefix: 'product-images',
      noncurrentVersionDays: config.bucket.noncurrentVersionDays,
      lifecycleRuleId: 'expire-old-versions-and-abandoned-uploads',
      policies,
    });
    return bucket;
  }
}
