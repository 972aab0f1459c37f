import { NODE_RUNTIME } from '../../stacks/constructs/node-function';
import { findings, ref, withChanges, type Resources } from './helpers';

const STAGE = 'aws_api_gateway_stage.stage';
const FUNCTION = 'aws_lambda_function.user';
const found = async (rule: string, resources: Resources) => (await findings(rule, resources)).map((f) => [f.resource, f.message, f.fix]);

/** One API stage with access logs, X-Ray, stage-wide method settings (throttled, logging INFO), and a WAF. */
function api(): Resources {
  const id = ref('aws_api_gateway_rest_api.api.id');
  return {
    aws_api_gateway_rest_api: { api: { name: 'api' } },
    aws_api_gateway_deployment: { deployment: { rest_api_id: id } },
    aws_cloudwatch_log_group: { access: { name: 'api-access', retention_in_days: 30 } },
    aws_api_gateway_stage: {
      stage: {
        rest_api_id: id,
        deployment_id: ref('aws_api_gateway_deployment.deployment.id'),
        stage_name: 'api',
        xray_tracing_enabled: true,
        access_log_settings: { destination_arn: ref('aws_cloudwatch_log_group.access.arn'), format: '{"requestId":"$context.requestId"}' },
      },
    },
    aws_api_gateway_method_settings: {
      settings: { rest_api_id: id, stage_name: ref('aws_api_gateway_stage.stage.stage_name'), method_path: '*/*', settings: { throttling_burst_limit: 20, throttling_rate_limit: 10, logging_level: 'INFO' } },
    },
    aws_wafv2_web_acl_association: {
      waf: { resource_arn: ref('aws_api_gateway_stage.stage.arn'), web_acl_arn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/acl/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b' },
    },
  };
}
const settings = (r: Resources) => r.aws_api_gateway_method_settings!.settings!.settings as Record<string, unknown>;
const stage = (r: Resources) => r.aws_api_gateway_stage!.stage!;

describe('API stage settings', () => {
  it('APIG-002 needs both a destination and a format', async () => {
    // API Gateway Developer Guide, "Set up CloudWatch logging": an access log needs a destination and a log format.
    expect(await found('APIG-002', withChanges(api(), (r) => delete (stage(r).access_log_settings as Record<string, unknown>).format))).toEqual([
      [STAGE, 'stage has no access_log_settings (destination_arn and format)', 'Set accessLogSettings { destinationArn: <log group arn>, format } on the stage (see IamRestApi).'],
    ]);
  });

  it('APIG-003 and APIG-006 name the missing setting', async () => {
    expect(await found('APIG-003', withChanges(api(), (r) => (stage(r).xray_tracing_enabled = false)))).toEqual([[STAGE, 'xray_tracing_enabled is not true', 'Set xrayTracingEnabled: true on the stage.']]);
    expect(await found('APIG-006', withChanges(api(), (r) => delete r.aws_wafv2_web_acl_association))).toEqual([
      [STAGE, 'no aws_wafv2_web_acl_association names this stage', 'Associate a WAFv2 web ACL with the stage ARN, or suppress with the cost decision.'],
    ]);
  });

  it('APIG-004 counts 0 as a limit and -1 as none, on both limits', async () => {
    // API Gateway Developer Guide, "Throttle requests to your REST APIs": -1 disables a throttle; 0 lets no request through.
    const fix = 'Add method settings for "*/*" with throttlingBurstLimit and throttlingRateLimit (stacks/config.ts api.throttling*).';
    expect(await found('APIG-004', withChanges(api(), (r) => Object.assign(settings(r), { throttling_burst_limit: 0, throttling_rate_limit: 0 })))).toEqual([]);
    expect(await found('APIG-004', withChanges(api(), (r) => (settings(r).throttling_rate_limit = -1)))).toEqual([
      [STAGE, 'the */* method settings set no throttling_burst_limit and throttling_rate_limit (-1 or unset means unthrottled)', fix],
    ]);
    expect(await found('APIG-004', withChanges(api(), (r) => delete settings(r).throttling_burst_limit))).toHaveLength(1);
    expect(await found('APIG-004', withChanges(api(), (r) => delete r.aws_api_gateway_method_settings))).toEqual([
      [STAGE, 'no aws_api_gateway_method_settings with method_path "*/*" for this stage: methods are not throttled', fix],
    ]);
  });

  it('APIG-005 accepts INFO and ERROR and names any other level, OFF by default', async () => {
    const fix = "Set loggingLevel: 'INFO' (or 'ERROR') in the */* method settings; the account needs a CloudWatch role (api.manageAccountLogRole).";
    expect(await found('APIG-005', withChanges(api(), (r) => (settings(r).logging_level = 'ERROR')))).toEqual([]);
    expect(await found('APIG-005', withChanges(api(), (r) => (settings(r).logging_level = 'OFF')))).toEqual([[STAGE, 'execution logging is off (logging_level "OFF" for */*)', fix]]);
    expect(await found('APIG-005', withChanges(api(), (r) => delete settings(r).logging_level))).toEqual([[STAGE, 'execution logging is off (logging_level "OFF" for */*)', fix]]);
  });
});

function fn(): Resources {
  return {
    aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/office-user', retention_in_days: 30 } },
    aws_iam_role: { exec: { name: 'exec', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) } },
    aws_lambda_function: {
      user: { function_name: 'office-user', role: ref('aws_iam_role.exec.arn'), runtime: NODE_RUNTIME, tracing_config: { mode: 'Active' }, reserved_concurrent_executions: 5 },
    },
  };
}
const lambda = (r: Resources) => r.aws_lambda_function!.user!;

