import {
  chooseRole,
  identityPoolView,
  IdentityPoolView,
  MAX_MAPPING_RULES,
  ruleMatches,
} from '../../access/identity-pool';
import type { MappingRule, StackModel } from '../../model';
import { modelOf } from '../support/model';
import { IdTokenClaims, issueIdToken, userPoolView, UserPoolView } from '../../access/user-pool';

const ARN = (name: string) => `arn:aws:iam::123456789012:role/fx-${name}`;
const ADMIN = ARN('Admin');
const USER = ARN('User');
const SALES = ARN('Sales');
const DEFAULT = ARN('default');
const GUEST = ARN('guest');

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}';
const IDENTITY_ID = new RegExp(`^us-east-1:${UUID}$`);

interface PoolOptions {
  allowUnauthenticated?: boolean;
  allowClassicFlow?: boolean;
  roles?: Record<string, string>;
  /** role_mapping blocks; `identity_provider` defaults to this pool's provider:client. */
  roleMapping?: Array<Record<string, unknown>>;
  /** Leave out the roles attachment entirely. */
  noAttachment?: boolean;
  /** Tie Admin and User at precedence 1 (different roles). */
  tiedPrecedence?: boolean;
}

const PROVIDER_KEY = '${aws_cognito_user_pool.users.endpoint}:${aws_cognito_user_pool_client.client.id}';

/** A hand-built cdk.tf.json: one user pool with Admin (0) and User (1) groups, and the identity pool under test. */
function poolStack(options: PoolOptions = {}): Record<string, unknown> {
  const role = (name: string) => ({ name: `fx-${name}`, assume_role_policy: '{}' });
  const poolId = '${aws_cognito_user_pool.users.id}';
  const resource: Record<string, Record<string, Record<string, unknown>>> = {
    aws_cognito_user_pool: { users: { name: 'fx-users' } },
    aws_cognito_user_pool_client: { client: { name: 'app', user_pool_id: poolId }, other: { name: 'other', user_pool_id: poolId } },
    aws_iam_role: { admin: role('Admin'), user: role('User'), sales: role('Sales'), default: role('default'), guest: role('guest') },
    aws_cognito_user_group: {
      admin: { name: 'Admin', user_pool_id: poolId, precedence: options.tiedPrecedence ? 1 : 0, role_arn: '${aws_iam_role.admin.arn}' },
      user: { name: 'User', user_pool_id: poolId, precedence: 1, role_arn: '${aws_iam_role.user.arn}' },
      plain: { name: 'Plain', user_pool_id: poolId, precedence: 2 },
    },
    aws_cognito_identity_pool: {
      ids: {
        identity_pool_name: 'fx',
        allow_unauthenticated_identities: options.allowUnauthenticated ?? false,
        allow_classic_flow: options.allowClassicFlow ?? false,
        cognito_identity_providers: [
          {
            client_id: '${aws_cognito_user_pool_client.client.id}',
            provider_name: '${aws_cognito_user_pool.users.endpoint}',
            server_side_token_check: true,
          },
        ],
      },
    },
  };
  if (!options.noAttachment) {
    resource.aws_cognito_identity_pool_roles_attachment = {
      roles: {
        identity_pool_id: '${aws_cognito_identity_pool.ids.id}',
        roles: options.roles ?? { authenticated: '${aws_iam_role.default.arn}' },
        role_mapping: (options.roleMapping ?? [{ type: 'Token', ambiguous_role_resolution: 'Deny' }]).map((m) => ({
          identity_provider: PROVIDER_KEY,
          ...m,
        })),
      },
    };
  }
  return { provider: { aws: [{ region: 'us-east-1' }] }, resource };
}

interface Fixture {
  stack: StackModel;
  pool: IdentityPoolView;
  users: UserPoolView;
  token: (groups: string[], attributes?: Record<string, string>, username?: string) => IdTokenClaims;
}

/** Reads the stack's model, then both pools. */
function load(options: PoolOptions = {}): Fixture {
  const stack = modelOf(poolStack(options));
  expect(stack.problems).toEqual([]);
  const pool = identityPoolView(stack.identityPools[0]!, stack.region);
  const client = stack.userPools[0]!.clients.find((c) => c.name === 'client')!;
  const users = userPoolView(stack.userPools[0]!, client.id);
  return { stack, pool, users, token: (groups, attributes, username = 'john') => issueIdToken(users, username, groups, attributes) };
}

