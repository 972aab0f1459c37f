import { compilePolicy, evaluate, type PolicyKind, type PolicySet, type Request } from '../../access/iam';
import { ACCOUNT } from './helpers';

// What a decision names: `matched` holds the statements that decided (the allows that made an Allow), `reasons`
// their lines and, for an implicit deny, the first requirement of IAM's evaluation that was not met. Each case is
// a rule of the IAM User Guide ("Policy evaluation logic", its single-account and cross-account pages) or of the
// AWS KMS Developer Guide ("Key policies in AWS KMS").
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/Reader`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/alice`;
const USER = `arn:aws:iam::${ACCOUNT}:user/Bob`;

const policy = (name: string, kind: PolicyKind, ...statements: object[]) => compilePolicy({ Version: '2012-10-17', Statement: statements }, name, kind);
const allow = (name: string, kind: PolicyKind, action: string) => policy(name, kind, { Sid: 'A', Effect: 'Allow', Action: action, Resource: '*' });
const named = (name: string, principal: string, action: string) =>
  policy(name, 'resource', { Sid: 'Named', Effect: 'Allow', Principal: { AWS: principal }, Action: action, Resource: '*' });
const getItem = (caller: string): Request => ({ action: 'dynamodb:GetItem', resource: TABLE, principal: { type: 'AWS', id: caller } });
const decrypt = (caller?: string): Request => ({ action: 'kms:Decrypt', resource: KEY, principal: caller === undefined ? undefined : { type: 'AWS', id: caller } });
const statement = (policyName: string, sid = 'A', index = 0) => ({ policy: policyName, sid, index, effect: 'Allow' });
const line = (policyName: string, request: Request, sid = 'A') => `policy "${policyName}" Statement[0] (Sid ${sid}) allows ${request.action} on ${request.resource}`;
const lastReason = (request: Request, set: PolicySet) => evaluate(request, set).reasons.at(-1);

describe('the statements an allow lists', () => {
  it('an identity allow is the allow; the root user is mentioned only when no statement allowed', () => {
    // "By default, all requests are implicitly denied with the exception of the AWS account root user, which has
    // full access" (How AWS enforcement code logic evaluates requests): a statement that allows is the reason.
    const request = getItem(SESSION);
    expect(evaluate(request, { identity: [allow('read', 'identity', 'dynamodb:GetItem')] })).toEqual({
      decision: 'allowed',
      matched: [statement('read')],
      reasons: [line('read', request)],
    });
    const root = getItem(ACCOUNT);
    expect(evaluate(root, { identity: [allow('read', 'identity', 'dynamodb:GetItem')] }).reasons).toEqual([line('read', root)]);
    expect(evaluate(root, { identity: [] }).reasons).toEqual(['the account root user has full access in its own account']);
  });

  it('a grant to the role session itself is not a grant of the boundary it escapes', () => {
    // Table "Resource-based policies and implicit denies in other policy types", row "IAM role session":
    // "Permissions granted directly to a session are not limited by an implicit deny in an identity-based
    // policy, a permissions boundary, or session policy": the boundary takes no part in that allow.
    const request = getItem(SESSION);
    const set = { identity: [], boundaries: [allow('boundary', 'boundary', 'dynamodb:*')], resource: named('table', SESSION, 'dynamodb:GetItem') };
    expect(evaluate(request, set)).toEqual({ decision: 'allowed', matched: [statement('table', 'Named')], reasons: [line('table', request, 'Named')] });
  });

  it('lists both statements when one names the session and another its role', () => {
    // Both are allows of the resource-based policy (row "IAM role session" and row "IAM role"); with no boundary
    // or session policy nothing limits the one naming the role.
    const request = getItem(SESSION);
    const table = policy(
      'table',
      'resource',
      { Sid: 'Session', Effect: 'Allow', Principal: { AWS: SESSION }, Action: 'dynamodb:GetItem', Resource: '*' },
      { Sid: 'Role', Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'dynamodb:*', Resource: '*' },
    );
    expect(evaluate(request, { identity: [], resource: table }).matched).toEqual([statement('table', 'Session'), statement('table', 'Role', 1)]);
  });
});

describe('an IAM user named by a resource policy', () => {
  it('escapes the boundary but not a session policy', () => {
    // Row "IAM user": "resource-based policies that grant permissions to an IAM user ARN (that is not a federated
    // user session) are not limited by an implicit deny in an identity-based policy or permissions boundary" -
    // unlike the session rows, the row does not free it from a session policy ("The session policy limits the
    // total permissions granted by the resource-based policy and the identity-based policy", Session policies).
    const request = getItem(USER);
    const table = named('table', USER, 'dynamodb:GetItem');
    const set = { identity: [allow('read', 'identity', 'dynamodb:GetItem')], session: [allow('session', 'session', 's3:*')], resource: table };
    expect(evaluate(request, set)).toEqual({
      decision: 'implicitDeny',
      matched: [],
      reasons: [line('read', request), line('table', request, 'Named'), `no session policy allows dynamodb:GetItem on ${TABLE}`],
    });
    expect(evaluate(request, { ...set, session: [allow('session', 'session', 'dynamodb:*')] }).decision).toBe('allowed');
  });
});

