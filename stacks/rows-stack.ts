import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { PolicyVersion, renderPolicy, TemplateName } from '../policies/loader';
import { RowsAccess, RowsConfig, rowsPrefix, rowsTableName } from './rows-config';
import { DeploySettings } from './settings';
import { configureAppStack } from './constructs/app-stack';
import { groupWithRole } from './constructs/group-role';
import { cognitoRbac, rbacOutputs, roleArnOutputs } from './constructs/cognito-rbac';

export interface RowsStackProps {
  config: RowsConfig;
  settings: DeploySettings;
  policies: PolicyVersion;
}

/** The policy template of each kind of access (policies/vN/rows-*.json). */
const TEMPLATE_OF: Record<RowsAccess, TemplateName> = { 'own-rows': 'rowsOwnRows', 'read-all': 'rowsReadAll' };

/**
 * Cognito groups → identity pool → one IAM role per group → DynamoDB table `UserData`, whose partition key is the
 * caller's Cognito identity id. No API and no Lambda: clients call DynamoDB directly with the identity pool's
 * credentials, and IAM's `dynamodb:LeadingKeys` condition keeps each writer in its own rows.
 */
export class RowsStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: RowsStackProps) {
    super(scope, id);
    const { config, settings, policies } = props;
    const prefix = rowsPrefix(config);

    configureAppStack(this, id, config, settings);

    const keys = [config.table.partitionKey, ...(config.table.sortKey ? [config.table.sortKey] : [])];
    const table = new DynamodbTable(this, 'table', {
      name: rowsTableName(config),
      billingMode: 'PAY_PER_REQUEST',
      hashKey: config.table.partitionKey,
      ...(config.table.sortKey ? { rangeKey: config.table.sortKey } : {}),
      attribute: keys.map((name) => ({ name, type: 'S' })),
      pointInTimeRecovery: { enabled: true },
      // KMS with the AWS managed key aws/dynamodb (DDB-002): decrypts show in CloudTrail. Its key policy lets any
      // principal of the account use it through DynamoDB, so the group roles need no kms:* grant.
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: config.table.deletionProtection,
    });

    const { users, identities } = cognitoRbac(this, prefix, policies, { deletionProtection: config.userPool.deletionProtection });

    const groupRoles = config.groups.map((group) => {
      const { role } = groupWithRole(this, {
        users,
        identities,
        group: group.name,
        description: group.description,
        precedence: group.precedence,
        roleName: `${prefix}-${group.name}`,
        policyId: 'table',
        policyName: group.access === 'own-rows' ? 'own-rows-only' : 'read-all-rows',
        policy: renderPolicy(policies.templates[TEMPLATE_OF[group.access]], {
          tableArn: table.arn,
          dynamodbActions: group.actions,
        }),
      });
      return { group: group.name, role };
    });

    rbacOutputs(this, config.region, { users, identities }, {
      table_name: table.name,
      table_arn: table.arn,
      ...roleArnOutputs(groupRoles),
    });
  }
}