const rules = (...list: Array<[string, string, string, string]>) => ({
  type: 'Rules',
  ambiguous_role_resolution: 'Deny',
  mapping_rule: list.map(([claim, match_type, value, role_arn]) => ({ claim, match_type, value, role_arn })),
});

describe('identityPoolView reads the pool, its roles and its role mappings', () => {
  test('providers, default roles, flags and a Token mapping keyed by <provider>:<client>', () => {
    const { pool, users } = load({ allowClassicFlow: true, roles: { authenticated: DEFAULT, unauthenticated: GUEST } });
    expect(pool.poolId).toMatch(IDENTITY_ID);
    expect(pool.region).toBe('us-east-1');
    expect(pool.allowUnauthenticated).toBe(false);
    expect(pool.allowClassicFlow).toBe(true);
    expect(pool.providers).toEqual([{ providerName: users.providerName, clientId: users.clientId }]);
    expect(pool.roles).toEqual({ authenticated: DEFAULT, unauthenticated: GUEST });
    expect([...pool.roleMappings.entries()]).toEqual([
      [
        `${users.providerName}:${users.clientId}`,
        { identityProvider: `${users.providerName}:${users.clientId}`, type: 'Token', ambiguousRoleResolution: 'Deny', rules: [], field: 'role_mapping[0]' },
      ],
    ]);
  });

  test('Rules mapping rules are kept in order', () => {
    const { pool } = load({
      roleMapping: [rules(['custom:dept', 'Equals', 'Sales', '${aws_iam_role.sales.arn}'], ['cognito:groups', 'Contains', 'Admin', ADMIN])],
    });
    expect([...pool.roleMappings.values()][0]!.rules).toEqual([
      { claim: 'custom:dept', matchType: 'Equals', value: 'Sales', roleArn: SALES, field: 'role_mapping[0].mapping_rule[0].role_arn' },
      { claim: 'cognito:groups', matchType: 'Contains', value: 'Admin', roleArn: ADMIN, field: 'role_mapping[0].mapping_rule[1].role_arn' },
    ]);
  });

  test('25 rules are accepted; 26 are refused, as Cognito refuses them', () => {
    // "For each user pool or other authentication provider configured for an identity pool, you can create up to 25 rules."
    expect(MAX_MAPPING_RULES).toBe(25);
    const many = (n: number) => rules(...Array.from({ length: n }, (_, i) => ['custom:n', 'Equals', String(i), USER] as [string, string, string, string]));
    expect([...load({ roleMapping: [many(25)] }).pool.roleMappings.values()][0]!.rules).toHaveLength(25);
    expect(() => load({ roleMapping: [many(26)] })).toThrow(
      new Error('aws_cognito_identity_pool_roles_attachment.roles.role_mapping[0]: 26 rules; Cognito allows at most 25'),
    );
  });

  test('no roles attachment: no roles and no mappings', () => {
    const { pool } = load({ noAttachment: true });
    expect(pool.roles).toEqual({});
    expect(pool.roleMappings.size).toBe(0);
  });
});

