import { compilePolicy, evaluate, type PolicyKind } from '../../access/iam';
import { ACCOUNT, API } from './helpers';

const USER = `${API}/api/GET/user`;
const ADMIN = `${API}/api/GET/admin`;
const invoke = (resource: string) => ({ action: 'execute-api:Invoke', resource });
const statement = (effect: string, resource: string, sid?: string) => ({
  ...(sid === undefined ? {} : { Sid: sid }),
  Effect: effect,
  Action: 'execute-api:Invoke',
  Resource: resource,
});
const policy = (name: string, kind: PolicyKind, ...statements: object[]) =>
  compilePolicy({ Version: '2012-10-17', Statement: statements }, name, kind);

const userPolicy = policy('office-User-invoke', 'identity', statement('Allow', `${API}/*/GET/user`, 'AllowUser'), statement('Allow', `${API}/*/GET/admin`));
const denyAdmin = policy('deny-admin', 'identity', statement('Deny', `${API}/*/*/admin`, 'DenyAdmin'));

describe('evaluate: decisions, matched statements and reasons', () => {
  it('allows on an identity allow and names the deciding statement', () => {
    // Rule (Policy evaluation logic): "An explicit allow in an identity-based or resource-based policy overrides
    // this default [implicit deny]".
    expect(evaluate(invoke(USER), { identity: [userPolicy] })).toEqual({
      decision: 'allowed',
      matched: [{ policy: 'office-User-invoke', sid: 'AllowUser', index: 0, effect: 'Allow' }],
      reasons: [`policy "office-User-invoke" Statement[0] (Sid AllowUser) allows execute-api:Invoke on ${USER}`],
    });
  });

  it('lists statements without a Sid by index only', () => {
    expect(evaluate(invoke(ADMIN), { identity: [userPolicy] })).toEqual({
      decision: 'allowed',
      matched: [{ policy: 'office-User-invoke', index: 1, effect: 'Allow' }],
      reasons: [`policy "office-User-invoke" Statement[1] allows execute-api:Invoke on ${ADMIN}`],
    });
  });

  it('denies implicitly when nothing allows', () => {
    // Rule (Policy evaluation logic): "By default, all requests are implicitly denied".
    const resource = `${API}/api/POST/user`;
    expect(evaluate(invoke(resource), { identity: [userPolicy] })).toEqual({
      decision: 'implicitDeny',
      matched: [],
      reasons: [`no identity-based policy allows execute-api:Invoke on ${resource}`],
    });
    expect(evaluate(invoke(resource), { identity: [] }).decision).toBe('implicitDeny');
  });

  it('lets an explicit deny in any policy override every allow', () => {
    // Rule (Policy evaluation logic): "An explicit deny in any policy overrides any allows."
    expect(evaluate(invoke(ADMIN), { identity: [userPolicy, denyAdmin] })).toEqual({
      decision: 'explicitDeny',
      matched: [{ policy: 'deny-admin', sid: 'DenyAdmin', index: 0, effect: 'Deny' }],
      reasons: [`policy "deny-admin" Statement[0] (Sid DenyAdmin) denies execute-api:Invoke on ${ADMIN}`, 'an explicit Deny overrides every Allow'],
    });
    const denyAsBoundary = policy('deny-admin', 'boundary', statement('Deny', `${API}/*/*/admin`));
    const denyAsSession = policy('deny-admin', 'session', statement('Deny', `${API}/*/*/admin`));
    const allowAll = policy('all', 'boundary', statement('Allow', '*'));
    expect(evaluate(invoke(ADMIN), { identity: [userPolicy], boundaries: [allowAll, denyAsBoundary] }).decision).toBe('explicitDeny');
    expect(evaluate(invoke(ADMIN), { identity: [userPolicy], session: [denyAsSession] }).decision).toBe('explicitDeny');
    const bucketDeny = policy('api-policy', 'resource', { ...statement('Deny', `${API}/*/*/admin`), Principal: '*' });
    expect(evaluate(invoke(ADMIN), { identity: [userPolicy], resource: bucketDeny }).decision).toBe('explicitDeny');
  });

  it('intersects identity allows with a permissions boundary', () => {
    // Rule (Policy evaluation logic, "Evaluating identity-based policies with permissions boundaries"): "the
    // resulting permissions are the intersection of the two categories".
    const boundary = policy('boundary', 'boundary', statement('Allow', `${API}/*/GET/user`, 'OnlyUser'));
    expect(evaluate(invoke(USER), { identity: [userPolicy], boundaries: [boundary] })).toEqual({
      decision: 'allowed',
      matched: [
        { policy: 'office-User-invoke', sid: 'AllowUser', index: 0, effect: 'Allow' },
        { policy: 'boundary', sid: 'OnlyUser', index: 0, effect: 'Allow' },
      ],
      reasons: [
        `policy "office-User-invoke" Statement[0] (Sid AllowUser) allows execute-api:Invoke on ${USER}`,
        `policy "boundary" Statement[0] (Sid OnlyUser) allows execute-api:Invoke on ${USER}`,
      ],
    });
    expect(evaluate(invoke(ADMIN), { identity: [userPolicy], boundaries: [boundary] })).toEqual({
      decision: 'implicitDeny',
      matched: [],
      reasons: [
        `policy "office-User-invoke" Statement[1] allows execute-api:Invoke on ${ADMIN}`,
        `no permissions boundary allows execute-api:Invoke on ${ADMIN}`,
      ],
    });
    // A boundary grants nothing by itself.
    expect(evaluate(invoke(USER), { identity: [], boundaries: [boundary] }).decision).toBe('implicitDeny');
    // An empty boundary list is no boundary.
    expect(evaluate(invoke(ADMIN), { identity: [userPolicy], boundaries: [] }).decision).toBe('allowed');
  });

  it('intersects identity allows with session policies', () => {
    // Rule (Policy evaluation logic, "Session policies"): "the resulting session's permissions are the
    // intersection of the IAM entity's identity-based policy and the session policies"; "If a session policy
    // is present and does not allow the requested action, then the request is implicitly denied."
    const session = policy('session', 'session', statement('Allow', `${API}/*/GET/user`));
    const other = policy('session-2', 'session', statement('Allow', `${API}/*/GET/admin`));
    expect(evaluate(invoke(USER), { identity: [userPolicy], session: [session] }).decision).toBe('allowed');
    expect(evaluate(invoke(ADMIN), { identity: [userPolicy], session: [session] })).toEqual({
      decision: 'implicitDeny',
      matched: [],
      reasons: [
        `policy "office-User-invoke" Statement[1] allows execute-api:Invoke on ${ADMIN}`,
        `no session policy allows execute-api:Invoke on ${ADMIN}`,
      ],
    });
    expect(evaluate(invoke(ADMIN), { identity: [userPolicy], session: [session, other] }).decision).toBe('allowed');
    expect(evaluate(invoke(USER), { identity: [], session: [session] }).decision).toBe('implicitDeny');
  });

  describe('same-account resource policies', () => {
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/Reader`;
    const caller = { type: 'AWS' as const, id: `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/s1` };
    const apiPolicy = policy('api-policy', 'resource', { ...statement('Allow', `${API}/*/GET/*`, 'Readers'), Principal: { AWS: roleArn } });

    it('allows on a resource-policy allow alone', () => {
      // Rule (Policy evaluation logic): "If an action is allowed by an identity-based policy, a resource-based
      // policy, or both, then AWS allows the action."
      expect(evaluate({ ...invoke(USER), principal: caller }, { identity: [], resource: apiPolicy })).toEqual({
        decision: 'allowed',
        matched: [{ policy: 'api-policy', sid: 'Readers', index: 0, effect: 'Allow' }],
        reasons: [`policy "api-policy" Statement[0] (Sid Readers) allows execute-api:Invoke on ${USER}`],
      });
      // Either one is enough, and both are reported.
      const both = evaluate({ ...invoke(USER), principal: caller }, { identity: [userPolicy], resource: apiPolicy });
      expect(both.matched.map((m) => m.policy)).toEqual(['office-User-invoke', 'api-policy']);
      // A principal the policy does not name gets nothing from it.
      const stranger = { type: 'AWS' as const, id: `arn:aws:iam::${ACCOUNT}:user/Eve` };
      expect(evaluate({ ...invoke(USER), principal: stranger }, { identity: [], resource: apiPolicy })).toEqual({
        decision: 'implicitDeny',
        matched: [],
        reasons: [`no identity-based or resource-based policy allows execute-api:Invoke on ${USER}`],
      });
    });

    it('still applies boundaries and session policies to a resource-policy allow', () => {
      // Rule (Policy evaluation logic, same account): "IAM role - Resource-based policies that grant permissions
      // to an IAM role ARN are limited by an implicit deny in a permissions boundary or session policy."
      const boundary = policy('boundary', 'boundary', statement('Allow', `${API}/*/GET/admin`));
      expect(evaluate({ ...invoke(USER), principal: caller }, { identity: [], resource: apiPolicy, boundaries: [boundary] }).decision).toBe(
        'implicitDeny',
      );
    });
  });

  describe('role trust policies', () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/App`;
    const assume = (id: string) => ({ action: 'sts:AssumeRole', resource: role, principal: { type: 'AWS' as const, id } });
    const trustOf = (principal: object) =>
      compilePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' } }, 'app-trust', 'trust');
    const mayAssume = policy('may-assume', 'identity', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role });
    const dev = `arn:aws:iam::${ACCOUNT}:user/dev`;

    it('must itself allow the caller; an identity allow is not enough', () => {
      // Rule (Policy evaluation logic): "IAM role trust policies and KMS key policies are exceptions to this logic,
      // because they must explicitly allow access for principals."
      expect(evaluate(assume(dev), { identity: [mayAssume], resource: trustOf({ AWS: `arn:aws:iam::${ACCOUNT}:user/ops` }) })).toEqual({
        decision: 'implicitDeny',
        matched: [],
        reasons: [
          `policy "may-assume" Statement[0] allows sts:AssumeRole on ${role}`,
          `no statement in trust policy "app-trust" allows AWS principal ${dev} to perform sts:AssumeRole`,
        ],
      });
      expect(evaluate(assume(dev), { identity: [], resource: trustOf({ AWS: dev }) }).decision).toBe('allowed');
    });

    it('delegates to identity policies when it names only the account', () => {
      // Rule (Principal, "AWS account principals"): specifying an account "delegates authority to the account";
      // an identity policy in that account must then allow the caller.
      const trust = trustOf({ AWS: ACCOUNT });
      expect(evaluate(assume(dev), { identity: [mayAssume], resource: trust })).toEqual({
        decision: 'allowed',
        matched: [
          { policy: 'app-trust', index: 0, effect: 'Allow' },
          { policy: 'may-assume', index: 0, effect: 'Allow' },
        ],
        reasons: [`policy "app-trust" Statement[0] allows sts:AssumeRole on ${role}`, `policy "may-assume" Statement[0] allows sts:AssumeRole on ${role}`],
      });
      expect(evaluate(assume(dev), { identity: [], resource: trust })).toEqual({
        decision: 'implicitDeny',
        matched: [],
        reasons: [
          `policy "app-trust" Statement[0] allows sts:AssumeRole on ${role}`,
          `trust policy "app-trust" names only the account of AWS principal ${dev}, and no identity-based policy allows sts:AssumeRole on ${role}`,
        ],
      });
    });
  });

  it('does not remember one request in the next', () => {
    // Evaluation reuses scratch space internally; results must stay independent.
    const first = evaluate(invoke(USER), { identity: [userPolicy] });
    const second = evaluate(invoke(ADMIN), { identity: [userPolicy, denyAdmin] });
    expect(first.decision).toBe('allowed');
    expect(first.matched).toHaveLength(1);
    expect(second.decision).toBe('explicitDeny');
    expect(second.matched).toHaveLength(1);
  });
});
