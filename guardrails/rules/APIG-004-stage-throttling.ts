import { stageWideSettings } from '../resources';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'APIG-004',
  severity: 'error',
  title: 'Every API Gateway stage throttles all methods (method settings */* with burst and rate limits)',
  rationale: 'Without stage throttling one client can exhaust the account-wide API Gateway and Lambda concurrency.',
  anchors: {},
  check({ stack }) {
    return stack.ofType('aws_api_gateway_stage').flatMap((stage) => {
      const settings = stageWideSettings(stack, stage);
      const limit = (field: string) => {
        const value = settings?.[field];
        return typeof value === 'number' && value >= 0;
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
    });
  },
};
