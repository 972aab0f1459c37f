import { block } from '../stack';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'LAMBDA-003',
  severity: 'error',
  title: 'Every Lambda function has active X-Ray tracing',
  rationale: 'Traces link each invocation to the API call and the identity that caused it.',
  anchors: { checkov: ['CKV_AWS_50'], trivy: ['AVD-AWS-0066'] },
  check({ stack }) {
    return stack
      .ofType('aws_lambda_function')
      .filter((fn) => block(fn.body.tracing_config)?.mode !== 'Active')
      .map((fn) => ({
        resource: fn.address,
        message: `tracing_config.mode is ${JSON.stringify(block(fn.body.tracing_config)?.mode ?? 'PassThrough (default)')}`,
        fix: "Set tracingConfig: { mode: 'Active' } (NodeFunction does).",
      }));
  },
};
