import { Construct } from 'constructs';
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { PolicyVersion, renderPolicy } from '../../policies/loader';
import { suppress } from '../suppress';
import { accountOf } from './account-of';

/** AWS's managed policy for API Gateway's account-level log role: logs only. */
export const API_GATEWAY_LOGS_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs';

/**
 * API Gateway's account-level CloudWatch role (one per account and region), without which execution logging cannot
 * be enabled. Exactly one stack per account and region should create it. The constructs are created in `scope`.
 * `sameAccountArn` is the ARN of any resource of the stack that does not depend on the role (a function's): the
 * trust admits API Gateway only when it acts for that account.
 */
export function apiGatewayAccountLogRole(scope: Construct, prefix: string, policies: PolicyVersion, sameAccountArn: string): ApiGatewayAccount {
  const role = new IamRole(scope, 'apigateway-cloudwatch-role', {
    name: `${prefix}-apigateway-cloudwatch`,
    assumeRolePolicy: renderPolicy(policies.templates.serviceTrust, { service: 'apigateway.amazonaws.com', account: accountOf(sameAccountArn) }),
  });
  const logs = new IamRolePolicyAttachment(scope, 'apigateway-cloudwatch-logs', {
    role: role.name,
    policyArn: API_GATEWAY_LOGS_POLICY,
  });
  suppress(
    logs,
    'IAM-002',
    'AWS managed policy for the account-level API Gateway logging role: API Gateway creates one log group per API and stage at run time, so its logs:* writes cannot be scoped to ARNs in advance; only apigateway.amazonaws.com acting for this account can assume the role (IAM-008)',
  );
  // UpdateAccount checks that the role can write to CloudWatch Logs: the role alone (no policy yet) is refused with
  // "The role ARN does not have required permissions set to API Gateway".
  return new ApiGatewayAccount(scope, 'apigateway-account', { cloudwatchRoleArn: role.arn, dependsOn: [logs] });
}
