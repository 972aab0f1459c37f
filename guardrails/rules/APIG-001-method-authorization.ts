import type { Rule } from '../types';

export const rule: Rule = {
  id: 'APIG-001',
  severity: 'error',
  title: 'No API Gateway method (other than OPTIONS) has authorization NONE',
  rationale: 'An unauthorized method bypasses the whole group → role → execute-api:Invoke chain.',
  anchors: { cdkNag: ['AwsSolutions-APIG4'], checkov: ['CKV_AWS_59', 'CKV2_AWS_70'], trivy: ['AVD-AWS-0004'] },
  check({ stack }) {
    return stack
      .ofType('aws_api_gateway_method')
      .filter((method) => method.body.authorization === 'NONE' && method.body.http_method !== 'OPTIONS')
      .map((method) => ({
        resource: method.address,
        message: `${String(method.body.http_method)} method has authorization NONE: anyone can call it without credentials`,
        fix: "Use authorization: 'AWS_IAM' (IamRestApi does this for every route in stacks/config.ts).",
      }));
  },
};