describe('Token role mapping (developer guide, "Using tokens to assign roles to users")', () => {
  test('uses cognito:preferred_role', () => {
    // "If the cognito:preferred_role claim is set, use it."
    const { pool, token } = load();
    const choice = chooseRole(pool, { kind: 'token', token: token(['Admin', 'User']) });
    expect(choice).toEqual({ ok: true, roleArn: ADMIN, identityId: expect.stringMatching(IDENTITY_ID), how: 'the token’s cognito:preferred_role' });
  });

  test('CustomRoleArn is used when it is in cognito:roles', () => {
    // "Use the GetCredentialsForIdentity CustomRoleArn parameter if it is set and it matches a role in the cognito:roles claim."
    const { pool, token } = load();
    const choice = chooseRole(pool, { kind: 'token', token: token(['Admin', 'User']) }, { customRoleArn: USER });
    expect(choice).toMatchObject({ ok: true, roleArn: USER, how: 'CustomRoleArn, found in cognito:roles' });
  });

  test('CustomRoleArn outside cognito:roles is denied, never downgraded to the preferred role', () => {
    // "If this parameter doesn't match a role in cognito:roles, deny access."
    const { pool, token } = load();
    expect(chooseRole(pool, { kind: 'token', token: token(['User']) }, { customRoleArn: ADMIN })).toEqual({
      ok: false,
      identityId: expect.stringMatching(IDENTITY_ID),
      reason: `CustomRoleArn ${ADMIN} is not in the token's cognito:roles`,
    });
  });

  test('tied precedence with different roles + AmbiguousRoleResolution Deny → no credentials', () => {
    // No cognito:preferred_role, no CustomRoleArn: "the Role resolution setting ... is used"; Deny gives nothing.
    const { pool, token } = load({ tiedPrecedence: true });
    const claims = token(['Admin', 'User']);
    expect(claims['cognito:preferred_role']).toBeUndefined();
    expect(chooseRole(pool, { kind: 'token', token: claims })).toEqual({
      ok: false,
      identityId: expect.stringMatching(IDENTITY_ID),
      reason: 'the token has no cognito:preferred_role, and AmbiguousRoleResolution is Deny',
    });
  });

  test('tied precedence + AmbiguousRoleResolution AuthenticatedRole → the pool’s default authenticated role', () => {
    const { pool, token } = load({ tiedPrecedence: true, roleMapping: [{ type: 'Token', ambiguous_role_resolution: 'AuthenticatedRole' }] });
    expect(chooseRole(pool, { kind: 'token', token: token(['Admin', 'User']) })).toMatchObject({
      ok: true,
      roleArn: DEFAULT,
      how: 'the token has no cognito:preferred_role; AmbiguousRoleResolution AuthenticatedRole',
    });
  });

  test('AuthenticatedRole without a default role → no credentials', () => {
    const { pool, token } = load({ roles: {}, roleMapping: [{ type: 'Token', ambiguous_role_resolution: 'AuthenticatedRole' }] });
    expect(chooseRole(pool, { kind: 'token', token: token([]) })).toMatchObject({
      ok: false,
      reason: 'the token has no cognito:preferred_role; AmbiguousRoleResolution AuthenticatedRole, but the pool has none',
    });
  });

  test('a member of no group (no role claims) with Deny → no credentials', () => {
    const { pool, token } = load();
    expect(chooseRole(pool, { kind: 'token', token: token(['Plain']) })).toMatchObject({ ok: false });
  });

  test('no role mapping for the provider → the default authenticated role', () => {
    const { pool, token } = load({ roleMapping: [] });
    expect(chooseRole(pool, { kind: 'token', token: token(['Admin']) })).toMatchObject({
      ok: true,
      roleArn: DEFAULT,
      how: 'no role mapping for this provider: the pool’s authenticated role',
    });
  });
});

