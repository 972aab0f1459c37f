import type { Rule } from '../types';

export const rule: Rule = {
  id: 'APIG-003',
  severity: 'error',
  title: 'Every API Gateway stage has X-Ray tracing on',
  rationale: 'Traces tie an API call to the Lambda invocation it caused, which an incident review needs.',
  anchors: { checkov: ['CKV_AWS_73'], trivy: ['AVD-AWS-0003'] },
  check({ model }) {
    return model.apis
      .flatMap((api) => api.stages)
      .filter((stage) => model.readBool(stage, 'xray_tracing_enabled') !== true)
      .map((stage) => ({
        resource: stage.address,
        message: 'xray_tracing_enabled is not true',
        fix: 'Set xrayTracingEnabled: true on the stage.',
      }));
  },
};
