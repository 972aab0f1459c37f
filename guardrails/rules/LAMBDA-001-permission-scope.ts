import { refsIn } from '../template';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'LAMBDA-001',
  severity: 'error',
  title: "Lambda permissions name a principal and, for API Gateway, a source_arn within this stack's API execution ARN",
  rationale:
    "Without a scoped source_arn any API Gateway API in any account can invoke the function, skipping this API's IAM authorization.",
  anchors: { checkov: ['CKV_AWS_364', 'CKV_AWS_301'], trivy: ['AVD-AWS-0067'] },
  check({ stack }) {
    const findings: Finding[] = [];
    for (const permission of stack.ofType('aws_lambda_permission')) {
      const principal = permission.body.principal;
      const sourceArn = permission.body.source_arn;
      if (principal === '*') {
        findings.push({
          resource: permission.address,
          message: 'principal is "*": anyone can invoke the function',
          fix: "Name the calling service (principal: 'apigateway.amazonaws.com') and its source_arn.",
        });
        continue;
      }
      if (principal === 'apigateway.amazonaws.com') {
        const api = typeof sourceArn === 'string' && sourceArn.startsWith('${') ? refsIn(sourceArn)[0] : undefined;
        const scoped =
          api !== undefined &&
          api.type === 'aws_api_gateway_rest_api' &&
          api.attr === 'execution_arn' &&
          stack.get(api.address) !== undefined &&
          (sourceArn as string).startsWith(`\${${api.address}.execution_arn}`);
        if (!scoped) {
          findings.push({
            resource: permission.address,
            message:
              sourceArn === undefined
                ? 'API Gateway may invoke the function with no source_arn: any API in any account can call it'
                : `source_arn ${JSON.stringify(sourceArn)} is not within the execution ARN of an API of this stack`,
            fix: 'Set sourceArn: `${api.executionArn}/*/METHOD/path` (IamRestApi does this per route).',
          });
        }
        continue;
      }
      if (typeof principal === 'string' && principal.endsWith('.amazonaws.com') && !sourceArn && !permission.body.source_account) {
        findings.push({
          resource: permission.address,
          message: `service principal ${principal} may invoke the function with neither source_arn nor source_account`,
          fix: 'Set sourceArn (or at least sourceAccount) to the calling resource.',
        });
      }
    }
    return findings;
  },
};