describe('Rules role mapping (developer guide, "Using rule-based mapping to assign roles to users")', () => {
  const salesFirst = rules(
    ['custom:dept', 'Equals', 'Sales', SALES],
    ['cognito:groups', 'Contains', 'Admin', ADMIN],
    ['custom:dept', 'StartsWith', 'Eng', USER],
  );

  test('rules are evaluated in order: the first matching rule wins', () => {
    // "Rules are evaluated in order, and the IAM role for the first matching rule is used".
    const { pool, token } = load({ roleMapping: [salesFirst] });
    expect(chooseRole(pool, { kind: 'token', token: token(['Admin'], { 'custom:dept': 'Sales' }) })).toMatchObject({
      ok: true,
      roleArn: SALES,
      how: 'rule custom:dept Equals "Sales"',
    });
    expect(chooseRole(pool, { kind: 'token', token: token(['Admin'], { 'custom:dept': 'Engineering' }) })).toMatchObject({
      roleArn: ADMIN,
    });
    expect(chooseRole(pool, { kind: 'token', token: token([], { 'custom:dept': 'Engineering' }) })).toMatchObject({ roleArn: USER });
  });

  test('no rule matches + Deny → no credentials; + AuthenticatedRole → the default role', () => {
    // "If no rules match, the Role resolution setting is applied to either Use default Authenticated role or DENY."
    const denied = load({ roleMapping: [salesFirst] });
    expect(chooseRole(denied.pool, { kind: 'token', token: denied.token([], { 'custom:dept': 'Legal' }) })).toMatchObject({
      ok: false,
      reason: 'no mapping rule matched the token, and AmbiguousRoleResolution is Deny',
    });
    const fallback = load({ roleMapping: [{ ...salesFirst, ambiguous_role_resolution: 'AuthenticatedRole' }] });
    expect(chooseRole(fallback.pool, { kind: 'token', token: fallback.token([], { 'custom:dept': 'Legal' }) })).toMatchObject({
      ok: true,
      roleArn: DEFAULT,
    });
  });

  test('CustomRoleArn may pick another matching rule’s role, but not a role no matching rule gives', () => {
    // "...the IAM role for the first matching rule is used, unless CustomRoleArn is specified to override the order."
    const { pool, token } = load({ roleMapping: [salesFirst] });
    const claims = token(['Admin'], { 'custom:dept': 'Sales' });
    expect(chooseRole(pool, { kind: 'token', token: claims }, { customRoleArn: ADMIN })).toMatchObject({
      ok: true,
      roleArn: ADMIN,
      how: 'CustomRoleArn, matched by rule cognito:groups Contains "Admin"',
    });
    expect(chooseRole(pool, { kind: 'token', token: claims }, { customRoleArn: USER })).toEqual({
      ok: false,
      identityId: expect.stringMatching(IDENTITY_ID),
      reason: `CustomRoleArn ${USER} is not the role of any rule that matches the token`,
    });
  });

  test('NotEqual on a claim the token does not have is not evaluated', () => {
    // "If the match type is NotEqual and the claim doesn't exist, the rule is not evaluated."
    const { pool, token } = load({ roleMapping: [rules(['custom:level', 'NotEqual', 'intern', ADMIN], ['cognito:groups', 'Contains', 'User', USER])] });
    expect(chooseRole(pool, { kind: 'token', token: token(['User']) })).toMatchObject({ ok: true, roleArn: USER });
    expect(chooseRole(pool, { kind: 'token', token: token([]) })).toMatchObject({ ok: false });
    expect(chooseRole(pool, { kind: 'token', token: token(['User'], { 'custom:level': 'senior' }) })).toMatchObject({ roleArn: ADMIN });
  });
});

describe('ruleMatches: the four match types', () => {
  const rule = (matchType: MappingRule['matchType'], value: string): MappingRule => ({ claim: 'c', matchType, value, roleArn: USER, field: 'f' });

  test.each([
    // [match type, rule value, claim, matches]
    ['Equals', 'Sales', 'Sales', true],
    ['Equals', 'Sales', 'sales', false], // comparisons are exact (case-sensitive)
    ['Equals', 'Sales', 'SalesOps', false],
    ['NotEqual', 'Sales', 'Legal', true],
    ['NotEqual', 'Sales', 'Sales', false],
    ['StartsWith', 'Eng', 'Engineering', true],
    ['StartsWith', 'Eng', 'Reengineering', false],
    ['Contains', 'gin', 'Engineering', true],
    ['Contains', 'xyz', 'Engineering', false],
  ] as const)('%s "%s" against "%s" → %s', (matchType, value, claim, expected) => {
    expect(ruleMatches(rule(matchType, value), claim)).toBe(expected);
  });

  test('an absent claim matches no rule, NotEqual included', () => {
    // "If the match type is NotEqual and the claim doesn't exist, the rule is not evaluated."
    for (const matchType of ['Equals', 'NotEqual', 'StartsWith', 'Contains'] as const) {
      expect(ruleMatches(rule(matchType, 'x'), undefined)).toBe(false);
    }
  });

  test('a list claim such as cognito:groups matches when one of its values does', () => {
    expect(ruleMatches(rule('Contains', 'Admin'), ['User', 'Admin'])).toBe(true);
    expect(ruleMatches(rule('Equals', 'Admin'), ['User', 'Admin'])).toBe(true);
    expect(ruleMatches(rule('NotEqual', 'Admin'), ['User', 'Admin'])).toBe(false);
  });
});

