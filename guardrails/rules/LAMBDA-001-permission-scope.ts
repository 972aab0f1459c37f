import { accountOf } from '../callers';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'LAMBDA-001',
  severity: 'error',
  title: "Every Lambda permission names a principal of this account or a service acting for one of this stack's resources (source_arn within it, source_account this account)",
  rationale:
    'principal "*", another account, or a service with no (or a wildcard, or a foreign) source_arn lets callers outside the app invoke the function directly, skipping the API\'s IAM authorization (confused deputy).',
  anchors: { checkov: ['CKV_AWS_364', 'CKV_AWS_301'], trivy: ['AVD-AWS-0067'] },
  check({ model }) {
    const findings: Finding[] = [];
    const account = accountOf(model);
    // ARNs a source_arn may name or lie within: the resources this stack owns.
    const owned = [
      ...model.apis.map((api) => api.executionArn),
      ...model.userPools.map((pool) => pool.arn),
      ...model.buckets.map((bucket) => bucket.arn),
      ...model.functions.map((fn) => fn.arn),
      ...model.tables.map((table) => table.arn),
    ];
    const within = (arn: string) => owned.some((own) => arn === own || arn.startsWith(`${own}/`));
    for (const fn of model.functions) {
      for (const permission of fn.permissions) {
        const problem = (message: string, fix: string) => findings.push({ resource: permission.address, message, fix });
        const { principal, sourceArn, sourceAccount } = permission;
        if (permission.functionUrlAuthType === 'NONE') {
          problem('function_url_auth_type is NONE: anyone on the internet can call the function URL', "Use function_url_auth_type 'AWS_IAM', or no function URL.");
          continue;
        }
        if (principal === '*') {
          problem(`principal is "*": anyone${sourceAccount ? ` acting for account ${sourceAccount}` : ''} can invoke the function`, "Name the calling service (principal: 'apigateway.amazonaws.com') and its source_arn.");
          continue;
        }
        const principalAccount = /^\d{12}$/.test(principal) ? principal : /^arn:[^:]+:iam::(\d{12}):/.exec(principal)?.[1];
        if (principalAccount !== undefined) {
          if (principalAccount !== account) problem(`principal ${principal} is another account: it can invoke the function directly`, 'Invoke through this stack\'s API, or name a principal of this account.');
          continue;
        }
        if (sourceAccount !== undefined && sourceAccount !== account) {
          problem(`source_account ${sourceAccount} is another account: ${principal} acting for that account's resources can invoke the function`, `Set source_account to this account (${account}) and source_arn to the calling resource of this stack.`);
          continue;
        }
        if (sourceArn === undefined) {
          problem(
            `${principal} may invoke the function with no source_arn: ${sourceAccount ? 'any resource of this account' : 'a resource of any account'} can make it call`,
            principal === 'apigateway.amazonaws.com' ? 'Set sourceArn: `${api.executionArn}/*/METHOD/path` (IamRestApi does this per route).' : 'Set sourceArn to the calling resource of this stack.',
          );
          continue;
        }
        if (!within(sourceArn)) {
          problem(
            `source_arn ${JSON.stringify(sourceArn)} is not within a resource of this stack: ${principal} acting for other resources (or other accounts) can invoke the function`,
            'Set sourceArn to (a path under) the calling resource of this stack, e.g. `${api.executionArn}/*/GET/path`.',
          );
        } else if (sourceArn.split(':')[4] === '' && sourceAccount === undefined) {
          // An S3 bucket ARN names no account: once the bucket is deleted, anyone can create one of that name
          // (Lambda Developer Guide, "Invoking Lambda functions with Amazon S3": also set SourceAccount).
          problem(`source_arn ${JSON.stringify(sourceArn)} names no account and source_account is not set: a bucket of that name in another account can invoke the function`, `Set source_account to this account (${account}).`);
        }
      }
    }
    return findings;
  },
};
