import { evaluate, type CompiledPolicy } from '../../access/iam';
import { methodArns, pathOf } from '../api-paths';
import { FOREIGN_ACCOUNT } from '../callers';
import { ALLOW_ALL, asCrossAccount } from '../roles';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'APIG-001',
  severity: 'error',
  title: 'Every API method (any verb, ANY included) is callable only through IAM by this account\'s principals: no NONE, CUSTOM or COGNITO_USER_POOLS authorization, no resource policy open to another account or to everyone',
  rationale:
    'Anything but AWS_IAM bypasses the group → role → execute-api:Invoke chain; a resource policy Allow for "*" or another account lets callers outside the app in. An API key is not authorization.',
  anchors: { cdkNag: ['AwsSolutions-APIG4'], checkov: ['CKV_AWS_59', 'CKV2_AWS_70'], trivy: ['AVD-AWS-0004'] },
  check({ model }) {
    const findings: Finding[] = [];
    for (const api of model.apis) {
      const policy = api.policy?.compiled;
      for (const method of api.methods) {
        const label = `${method.httpMethod} ${pathOf(api, method)}`;
        // A CORS preflight answered by API Gateway itself (MOCK) reaches no backend.
        if (method.httpMethod === 'OPTIONS' && method.integration?.integrationType === 'MOCK') continue;
        const arns = methodArns(api, method);
        // API Gateway developer guide, "How API Gateway resource policies affect authorization workflow": with no
        // authorization the resource policy alone decides (none: allowed); with AWS_IAM a caller of another
        // account needs the resource policy to allow it, on top of its own account's allow.
        const reach = (resourcePolicy: CompiledPolicy, principal: { type: 'AWS'; id: string } | undefined) =>
          arns.find((resource) => {
            const identity = principal ? [ALLOW_ALL] : [];
            return evaluate({ action: 'execute-api:Invoke', resource, principal, context: { 'aws:SourceIp': '203.0.113.7' } }, { identity, resource: asCrossAccount(resourcePolicy) }).decision === 'allowed';
          });
        const key = method.apiKeyRequired ? ' (api_key_required does not help: an API key identifies a client, it does not authorize a caller)' : '';
        if (method.authorization !== 'AWS_IAM') {
          // NONE, but the resource policy admits no anonymous caller: only the callers it names, checked below.
          const closed = method.authorization === 'NONE' && policy !== undefined && reach(policy, undefined) === undefined;
          if (!closed) {
            findings.push({
              resource: method.address,
              message:
                method.authorization === 'NONE'
                  ? `${label} method has authorization NONE: anyone can call it without credentials${key}`
                  : `${label} method has authorization ${method.authorization}: ${method.authorization === 'CUSTOM' ? 'a Lambda authorizer whose code the guardrails cannot read decides' : 'any user of the user pool, in any group, can call it'}, not the group's IAM role${key}`,
              fix: "Use authorization: 'AWS_IAM' (IamRestApi does this for every route in stacks/config.ts).",
            });
            continue;
          }
        }
        const foreign = policy ? reach(policy, { type: 'AWS', id: `arn:aws:iam::${FOREIGN_ACCOUNT}:role/attacker` }) : undefined;
        if (foreign) {
          findings.push({
            resource: method.address,
            message: `${label}: the API resource policy (${api.policy?.address}) lets principals of another account (${FOREIGN_ACCOUNT}) invoke ${foreign}${key}`,
            fix: 'Allow only this account\'s principals in the API resource policy, or drop the policy (AWS_IAM plus the group role is enough).',
          });
        }
      }
    }
    return findings;
  },
};