describe('guests (unauthenticated identities)', () => {
  test('refused unless the pool allows unauthenticated identities', () => {
    // Identity pools hand out guest credentials only when AllowUnauthenticatedIdentities is true.
    const { pool } = load({ roles: { authenticated: DEFAULT, unauthenticated: GUEST } });
    expect(chooseRole(pool, { kind: 'guest' })).toEqual({
      ok: false,
      identityId: expect.stringMatching(IDENTITY_ID),
      reason: 'Unauthenticated access is not supported for this identity pool.',
    });
  });

  test('allowed with an unauthenticated role → that role, never a mapped or authenticated one', () => {
    const { pool } = load({ allowUnauthenticated: true, roles: { authenticated: DEFAULT, unauthenticated: GUEST } });
    const choice = chooseRole(pool, { kind: 'guest' });
    expect(choice).toEqual({ ok: true, roleArn: GUEST, identityId: expect.stringMatching(IDENTITY_ID), how: 'the pool’s unauthenticated role' });
  });

  test('allowed but no unauthenticated role → no credentials', () => {
    const { pool } = load({ allowUnauthenticated: true });
    expect(chooseRole(pool, { kind: 'guest' })).toMatchObject({ ok: false, reason: 'the identity pool has no unauthenticated role' });
  });
});

describe('classic (basic) flow', () => {
  test('refused when the pool has not enabled it', () => {
    // AllowClassicFlow "Enables or disables the Basic (Classic) authentication flow"; it is off by default.
    const { pool, token } = load();
    expect(chooseRole(pool, { kind: 'token', token: token(['User']) }, { classicFlow: true, customRoleArn: ADMIN })).toMatchObject({
      ok: false,
      reason: 'Basic (classic) flow is not enabled for this identity pool.',
    });
  });

  test('when enabled, the client names the role: a User asking for Admin gets it from the pool (trust decides next)', () => {
    // Basic flow: GetOpenIdToken, then the client calls AssumeRoleWithWebIdentity with a role of its choosing;
    // role mapping and cognito:roles take no part.
    const { pool, token } = load({ allowClassicFlow: true });
    expect(chooseRole(pool, { kind: 'token', token: token(['User']) }, { classicFlow: true, customRoleArn: ADMIN })).toMatchObject({
      ok: true,
      roleArn: ADMIN,
      how: 'classic flow: the client picked the role; only its trust policy decides',
    });
    expect(chooseRole(pool, { kind: 'token', token: token(['User']) }, { classicFlow: true })).toMatchObject({
      ok: false,
      reason: 'the classic flow needs a role ARN to assume',
    });
  });
});

describe('the login provider must be one the identity pool lists', () => {
  test('a token from another user pool is refused before any role is considered', () => {
    const { pool, users } = load({ roleMapping: [] });
    const foreign = issueIdToken({ ...users, poolId: 'us-east-1_Foreign99', providerName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Foreign99' }, 'mallory', ['Admin']);
    expect(chooseRole(pool, { kind: 'token', token: foreign })).toEqual({
      ok: false,
      reason: `Invalid login token: issuer https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Foreign99 with client ${users.clientId} is not a provider of this identity pool`,
    });
  });

  test('a token for another app client of the same pool is refused too', () => {
    const { pool, users, stack } = load({ roleMapping: [] });
    const other = stack.userPools[0]!.clients.find((c) => c.name === 'other')!.id;
    const token = issueIdToken({ ...users, clientId: other }, 'mallory', ['Admin']);
    expect(chooseRole(pool, { kind: 'token', token })).toMatchObject({ ok: false, reason: expect.stringMatching(/^Invalid login token: /) });
  });
});

test('identity ids are <region>:<uuid>, stable per user, distinct across users and from the guest', () => {
  const { pool, token } = load({ allowUnauthenticated: true, roles: { authenticated: DEFAULT, unauthenticated: GUEST } });
  const id = (t: IdTokenClaims) => chooseRole(pool, { kind: 'token', token: t }).identityId;
  expect(id(token(['User']))).toMatch(IDENTITY_ID);
  expect(id(token(['User']))).toBe(id(token(['Admin'])));
  expect(id(token(['User'], {}, 'rose'))).not.toBe(id(token(['User'])));
  expect(chooseRole(pool, { kind: 'guest' }).identityId).not.toBe(id(token(['User'])));
});