describe('the requirement an implicit deny names', () => {
  it('is the identity-based policy when nothing allows, even where a boundary would refuse too', () => {
    // The evaluation flow (Policy evaluation for requests within a single account) asks for an identity-based or
    // resource-based allow before it looks at permissions boundaries: with no allow at all, that is what is missing.
    const set = { identity: [], boundaries: [allow('boundary', 'boundary', 's3:*')], resource: named('table', USER, 'dynamodb:GetItem') };
    expect(lastReason(getItem(SESSION), set)).toBe(`no identity-based or resource-based policy allows dynamodb:GetItem on ${TABLE}`);
  });

  it('is the identity-based policy of the caller account across accounts', () => {
    // Cross-account policy evaluation logic: "the requester in the trusted AccountA must have an identity-based
    // policy" that allows the request; here none does, and nothing else limits the caller.
    const foreign = 'arn:aws:sts::999999999999:assumed-role/Reader/alice';
    const expected = `AWS principal ${foreign} is in account 999999999999 and the resource in account ${ACCOUNT}: a cross-account request needs an identity-based policy in account 999999999999 to allow dynamodb:GetItem on ${TABLE}, and none does`;
    expect(lastReason(getItem(foreign), { identity: [], resource: named('table', foreign, 'dynamodb:GetItem') })).toBe(expected);
    // Still the identity-based policy when a boundary would refuse too: nothing got as far as the boundary.
    const boundaries = [allow('boundary', 'boundary', 's3:*')];
    expect(lastReason(getItem(foreign), { identity: [], boundaries, resource: named('table', foreign, 'dynamodb:GetItem') })).toBe(expected);
  });
});

describe('KMS key policies: what an allow lists and what a deny names', () => {
  // AWS KMS Developer Guide, Key policies in AWS KMS: "Unless the key policy explicitly allows it, you cannot use
  // IAM policies to allow access to a KMS key."
  const boundaryKms = allow('boundary', 'boundary', 'kms:*');
  const boundaryS3 = allow('boundary', 'boundary', 's3:*');
  const mayDecrypt = allow('may-decrypt', 'identity', 'kms:Decrypt');

  it('a key policy naming the session allows on its own; naming the role, the boundary takes part', () => {
    // Rows "IAM role session" (not limited by a boundary) and "IAM role" ("limited by an implicit deny in a
    // permissions boundary"): only in the second does the boundary's allow belong to the grant.
    const request = decrypt(SESSION);
    expect(evaluate(request, { identity: [], boundaries: [boundaryKms], resource: named('key', SESSION, 'kms:*') })).toEqual({
      decision: 'allowed',
      matched: [statement('key', 'Named')],
      reasons: [line('key', request, 'Named')],
    });
    expect(evaluate(request, { identity: [], boundaries: [boundaryKms], resource: named('key', ROLE, 'kms:*') })).toEqual({
      decision: 'allowed',
      matched: [statement('key', 'Named'), statement('boundary')],
      reasons: [line('key', request, 'Named'), line('boundary', request)],
    });
  });

  it('names the key policy when it names someone else, whatever the boundary says', () => {
    const someoneElse = named('key', `arn:aws:iam::${ACCOUNT}:role/Other`, 'kms:*');
    const expected = `no statement in key policy "key" allows AWS principal ${SESSION} to perform kms:Decrypt`;
    expect(lastReason(decrypt(SESSION), { identity: [], resource: someoneElse })).toBe(expected);
    expect(lastReason(decrypt(SESSION), { identity: [mayDecrypt], boundaries: [boundaryS3], resource: someoneElse })).toBe(expected);
    expect(lastReason(decrypt(), { identity: [], resource: someoneElse })).toBe('no statement in key policy "key" allows an anonymous caller to perform kms:Decrypt');
  });

  it('names the boundary when the key policy names the role or delegates to the account and the boundary refuses', () => {
    // Row "IAM role": limited by the boundary. Naming the account (Default key policy, "enables IAM policies")
    // leaves the decision to IAM policies, which the boundary limits ("An entity's permissions boundary allows it
    // to perform only the actions that are allowed by both its identity-based policies and its permissions
    // boundaries").
    const expected = `no permissions boundary allows kms:Decrypt on ${KEY}`;
    expect(lastReason(decrypt(SESSION), { identity: [], boundaries: [boundaryS3], resource: named('key', ROLE, 'kms:*') })).toBe(expected);
    const enableIam = named('key', `arn:aws:iam::${ACCOUNT}:root`, 'kms:*');
    expect(lastReason(decrypt(SESSION), { identity: [mayDecrypt], boundaries: [boundaryS3], resource: enableIam })).toBe(expected);
  });
});

describe('policy lists that are given but empty', () => {
  it('mean none was passed', () => {
    // A session policy limits only when one is passed ("Session policies": "If you pass a session policy ... the
    // resulting session's permissions are the intersection"); an empty list passes none, like no list.
    const request = getItem(SESSION);
    const read = allow('read', 'identity', 'dynamodb:GetItem');
    expect(evaluate(request, { identity: [read], session: [], boundaries: [] }).decision).toBe('allowed');
  });
});
