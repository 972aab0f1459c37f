import { findings, policy, ref, type Resources } from './helpers';

// IAM User Guide, "IAM and AWS STS quotas": a role's inline policies together at most 10,240 characters, a managed
// policy at most 6,144, a role trust policy at most 2,048 (by default); whitespace does not count.
const ROLE_INLINE = 10_240;
const MANAGED = 6_144;
const TRUST = 2_048;

const lambdaTrust = policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }]);

/** A policy of exactly `size` characters (JSON.stringify writes no whitespace), padded in a Sid. */
function policyOfSize(size: number): string {
  const base = policy([{ Sid: '', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::files/*' }]);
  const text = policy([{ Sid: 'x'.repeat(size - base.length), Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::files/*' }]);
  expect(text).toHaveLength(size);
  return text;
}

const role = (inline: Record<string, string>, trust = lambdaTrust): Resources => ({
  aws_iam_role: { exec: { name: 'exec', assume_role_policy: trust } },
  aws_iam_role_policy: Object.fromEntries(Object.entries(inline).map(([name, text]) => [name, { role: ref('aws_iam_role.exec.id'), policy: text }])),
});
const messages = async (rule: string, resources: Resources) => (await findings(rule, resources)).map((f) => [f.resource, f.message, f.fix]);

describe('IAM-004: inline and managed policy size', () => {
  it('allows a role exactly 10,240 characters of inline policies, across its policies, and refuses one more', async () => {
    const half = ROLE_INLINE / 2;
    expect(await messages('IAM-004', role({ a: policyOfSize(half), b: policyOfSize(half) }))).toEqual([]);
    expect(await messages('IAM-004', role({ a: policyOfSize(half), b: policyOfSize(half + 1) }))).toEqual([
      [
        'aws_iam_role.exec',
        `inline policies total ${ROLE_INLINE + 1} characters (aws_iam_role_policy.a, aws_iam_role_policy.b), over IAM's ${ROLE_INLINE} per role`,
        'Use wildcards in route ARNs (e.g. GET/reports/*), split the group, or move the grant to a managed policy.',
      ],
    ]);
  });

  it('does not count whitespace', async () => {
    const spaced = JSON.stringify(JSON.parse(policyOfSize(ROLE_INLINE)), null, 2);
    expect(spaced.length).toBeGreaterThan(ROLE_INLINE);
    expect(await messages('IAM-004', role({ a: spaced }))).toEqual([]);
  });

  it('allows a managed policy of exactly 6,144 characters and refuses one more', async () => {
    const managed = (size: number): Resources => ({ aws_iam_policy: { big: { name: 'big', policy: policyOfSize(size) } } });
    expect(await messages('IAM-004', managed(MANAGED))).toEqual([]);
    expect(await messages('IAM-004', managed(MANAGED + 1))).toEqual([
      ['aws_iam_policy.big', `managed policy is ${MANAGED + 1} characters, over IAM's ${MANAGED}`, 'Split the policy or use wildcards in resource ARNs.'],
    ]);
  });
});

describe('IAM-005: trust policy size', () => {
  const trustOfSize = (size: number) => {
    const statement = (sid: string) => ({ Sid: sid, Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } });
    const base = policy([statement('')]);
    return policy([statement('x'.repeat(size - base.length))]);
  };

  it('allows exactly 2,048 characters and refuses one more', async () => {
    expect(trustOfSize(TRUST)).toHaveLength(TRUST);
    expect(await messages('IAM-005', role({}, trustOfSize(TRUST)))).toEqual([]);
    expect(await messages('IAM-005', role({}, trustOfSize(TRUST + 1)))).toEqual([
      [
        'aws_iam_role.exec',
        `trust policy is ${TRUST + 1} characters, over IAM's default ${TRUST}`,
        'Trust fewer principals per role, or request the 4,096-character quota and suppress with the request reference.',
      ],
    ]);
  });
});

describe('IAM-008: service roles and the confused deputy', () => {
  const trust = (statement: object | object[]) => role({}, JSON.stringify({ Version: '2012-10-17', Statement: statement }));

  it('reports each service of the trust that this account does not pin, with the fix', async () => {
    // IAM User Guide, "The confused deputy problem": aws:SourceAccount or aws:SourceArn keeps a service from using the
    // role on behalf of another account's resource.
    expect(await messages('IAM-008', trust([{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'apigateway.amazonaws.com'] }, Action: 'sts:AssumeRole' }]))).toEqual(
      ['lambda.amazonaws.com', 'apigateway.amazonaws.com'].map((service) => [
        'aws_iam_role.exec',
        `trust lets ${service} assume the role while acting for account 999988887777 (no aws:SourceAccount or aws:SourceArn condition pins this account)`,
        'Add "StringEquals": { "aws:SourceAccount": "<this account>" } to the service trust statement (policies/vN/service-trust.json).',
      ]),
    );
  });

  it('reads a single statement written without a list', async () => {
    expect((await messages('IAM-008', trust({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }))).map(([r]) => r)).toEqual(['aws_iam_role.exec']);
  });

  it('passes a trust pinned to this account by source ARN, and trusts without a service', async () => {
    const pinned = { Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:apigateway:us-east-1:123456789012:*' } } };
    expect(await messages('IAM-008', trust([pinned]))).toEqual([]);
    expect(await messages('IAM-008', trust([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }]))).toEqual([]);
  });
});
