import type { Rule } from '../types';

export const rule: Rule = {
  id: 'APIG-002',
  severity: 'error',
  title: 'Every API Gateway stage writes an access log',
  rationale: 'The access log is the only record of who (which Cognito identity) called what; without it nothing can be audited.',
  anchors: { cdkNag: ['AwsSolutions-APIG1'], checkov: ['CKV_AWS_76'], trivy: ['AVD-AWS-0001'] },
  check({ model }) {
    return model.apis.flatMap((api) => api.stages).flatMap((stage) => {
      const settings = model.readBlock(stage, 'access_log_settings');
      if (settings?.destination_arn && settings.format) return [];
      return [
        {
          resource: stage.address,
          message: 'stage has no access_log_settings (destination_arn and format)',
          fix: 'Set accessLogSettings { destinationArn: <log group arn>, format } on the stage (see IamRestApi).',
        },
      ];
    });
  },
};
