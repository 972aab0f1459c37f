import type { Rule } from '../types';

export const rule: Rule = {
  id: 'LAMBDA-003',
  severity: 'error',
  title: 'Every Lambda function has active X-Ray tracing',
  rationale: 'Traces link each invocation to the API call and the identity that caused it.',
  anchors: { checkov: ['CKV_AWS_50'], trivy: ['AVD-AWS-0066'] },
  check({ model }) {
    return model.functions.flatMap((fn) => {
      const mode = model.readBlock(fn, 'tracing_config')?.mode;
      if (mode === 'Active') return [];
      return [
        {
          resource: fn.address,
          message: `tracing_config.mode is ${JSON.stringify(mode ?? 'PassThrough (default)')}`,
          fix: "Set tracingConfig: { mode: 'Active' } (NodeFunction does).",
        },
      ];
    });
  },
};
