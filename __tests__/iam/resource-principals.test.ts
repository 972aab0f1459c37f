import { compilePolicy, evaluate, type PolicyKind, type PolicySet, type Request } from '../../access/iam';
import { ACCOUNT } from './helpers';

// Rule (IAM User Guide, Policy evaluation logic, "Evaluating policies within a single account"): "When
// resource-based policies are evaluated, the principal ARN that is specified in the policy determines whether
// implicit denies in other policy types are applicable to the final decision." The table "Resource-based
// policies and implicit denies in other policy types (same account)" gives each principal type; every test here
// is one row of it, in the caller's own account.
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/Reader`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/alice`;
const USER = `arn:aws:iam::${ACCOUNT}:user/Bob`;
const FEDERATED = `arn:aws:sts::${ACCOUNT}:federated-user/Bob`;

const policy = (name: string, kind: PolicyKind, ...statements: object[]) =>
  compilePolicy({ Version: '2012-10-17', Statement: statements }, name, kind);
const getItem = (caller: string): Request => ({ action: 'dynamodb:GetItem', resource: TABLE, principal: { type: 'AWS', id: caller } });
const tablePolicy = (principal: unknown) =>
  policy('table-policy', 'resource', { Sid: 'Read', Effect: 'Allow', Principal: principal, Action: 'dynamodb:GetItem', Resource: TABLE });
