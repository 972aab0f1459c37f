import { describeRule, ref, withChanges, type Resources } from './helpers';

function api(): Resources {
  return {
    aws_api_gateway_rest_api: { api: { name: 'api' } },
    aws_api_gateway_method: {
      get: { rest_api_id: ref('aws_api_gateway_rest_api.api.id'), resource_id: ref('aws_api_gateway_rest_api.api.root_resource_id'), http_method: 'GET', authorization: 'AWS_IAM' },
      options: { rest_api_id: ref('aws_api_gateway_rest_api.api.id'), resource_id: ref('aws_api_gateway_rest_api.api.root_resource_id'), http_method: 'OPTIONS', authorization: 'NONE' },
    },
    // API Gateway answers the CORS preflight itself: no backend is reached.
    aws_api_gateway_integration: {
      options: { rest_api_id: ref('aws_api_gateway_rest_api.api.id'), resource_id: ref('aws_api_gateway_rest_api.api.root_resource_id'), http_method: 'OPTIONS', type: 'MOCK' },
    },
    aws_api_gateway_deployment: { deployment: { rest_api_id: ref('aws_api_gateway_rest_api.api.id') } },
    aws_cloudwatch_log_group: { access: { name: 'api-access', retention_in_days: 30 } },
    aws_api_gateway_stage: {
      stage: {
        rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
        deployment_id: ref('aws_api_gateway_deployment.deployment.id'),
        stage_name: 'api',
        xray_tracing_enabled: true,
        access_log_settings: { destination_arn: ref('aws_cloudwatch_log_group.access.arn'), format: '{"requestId":"$context.requestId"}' },
      },
    },
    aws_api_gateway_method_settings: {
      settings: {
        rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
        stage_name: ref('aws_api_gateway_stage.stage.stage_name'),
        method_path: '*/*',
        settings: { throttling_burst_limit: 20, throttling_rate_limit: 10, logging_level: 'INFO', metrics_enabled: true },
      },
    },
    aws_wafv2_web_acl_association: {
      waf: { resource_arn: ref('aws_api_gateway_stage.stage.arn'), web_acl_arn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/acl/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b' },
    },
  };
}
const stage = (r: Resources) => r.aws_api_gateway_stage!.stage!;
const settings = (r: Resources) => r.aws_api_gateway_method_settings!.settings!.settings as Record<string, unknown>;

describeRule('APIG-001', [
  { name: 'passes: AWS_IAM, and OPTIONS may be open', resources: api(), expect: [] },
  {
    name: 'fails: GET with authorization NONE',
    resources: withChanges(api(), (r) => {
      r.aws_api_gateway_method!.get!.authorization = 'NONE';
    }),
    expect: ['aws_api_gateway_method.get'],
  },
  {
    // Issue 14 planted mistake: only GET was flagged. Every verb is its own method with its own authorization.
    name: 'fails: POST with authorization NONE',
    resources: withChanges(api(), (r) => {
      Object.assign(r.aws_api_gateway_method!.get!, { http_method: 'POST', authorization: 'NONE' });
    }),
    expect: ['aws_api_gateway_method.get'],
    message: /^POST \/ method has authorization NONE/,
  },
  {
    name: 'fails: ANY with authorization NONE',
    resources: withChanges(api(), (r) => {
      Object.assign(r.aws_api_gateway_method!.get!, { http_method: 'ANY', authorization: 'NONE' });
    }),
    expect: ['aws_api_gateway_method.get'],
  },
  {
    // API Gateway answers a MOCK preflight itself; an OPTIONS method that proxies to a backend is a method like any other.
    name: 'fails: OPTIONS with NONE whose integration is not MOCK',
    resources: withChanges(api(), (r) => {
      r.aws_api_gateway_integration!.options!.type = 'HTTP_PROXY';
      r.aws_api_gateway_integration!.options!.uri = 'https://backend.example.com/';
      r.aws_api_gateway_integration!.options!.integration_http_method = 'ANY';
    }),
    expect: ['aws_api_gateway_method.options'],
  },
]);

describeRule('APIG-002', [
  { name: 'passes: access log set', resources: api(), expect: [] },
  {
    name: 'fails: no access log',
    resources: withChanges(api(), (r) => {
      delete stage(r).access_log_settings;
    }),
    expect: ['aws_api_gateway_stage.stage'],
  },
]);

describeRule('APIG-003', [
  { name: 'passes: X-Ray on', resources: api(), expect: [] },
  {
    name: 'fails: X-Ray off',
    resources: withChanges(api(), (r) => {
      stage(r).xray_tracing_enabled = false;
    }),
    expect: ['aws_api_gateway_stage.stage'],
  },
]);

describeRule('APIG-004', [
  { name: 'passes: */* throttled', resources: api(), expect: [] },
  {
    name: 'fails: no method settings',
    resources: withChanges(api(), (r) => {
      delete r.aws_api_gateway_method_settings;
    }),
    expect: ['aws_api_gateway_stage.stage'],
    message: /not throttled/,
  },
  {
    name: 'fails: -1 means unthrottled',
    resources: withChanges(api(), (r) => {
      settings(r).throttling_rate_limit = -1;
    }),
    expect: ['aws_api_gateway_stage.stage'],
  },
  {
    name: 'fails: settings only for one method do not cover the stage',
    resources: withChanges(api(), (r) => {
      r.aws_api_gateway_method_settings!.settings!.method_path = 'user/GET';
    }),
    expect: ['aws_api_gateway_stage.stage'],
  },
]);

describeRule('APIG-005', [
  { name: 'passes: INFO', resources: api(), expect: [] },
  {
    name: 'fails: OFF',
    resources: withChanges(api(), (r) => {
      settings(r).logging_level = 'OFF';
    }),
    expect: ['aws_api_gateway_stage.stage'],
  },
]);

describeRule('APIG-006', [
  { name: 'passes: WAF associated with the stage', resources: api(), expect: [] },
  {
    name: 'fails: no WAF association',
    resources: withChanges(api(), (r) => {
      delete r.aws_wafv2_web_acl_association;
    }),
    expect: ['aws_api_gateway_stage.stage'],
  },
]);
