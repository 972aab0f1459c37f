import { num } from '../../model/values';
import { stageWideSettings } from '../stage-settings';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'APIG-004',
  severity: 'error',
  title: 'Every API Gateway stage throttles all methods (method settings */* with burst and rate limits)',
  rationale: 'Without stage throttling one client can exhaust the account-wide API Gateway and Lambda concurrency.',
  anchors: {},
  check({ model }) {
    return model.apis.flatMap((api) =>
      api.stages.flatMap((stage) => {
        const settings = stageWideSettings(model, stage, api.id);
        const limit = (field: string) => {
          const value = num(settings?.[field], stage.address, `method settings ${field}`);
          return value !== undefined && value >= 0;
        };
        if (limit('throttling_burst_limit') && limit('throttling_rate_limit')) return [];
        return [
          {
            resource: stage.address,
            message: settings
              ? 'the */* method settings set no throttling_burst_limit and throttling_rate_limit (-1 or unset means unthrottled)'
              : 'no aws_api_gateway_method_settings with method_path "*/*" for this stage: methods are not throttled',
            fix: 'Add method settings for "*/*" with throttlingBurstLimit and throttlingRateLimit (stacks/config.ts api.throttling*).',
          },
        ];
      }),
    );
  },
};