const readTable = policy('read-table', 'identity', { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE });
/** Allows only S3: an implicit deny for the DynamoDB request. */
const s3Only = (name: string, kind: PolicyKind) => policy(name, kind, { Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: '*' });
const dynamoToo = (name: string, kind: PolicyKind) => policy(name, kind, { Sid: 'Dynamo', Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' });
const decision = (caller: string, set: PolicySet) => evaluate(getItem(caller), set).decision;

describe('a resource policy naming the role session ARN', () => {
  // Row "IAM role session": "resource-based policies that grant permissions to an IAM role session ARN grant
  // permissions directly to the assumed role session. Permissions granted directly to a session are not limited
  // by an implicit deny in an identity-based policy, a permissions boundary, or session policy."
  const named = tablePolicy({ AWS: SESSION });

  it('allows despite implicit denies in identity policies, boundaries and session policies', () => {
    expect(
      evaluate(getItem(SESSION), { identity: [], boundaries: [s3Only('boundary', 'boundary')], session: [s3Only('session', 'session')], resource: named }),
    ).toEqual({
      decision: 'allowed',
      matched: [{ policy: 'table-policy', sid: 'Read', index: 0, effect: 'Allow' }],
      reasons: [`policy "table-policy" Statement[0] (Sid Read) allows dynamodb:GetItem on ${TABLE}`],
    });
  });

  it('gives the session the resource grant plus the intersection of identity and session policies', () => {
    // Rule (Policies and permissions, "Session policies"): "The resource-based policy permissions are not limited
    // by the session policy. The resulting session has all the permissions of the resource-based policy plus the
    // intersection of the identity-based policy and the session policy."
    const session = [s3Only('session', 'session')];
    expect(decision(SESSION, { identity: [readTable], session, resource: named })).toBe('allowed');
    expect(decision(SESSION, { identity: [readTable], session })).toBe('implicitDeny');
    expect(decision(SESSION, { identity: [readTable], session: [dynamoToo('session', 'session')] })).toBe('allowed');
  });

  it('is still overridden by an explicit deny', () => {
    const deny = policy('boundary', 'boundary', { Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' });
    expect(decision(SESSION, { identity: [], boundaries: [deny], resource: named })).toBe('explicitDeny');
  });
});

describe('a resource policy naming the role ARN', () => {
  // Row "IAM role": "Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit
  // deny in a permissions boundary or session policy."
  const named = tablePolicy({ AWS: ROLE });

  it('is limited by an implicit deny in a permissions boundary', () => {
    expect(evaluate(getItem(SESSION), { identity: [], boundaries: [s3Only('boundary', 'boundary')], resource: named })).toEqual({
      decision: 'implicitDeny',
      matched: [],
      reasons: [`policy "table-policy" Statement[0] (Sid Read) allows dynamodb:GetItem on ${TABLE}`, `no permissions boundary allows dynamodb:GetItem on ${TABLE}`],
    });
    expect(decision(SESSION, { identity: [], boundaries: [dynamoToo('boundary', 'boundary')], resource: named })).toBe('allowed');
  });

  it('is limited by an implicit deny in a session policy', () => {
    // Rule ("Session policies"): "The session policy limits the total permissions granted by the resource-based
    // policy and the identity-based policy."
    const result = evaluate(getItem(SESSION), { identity: [], session: [s3Only('session', 'session')], resource: named });
    expect([result.decision, result.reasons.at(-1)]).toEqual(['implicitDeny', `no session policy allows dynamodb:GetItem on ${TABLE}`]);
    expect(decision(SESSION, { identity: [], session: [dynamoToo('session', 'session')], resource: named })).toBe('allowed');
  });

  it('is not limited by the missing identity allow, and lists what it passed', () => {
    // The table lists boundaries and session policies as the limits, not identity-based policies: the resource
    // policy is the allow, as in "If an action is allowed by an identity-based policy, a resource-based policy,
    // or both, then AWS allows the action."
    expect(evaluate(getItem(SESSION), { identity: [], boundaries: [dynamoToo('boundary', 'boundary')], resource: named })).toEqual({
      decision: 'allowed',
      matched: [
        { policy: 'table-policy', sid: 'Read', index: 0, effect: 'Allow' },
        { policy: 'boundary', sid: 'Dynamo', index: 0, effect: 'Allow' },
      ],
      reasons: [
        `policy "table-policy" Statement[0] (Sid Read) allows dynamodb:GetItem on ${TABLE}`,
        `policy "boundary" Statement[0] (Sid Dynamo) allows dynamodb:GetItem on ${TABLE}`,
      ],
    });
  });
});

describe('a resource policy naming the IAM user ARN', () => {
  // Row "IAM user": "resource-based policies that grant permissions to an IAM user ARN (that is not a federated
  // user session) are not limited by an implicit deny in an identity-based policy or permissions boundary."
  it('allows despite implicit denies in identity policies and the boundary', () => {
    const named = tablePolicy({ AWS: USER });
    expect(decision(USER, { identity: [], boundaries: [s3Only('boundary', 'boundary')], resource: named })).toBe('allowed');
    // An identity allow is still cut by the boundary when the resource policy names someone else.
    const other = tablePolicy({ AWS: `arn:aws:iam::${ACCOUNT}:user/Eve` });
    expect(decision(USER, { identity: [readTable], boundaries: [s3Only('boundary', 'boundary')], resource: other })).toBe('implicitDeny');
  });
});

describe('federated user sessions', () => {
  // Row "IAM federated user sessions": "resource-based policies that grant permissions to a federated user ARN
  // grant permissions directly to the session. Permissions granted directly to a session are not limited by an
  // implicit deny in an identity-based policy, a permissions boundary, or session policy."
  it('allows on a resource policy naming the federated user ARN, whatever the other policies say', () => {
    const named = tablePolicy({ AWS: FEDERATED });
    expect(decision(FEDERATED, { identity: [], boundaries: [s3Only('b', 'boundary')], session: [s3Only('s', 'session')], resource: named })).toBe('allowed');
    expect(decision(FEDERATED, { identity: [], resource: named })).toBe('allowed');
  });

  it('gets nothing from identity policies without a session policy', () => {
    // Rule (How AWS enforcement code logic evaluates requests, "Session policies"): "If there is no session
    // policy, the code checks whether the principal is a role session. If the principal is a role session, then
    // the request is Allowed. Otherwise, the request is implicitly denied."
    const result = evaluate(getItem(FEDERATED), { identity: [readTable] });
    expect([result.decision, result.reasons.at(-1)]).toEqual([
      'implicitDeny',
      'a federated user session without session policies has no permissions from identity policies',
    ]);
    expect(decision(FEDERATED, { identity: [readTable], session: [dynamoToo('s', 'session')] })).toBe('allowed');
    // A role session without session policies keeps its role's permissions.
    expect(decision(SESSION, { identity: [readTable] })).toBe('allowed');
  });
});

describe('a resource policy naming only the account', () => {
  // Rule (AWS JSON policy elements: Principal, "AWS account principals"): naming the account "delegates
  // authority to the account": the identity policy must allow, and so everything that limits it applies.
  const named = tablePolicy({ AWS: ACCOUNT });

  it('needs an identity allow that the boundary lets through', () => {
    expect(decision(SESSION, { identity: [], resource: named })).toBe('implicitDeny');
    expect(decision(SESSION, { identity: [readTable], boundaries: [s3Only('b', 'boundary')], resource: named })).toBe('implicitDeny');
    expect(decision(SESSION, { identity: [readTable], boundaries: [dynamoToo('b', 'boundary')], resource: named })).toBe('allowed');
  });
});

describe('NotPrincipal with Deny and a permissions boundary', () => {
  // Rule (Permissions boundaries for IAM entities, Important): "The NotPrincipal element with a Deny effect will
  // always deny any IAM principal that has a permissions boundary policy attached, regardless of the values
  // specified in the NotPrincipal element."
  const exceptBob = policy('table-policy', 'resource', {
    Sid: 'OnlyBob',
    Effect: 'Deny',
    NotPrincipal: { AWS: [USER, ACCOUNT] },
    Action: 'dynamodb:*',
    Resource: TABLE,
  });

  it('denies the named principal once it has a boundary', () => {
    expect(decision(USER, { identity: [readTable], resource: exceptBob })).toBe('allowed');
    expect(evaluate(getItem(USER), { identity: [readTable], boundaries: [dynamoToo('boundary', 'boundary')], resource: exceptBob })).toEqual({
      decision: 'explicitDeny',
      matched: [{ policy: 'table-policy', sid: 'OnlyBob', index: 0, effect: 'Deny' }],
      reasons: [`policy "table-policy" Statement[0] (Sid OnlyBob) denies dynamodb:GetItem on ${TABLE}`, 'an explicit Deny overrides every Allow'],
    });
  });

  it('still denies everyone it does not name, boundary or not', () => {
    expect(decision(SESSION, { identity: [readTable], resource: exceptBob })).toBe('explicitDeny');
  });

  it('leaves a NotPrincipal Allow alone', () => {
    const allowOthers = policy('table-policy', 'resource', { Effect: 'Allow', NotPrincipal: { AWS: USER }, Action: 'dynamodb:*', Resource: TABLE });
    expect(decision(USER, { identity: [], boundaries: [dynamoToo('boundary', 'boundary')], resource: allowOthers })).toBe('implicitDeny');
  });
});

describe('what a Principal element names, and nothing more', () => {
  // Rule (AWS JSON policy elements: Principal): "AWS account principals" are written as the account ARN
  // arn:aws:iam::123456789012:root or the account ID; a role as arn:aws:iam::123456789012:role/role-name (with
  // its path); a role session as arn:aws:sts::123456789012:assumed-role/role-name/role-session-name. "You cannot use
  // a wildcard to match part of a principal name or ARN": any other text names no such principal. Read through a
  // KMS key policy, which must name the caller itself, its role or its account (AWS KMS Developer Guide, Key
  // policies in AWS KMS: "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access").
  const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const mayDecrypt = policy('may-decrypt', 'identity', { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY });
  const keyPolicy = (principal: unknown) => policy('key', 'resource', { Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*' });
  const decryptAs = (caller: Request['principal'], principal: unknown, identity = [mayDecrypt]) =>
    evaluate({ action: 'kms:Decrypt', resource: KEY, principal: caller }, { identity, resource: keyPolicy(principal) }).decision;
  const aws = (id: string) => ({ type: 'AWS' as const, id });

  it.each([`arn:aws:iam::${ACCOUNT}:rootx`, `xarn:aws:iam::${ACCOUNT}:root`])('%s is not the account: no delegation', (id) => {
    expect(decryptAs(aws(SESSION), { AWS: id })).toBe('implicitDeny');
    expect(decryptAs(aws(SESSION), { AWS: `arn:aws:iam::${ACCOUNT}:root` })).toBe('allowed');
  });

  it.each([`xarn:aws:iam::${ACCOUNT}:role/Reader`, `arn:aws:iam::${ACCOUNT}:role/Reader/`])('%s is not the role Reader: its sessions are not covered', (id) => {
    expect(decryptAs(aws(SESSION), { AWS: id }, [])).toBe('implicitDeny');
    expect(decryptAs(aws(SESSION), { AWS: ROLE }, [])).toBe('allowed');
  });

  it('covers a role session by its role only for a well-formed session ARN', () => {
    expect(decryptAs(aws(`x${SESSION}`), { AWS: ROLE }, [])).toBe('implicitDeny');
    expect(decryptAs(aws(`${SESSION}/more`), { AWS: ROLE }, [])).toBe('implicitDeny');
  });

  it('names the role itself at role level: a caller that is the role is limited by its boundary', () => {
    // Row "IAM role": "Resource-based policies that grant permissions to an IAM role ARN are limited by an implicit
    // deny in a permissions boundary or session policy" - also when the role ARN is the caller given.
    expect(decision(ROLE, { identity: [], boundaries: [s3Only('boundary', 'boundary')], resource: tablePolicy({ AWS: ROLE }) })).toBe('implicitDeny');
    expect(decision(ROLE, { identity: [], resource: tablePolicy({ AWS: ROLE }) })).toBe('allowed');
  });

  it('keeps principal types apart: a Federated or Service value is not an AWS account', () => {
    // "Federated" names identity providers (web identity, SAML), "Service" AWS services; only "AWS" names
    // accounts, users and roles.
    expect(decryptAs(aws(SESSION), { Federated: ACCOUNT })).toBe('implicitDeny');
    expect(decryptAs(aws(SESSION), { Service: '*' })).toBe('implicitDeny');
    // A SAML provider of the account is not covered by naming the account.
    expect(decryptAs({ type: 'Federated', id: `arn:aws:iam::${ACCOUNT}:saml-provider/Okta` }, { AWS: ACCOUNT })).toBe('implicitDeny');
  });

  it('reads the account only from an ARN', () => {
    // A caller id with six colon-separated fields that is no ARN names no account.
    expect(decryptAs(aws(`urn:aws:iam::${ACCOUNT}:user/Bob`), { AWS: ACCOUNT })).toBe('implicitDeny');
  });
});
