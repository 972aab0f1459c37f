import { stageWideSettings } from '../stage-settings';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'APIG-005',
  severity: 'warning',
  title: 'Every API Gateway stage has execution logging (INFO or ERROR) for all methods',
  rationale: 'Execution logs show why a request was denied (IAM, throttling, integration errors); access logs alone do not.',
  anchors: { cdkNag: ['AwsSolutions-APIG6'], checkov: ['CKV2_AWS_4'] },
  check({ model }) {
    return model.apis.flatMap((api) =>
      api.stages.flatMap((stage) => {
        const level = stageWideSettings(model, stage, api.id)?.logging_level;
        if (level === 'INFO' || level === 'ERROR') return [];
        return [
          {
            resource: stage.address,
            message: `execution logging is off (logging_level ${JSON.stringify(level ?? 'OFF')} for */*)`,
            fix: "Set loggingLevel: 'INFO' (or 'ERROR') in the */* method settings; the account needs a CloudWatch role (api.manageAccountLogRole).",
          },
        ];
      }),
    );
  },
};