describe('Lambda function settings', () => {
  it('LAMBDA-002 judges Node.js runtimes only', async () => {
    expect(await found('LAMBDA-002', withChanges(fn(), (r) => (lambda(r).runtime = 'nodejs20.x')))).toEqual([
      [FUNCTION, `runtime nodejs20.x is not ${NODE_RUNTIME}`, 'Use NODE_RUNTIME from stacks/constructs/node-function.ts (NodeFunction does).'],
    ]);
    expect(await found('LAMBDA-002', withChanges(fn(), (r) => (lambda(r).runtime = 'python3.12')))).toEqual([]);
    // A container image function sets no runtime.
    expect(await found('LAMBDA-002', withChanges(fn(), (r) => delete lambda(r).runtime))).toEqual([]);
  });

  it('LAMBDA-003 names the tracing mode, PassThrough by default', async () => {
    const fix = "Set tracingConfig: { mode: 'Active' } (NodeFunction does).";
    expect(await found('LAMBDA-003', withChanges(fn(), (r) => delete lambda(r).tracing_config))).toEqual([[FUNCTION, 'tracing_config.mode is "PassThrough (default)"', fix]]);
    expect(await found('LAMBDA-003', withChanges(fn(), (r) => (lambda(r).tracing_config = { mode: 'PassThrough' })))).toEqual([[FUNCTION, 'tracing_config.mode is "PassThrough"', fix]]);
  });

  it('LAMBDA-004 finds the default log group by function name, and refuses retention 0 (never expire)', async () => {
    // Lambda Developer Guide, "Sending Lambda function logs to CloudWatch Logs": the default group is
    // /aws/lambda/<function name>; CloudWatch Logs keeps a group without retention (0) forever.
    expect(await found('LAMBDA-004', fn())).toEqual([]);
    expect(await found('LAMBDA-004', withChanges(fn(), (r) => (r.aws_cloudwatch_log_group!.logs!.retention_in_days = 0)))).toEqual([
      ['aws_cloudwatch_log_group.logs', 'retention_in_days is 0: logs never expire', 'Set retentionInDays (stacks/config.ts logRetentionDays).'],
    ]);
    expect(await found('LAMBDA-004', withChanges(fn(), (r) => delete r.aws_cloudwatch_log_group!.logs!.retention_in_days))).toEqual([
      ['aws_cloudwatch_log_group.logs', 'retention_in_days is "unset": logs never expire', 'Set retentionInDays (stacks/config.ts logRetentionDays).'],
    ]);
    expect(await found('LAMBDA-004', withChanges(fn(), (r) => (r.aws_cloudwatch_log_group!.logs!.name = '/aws/lambda/other')))).toEqual([
      [
        FUNCTION,
        'its log group /aws/lambda/office-user is not declared in this stack: Lambda will create one that keeps logs forever',
        'Declare a CloudwatchLogGroup with retentionInDays and point loggingConfig.logGroup at it (NodeFunction does).',
      ],
    ]);
  });

  it('LAMBDA-005 accepts a reservation of 0 and refuses an unset one', async () => {
    // Lambda Developer Guide, "Configuring reserved concurrency": 0 is a valid reservation (it stops all invocations).
    expect(await found('LAMBDA-005', withChanges(fn(), (r) => (lambda(r).reserved_concurrent_executions = 0)))).toEqual([]);
    expect(await found('LAMBDA-005', withChanges(fn(), (r) => delete lambda(r).reserved_concurrent_executions))).toEqual([
      [FUNCTION, 'reserved_concurrent_executions is unset: the function can use the whole account concurrency', 'Set reservedConcurrentExecutions, or suppress where the account quota is too small to reserve from.'],
    ]);
  });
});
