import { compilePolicy, evaluate, type PolicyKind, type Principal, type Request } from '../../access/iam';

// Rule (IAM User Guide, Cross-account policy evaluation logic, "Determining whether a cross-account request is
// allowed"): "the requester in the trusted AccountA must have an identity-based policy. That policy must allow them
// to make a request to the resource in the trusting AccountB. Additionally, the resource-based policy in AccountB
// must allow the requester in AccountA to access the resource" - "The request is allowed only if both evaluations
// return a decision of Allow."
const TRUSTED = '111111111111';
const TRUSTING = '222222222222';
const ALICE = `arn:aws:iam::${TRUSTED}:user/Alice`;
const QUEUE = `arn:aws:sqs:us-east-1:${TRUSTING}:jobs`;

const policy = (name: string, kind: PolicyKind, ...statements: object[]) =>
  compilePolicy({ Version: '2012-10-17', Statement: statements }, name, kind);
const send = (principal: string, extra: Partial<Request> = {}): Request => ({
  action: 'sqs:SendMessage',
  resource: QUEUE,
  principal: { type: 'AWS', id: principal },
  ...extra,
});
const mayAllSqs = policy('alice-sqs', 'identity', { Sid: 'Sqs', Effect: 'Allow', Action: 'sqs:*', Resource: '*' });
const queuePolicy = (principal: unknown, effect = 'Allow') =>
  policy('queue-policy', 'resource', { Sid: 'Q', Effect: effect, Principal: principal, Action: 'sqs:SendMessage', Resource: QUEUE });

