import { chain, findings, withChanges, type Resources } from './helpers';

const pool = (change: (p: Record<string, unknown>) => void) => withChanges(chain(), (r) => change(r.aws_cognito_user_pool!.users!));
const client = (change: (c: Record<string, unknown>) => void) => withChanges(chain(), (r) => change(r.aws_cognito_user_pool_client!.client!));
const found = async (rule: string, resources: Resources) => (await findings(rule, resources)).map((f) => [f.resource, f.message, f.fix]);
const POOL = 'aws_cognito_user_pool.users';
const CLIENT = 'aws_cognito_user_pool_client.client';

describe('COG-001 password policy', () => {
  const fix = 'Set passwordPolicy { minimumLength: 12, requireLowercase, requireUppercase, requireNumbers, requireSymbols: true }.';
  const policy = (p: Record<string, unknown>) => p.password_policy as Record<string, unknown>;

  it('accepts exactly 12 characters and refuses 11', async () => {
    expect(await found('COG-001', pool((p) => (policy(p).minimum_length = 12)))).toEqual([]);
    expect(await found('COG-001', pool((p) => (policy(p).minimum_length = 11)))).toEqual([[POOL, 'weak password policy: minimum_length 11 < 12', fix]]);
  });

  it('lists each character class not required, alone when the length is enough', async () => {
    expect(await found('COG-001', pool((p) => Object.assign(policy(p), { require_lowercase: false, require_numbers: false })))).toEqual([
      [POOL, 'weak password policy: not required: require_lowercase, require_numbers', fix],
    ]);
    // Cognito Developer Guide, "Adding user pool password requirements": unset, a class is not required.
    expect(await found('COG-001', pool((p) => delete policy(p).require_uppercase))).toEqual([[POOL, 'weak password policy: not required: require_uppercase', fix]]);
  });

  it('counts Cognito\'s default of 8 characters when no policy is set', async () => {
    expect(await found('COG-001', pool((p) => delete p.password_policy))).toEqual([
      [POOL, 'weak password policy: minimum_length 8 < 12; not required: require_lowercase, require_uppercase, require_numbers, require_symbols', fix],
    ]);
  });
});

describe('COG-002 to COG-005 wording', () => {
  it('COG-002 names the MFA setting, with Cognito\'s default OFF', async () => {
    const fix = "Set mfaConfiguration: 'ON' (or 'OPTIONAL') with softwareTokenMfaConfiguration { enabled: true }.";
    expect(await found('COG-002', pool((p) => (p.mfa_configuration = 'OFF')))).toEqual([[POOL, 'mfa_configuration is "OFF": users cannot protect their accounts with a second factor', fix]]);
    expect(await found('COG-002', pool((p) => delete p.mfa_configuration))).toEqual([
      [POOL, 'mfa_configuration is "OFF (default)": users cannot protect their accounts with a second factor', fix],
    ]);
    expect(await found('COG-002', pool((p) => (p.mfa_configuration = 'ON')))).toEqual([]);
  });

  it('COG-003 tells audit-only from off', async () => {
    const fix = "Set userPoolAddOns { advancedSecurityMode: 'ENFORCED' } (requires the Plus feature plan), or suppress with the cost decision.";
    expect(await found('COG-003', pool((p) => (p.user_pool_add_ons = { advanced_security_mode: 'AUDIT' })))).toEqual([
      [POOL, 'threat protection only audits (advanced_security_mode AUDIT): risky sign-ins are logged, not blocked', fix],
    ]);
    expect(await found('COG-003', pool((p) => (p.user_pool_add_ons = { advanced_security_mode: 'OFF' })))).toEqual([[POOL, 'threat protection is off (advanced_security_mode "OFF")', fix]]);
    expect(await found('COG-003', pool((p) => delete p.user_pool_add_ons))).toEqual([[POOL, 'threat protection is off (advanced_security_mode "OFF")', fix]]);
  });

  it('COG-004 and COG-005 name the setting and its default', async () => {
    expect(await found('COG-004', pool((p) => delete p.deletion_protection))).toEqual([
      [POOL, 'deletion_protection is "INACTIVE (default)": a destroy or replacement deletes every user', 'Set userPool.deletionProtection: true in stacks/config.ts.'],
    ]);
    expect(await found('COG-005', client((c) => delete c.prevent_user_existence_errors))).toEqual([
      [CLIENT, 'prevent_user_existence_errors is "unset (LEGACY)": responses reveal whether a user exists', "Set preventUserExistenceErrors: 'ENABLED' on the app client."],
    ]);
  });
});

describe('COG-006 app client strength', () => {
  const fix = 'Use ALLOW_USER_SRP_AUTH and ALLOW_REFRESH_TOKEN_AUTH only, refreshTokenValidity ≤ 30 days, enableTokenRevocation: true (UserDirectory does).';

  it('reports each plain-password flow, the legacy name included', async () => {
    // Cognito API reference, ExplicitAuthFlowsType: USER_PASSWORD_AUTH is the legacy name of ALLOW_USER_PASSWORD_AUTH.
    expect(await found('COG-006', client((c) => (c.explicit_auth_flows = ['USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'])))).toEqual([
      [CLIENT, 'explicit_auth_flows has USER_PASSWORD_AUTH: the password itself is sent at sign-in', fix],
    ]);
  });

  it('accepts refresh tokens of exactly 30 days and refuses 31, and reports every problem of a client', async () => {
    expect(await found('COG-006', client((c) => (c.refresh_token_validity = 30)))).toEqual([]);
    expect(
      await found(
        'COG-006',
        client((c) => Object.assign(c, { refresh_token_validity: 31, enable_token_revocation: false, explicit_auth_flows: ['ALLOW_USER_PASSWORD_AUTH'] })),
      ),
    ).toEqual([
      [CLIENT, 'explicit_auth_flows has ALLOW_USER_PASSWORD_AUTH: the password itself is sent at sign-in', fix],
      [CLIENT, 'refresh tokens live 31 days (more than 30)', fix],
      [CLIENT, 'enable_token_revocation is false: a refresh token cannot be revoked', fix],
    ]);
  });
});

describe('COG-007 pre token generation', () => {
  it('names the trigger', async () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:rewrite-groups';
    expect(await found('COG-007', pool((p) => (p.lambda_config = { pre_token_generation: arn })))).toEqual([
      [
        POOL,
        `lambda_config pre_token_generation runs ${arn}, which can rewrite the ID token's groups and preferred role`,
        'Decide roles with groups and role mappings only, or suppress with what the trigger may change and how that is reviewed.',
      ],
    ]);
  });
});
