import { NODE_RUNTIME } from '../../stacks/constructs/node-function';
import { describeRule, ref, withChanges, type Resources } from './helpers';

function fn(): Resources {
  return {
    aws_api_gateway_rest_api: { api: { name: 'api' } },
    aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/office-user', retention_in_days: 30 } },
    aws_iam_role: {
      exec: {
        name: 'office-user-exec',
        assume_role_policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }],
        }),
      },
    },
    aws_lambda_function: {
      user: {
        function_name: 'office-user',
        role: ref('aws_iam_role.exec.arn'),
        runtime: NODE_RUNTIME,
        tracing_config: { mode: 'Active' },
        logging_config: { log_format: 'JSON', log_group: ref('aws_cloudwatch_log_group.logs.name') },
        reserved_concurrent_executions: 5,
      },
    },
    aws_lambda_permission: {
      invoke: {
        action: 'lambda:InvokeFunction',
        function_name: ref('aws_lambda_function.user.function_name'),
        principal: 'apigateway.amazonaws.com',
        source_arn: `${ref('aws_api_gateway_rest_api.api.execution_arn')}/*/GET/user`,
      },
    },
  };
}
const permission = (r: Resources) => r.aws_lambda_permission!.invoke!;
const lambda = (r: Resources) => r.aws_lambda_function!.user!;

describeRule('LAMBDA-001', [
  { name: 'passes: scoped to this API', resources: fn(), expect: [] },
  {
    name: 'fails: no source_arn',
    resources: withChanges(fn(), (r) => {
      delete permission(r).source_arn;
    }),
    expect: ['aws_lambda_permission.invoke'],
    message: /no source_arn: a resource of any account can make it call/,
  },
  {
    name: 'fails: source_arn of an API outside this stack',
    resources: withChanges(fn(), (r) => {
      permission(r).source_arn = 'arn:aws:execute-api:us-east-1:123456789012:*';
    }),
    expect: ['aws_lambda_permission.invoke'],
  },
  {
    name: 'fails: wildcard principal',
    resources: withChanges(fn(), (r) => {
      permission(r).principal = '*';
    }),
    expect: ['aws_lambda_permission.invoke'],
  },
  {
    name: 'passes: S3 notifications from this stack\'s bucket and account',
    resources: withChanges(fn(), (r) => {
      r.aws_s3_bucket = { uploads: { bucket: 'office-uploads' } };
      Object.assign(permission(r), { principal: 's3.amazonaws.com', source_arn: ref('aws_s3_bucket.uploads.arn'), source_account: '123456789012' });
    }),
    expect: [],
  },
  {
    // Lambda Developer Guide, "Tutorial: Using an Amazon S3 trigger": bucket ARNs hold no account; set SourceAccount.
    name: 'fails: S3 notifications with no source_account',
    resources: withChanges(fn(), (r) => {
      r.aws_s3_bucket = { uploads: { bucket: 'office-uploads' } };
      Object.assign(permission(r), { principal: 's3.amazonaws.com', source_arn: ref('aws_s3_bucket.uploads.arn') });
    }),
    expect: ['aws_lambda_permission.invoke'],
    message: /names no account/,
  },
]);

describeRule('LAMBDA-002', [
  { name: `passes: ${NODE_RUNTIME}`, resources: fn(), expect: [] },
  {
    name: 'fails: nodejs18.x',
    resources: withChanges(fn(), (r) => {
      lambda(r).runtime = 'nodejs18.x';
    }),
    expect: ['aws_lambda_function.user'],
  },
]);

describeRule('LAMBDA-003', [
  { name: 'passes: Active', resources: fn(), expect: [] },
  {
    name: 'fails: no tracing config',
    resources: withChanges(fn(), (r) => {
      delete lambda(r).tracing_config;
    }),
    expect: ['aws_lambda_function.user'],
  },
]);

describeRule('LAMBDA-004', [
  { name: 'passes: declared log group with retention', resources: fn(), expect: [] },
  {
    name: 'fails: log group without retention',
    resources: withChanges(fn(), (r) => {
      delete r.aws_cloudwatch_log_group!.logs!.retention_in_days;
    }),
    expect: ['aws_cloudwatch_log_group.logs'],
  },
  {
    name: 'fails: function whose log group Lambda would create',
    resources: withChanges(fn(), (r) => {
      delete r.aws_cloudwatch_log_group;
      delete lambda(r).logging_config;
    }),
    expect: ['aws_lambda_function.user'],
  },
]);

describeRule('LAMBDA-005', [
  { name: 'passes: reserved concurrency', resources: fn(), expect: [] },
  {
    name: 'fails: unset',
    resources: withChanges(fn(), (r) => {
      delete lambda(r).reserved_concurrent_executions;
    }),
    expect: ['aws_lambda_function.user'],
  },
]);