describe('cross-account requests', () => {
  it('allows when the identity policy and the resource policy both allow', () => {
    expect(evaluate(send(ALICE), { identity: [mayAllSqs], resource: queuePolicy({ AWS: ALICE }) })).toEqual({
      decision: 'allowed',
      matched: [
        { policy: 'queue-policy', sid: 'Q', index: 0, effect: 'Allow' },
        { policy: 'alice-sqs', sid: 'Sqs', index: 0, effect: 'Allow' },
      ],
      reasons: [
        `policy "queue-policy" Statement[0] (Sid Q) allows sqs:SendMessage on ${QUEUE}`,
        `policy "alice-sqs" Statement[0] (Sid Sqs) allows sqs:SendMessage on ${QUEUE}`,
      ],
    });
  });

  it('denies on a resource-policy allow alone: the caller account must allow too', () => {
    // Before, a foreign caller was evaluated as same-account, where the resource policy alone suffices.
    expect(evaluate(send(ALICE), { identity: [], resource: queuePolicy({ AWS: ALICE }) })).toEqual({
      decision: 'implicitDeny',
      matched: [],
      reasons: [
        `policy "queue-policy" Statement[0] (Sid Q) allows sqs:SendMessage on ${QUEUE}`,
        `AWS principal ${ALICE} is in account ${TRUSTED} and the resource in account ${TRUSTING}: a cross-account request needs an identity-based policy in account ${TRUSTED} to allow sqs:SendMessage on ${QUEUE}, and none does`,
      ],
    });
  });

  it('denies on an identity allow alone: the resource account must allow too', () => {
    expect(evaluate(send(ALICE), { identity: [mayAllSqs] })).toEqual({
      decision: 'implicitDeny',
      matched: [],
      reasons: [
        `policy "alice-sqs" Statement[0] (Sid Sqs) allows sqs:SendMessage on ${QUEUE}`,
        `AWS principal ${ALICE} is in account ${TRUSTED} and the resource in account ${TRUSTING}: a cross-account request needs the resource's policy to allow it, and the resource has none here`,
      ],
    });
    const other = queuePolicy({ AWS: `arn:aws:iam::${TRUSTED}:user/Bob` });
    expect(evaluate(send(ALICE), { identity: [mayAllSqs], resource: other }).reasons.at(-1)).toBe(
      `AWS principal ${ALICE} is in account ${TRUSTED} and the resource in account ${TRUSTING}: a cross-account request needs the resource's policy to allow it, and no statement in "queue-policy" does`,
    );
  });

  it('accepts a resource policy that names the whole trusted account, with the identity allow', () => {
    // Rule (same page): "You can specify the entire account or its IAM users, federated users, IAM roles, or
    // assumed-role sessions"; an account principal "delegates authority to the account" (Principal).
    for (const account of [TRUSTED, `arn:aws:iam::${TRUSTED}:root`]) {
      expect(evaluate(send(ALICE), { identity: [mayAllSqs], resource: queuePolicy({ AWS: account }) }).decision).toBe('allowed');
      expect(evaluate(send(ALICE), { identity: [], resource: queuePolicy({ AWS: account }) }).decision).toBe('implicitDeny');
    }
  });

  it('keeps the same-account rule: either policy alone is enough', () => {
    // Rule (Policy evaluation logic): "If an action is allowed by an identity-based policy, a resource-based
    // policy, or both, then AWS allows the action."
    const local = `arn:aws:iam::${TRUSTING}:user/Carol`;
    expect(evaluate(send(local), { identity: [], resource: queuePolicy({ AWS: local }) }).decision).toBe('allowed');
    expect(evaluate(send(local), { identity: [mayAllSqs] }).decision).toBe('allowed');
  });

  it('reads the caller account from a role session ARN', () => {
    const session = `arn:aws:sts::${TRUSTED}:assumed-role/Worker/run-1`;
    for (const named of [{ AWS: session }, { AWS: `arn:aws:iam::${TRUSTED}:role/Worker` }, { AWS: TRUSTED }]) {
      expect(evaluate(send(session), { identity: [], resource: queuePolicy(named) }).decision).toBe('implicitDeny');
      expect(evaluate(send(session), { identity: [mayAllSqs], resource: queuePolicy(named) }).decision).toBe('allowed');
    }
  });

  it("reads a root caller's account from its ARN or bare ID; its own account side needs no policy", () => {
    // Rule (How AWS enforcement code logic evaluates requests): "all requests are implicitly denied with the
    // exception of the AWS account root user, which has full access" - in its own account; the trusting account
    // must still allow it.
    for (const root of [TRUSTED, `arn:aws:iam::${TRUSTED}:root`]) {
      expect(evaluate(send(root), { identity: [], resource: queuePolicy({ AWS: TRUSTED }) })).toEqual({
        decision: 'allowed',
        matched: [{ policy: 'queue-policy', sid: 'Q', index: 0, effect: 'Allow' }],
        reasons: [`policy "queue-policy" Statement[0] (Sid Q) allows sqs:SendMessage on ${QUEUE}`, 'the account root user has full access in its own account'],
      });
      expect(evaluate(send(root), { identity: [], resource: queuePolicy({ AWS: `arn:aws:iam::${TRUSTED}:user/Bob` }) }).decision).toBe('implicitDeny');
      expect(evaluate(send(root), { identity: [] }).decision).toBe('implicitDeny');
    }
  });

  it('takes the resource account from resourceAccount when the ARN names none', () => {
    // Rule (IAM identifiers, ARN format): "the ARNs for some resources omit the Region, the account ID, or both":
    // an S3 object ARN says nothing about its account, so the request must.
    const object = 'arn:aws:s3:::shared/report.csv';
    const bucketPolicy = policy('bucket-policy', 'resource', { Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' });
    const get = (resourceAccount?: string): Request => ({ action: 's3:GetObject', resource: object, principal: { type: 'AWS', id: ALICE }, resourceAccount });
    expect(evaluate(get(TRUSTING), { identity: [], resource: bucketPolicy }).decision).toBe('implicitDeny');
    expect(evaluate(get(TRUSTED), { identity: [], resource: bucketPolicy }).decision).toBe('allowed');
    // Unknown: evaluated within the caller's account, as before.
    expect(evaluate(get(), { identity: [], resource: bucketPolicy }).decision).toBe('allowed');
  });

  it("applies the caller's permissions boundary even when the resource policy names the caller", () => {
    // Rule (same page): "When AWS evaluates this account, it checks the identity-based policy and any policies
    // that can limit an identity-based policy" - the escape from implicit denies holds "Within the same account".
    const boundary = policy('boundary', 'boundary', { Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const result = evaluate(send(ALICE), { identity: [mayAllSqs], boundaries: [boundary], resource: queuePolicy({ AWS: ALICE }) });
    expect(result.decision).toBe('implicitDeny');
    expect(result.reasons.at(-1)).toBe(`no permissions boundary allows sqs:SendMessage on ${QUEUE}`);
  });

  it('lets an explicit deny on either side win', () => {
    const denyAll = policy('deny', 'identity', { Effect: 'Deny', Action: 'sqs:*', Resource: '*' });
    expect(evaluate(send(ALICE), { identity: [mayAllSqs, denyAll], resource: queuePolicy({ AWS: ALICE }) }).decision).toBe('explicitDeny');
    expect(evaluate(send(ALICE), { identity: [mayAllSqs], resource: queuePolicy({ AWS: TRUSTED }, 'Deny') }).decision).toBe('explicitDeny');
  });

  it('needs both the trust policy and an identity allow to assume a role in another account', () => {
    // Rule (same page): "In IAM, you can attach a resource-based policy to an IAM role to allow principals in
    // other accounts to assume that role. The role's resource-based policy is called a role trust policy."
    const role = `arn:aws:iam::${TRUSTING}:role/Auditor`;
    const trust = policy('auditor-trust', 'trust', { Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' });
    const mayAssume = policy('may-assume', 'identity', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role });
    const assume: Request = { action: 'sts:AssumeRole', resource: role, principal: { type: 'AWS', id: ALICE } };
    expect(evaluate(assume, { identity: [mayAssume], resource: trust }).decision).toBe('allowed');
    expect(evaluate(assume, { identity: [], resource: trust }).decision).toBe('implicitDeny');
  });

  it('leaves callers without an account (services, web identities) to the resource policy', () => {
    const service: Principal = { type: 'Service', id: 'sns.amazonaws.com' };
    const fromSns = queuePolicy({ Service: 'sns.amazonaws.com' });
    expect(evaluate({ action: 'sqs:SendMessage', resource: QUEUE, principal: service }, { identity: [], resource: fromSns }).decision).toBe('allowed');
  });
});
