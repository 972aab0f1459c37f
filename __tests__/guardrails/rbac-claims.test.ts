import { clientWrites } from '../../guardrails/rules/RBAC-011-no-user-writable-claims';
import { isTokenClaimKey } from '../../guardrails/rules/RBAC-012-no-token-claim-keys';
import type { AppClient } from '../../model';
import { chain, findings, policy, ref, withChanges, type Resources } from './helpers';

const client = (writeAttributes: string[] | undefined) => ({ writeAttributes }) as AppClient;

describe('RBAC-011 clientWrites', () => {
  // Cognito Developer Guide, "Attribute permissions and scopes": an app client with no write attributes set may write
  // every writable attribute, custom ones included; the claims below are set by Cognito itself (token claims, the
  // immutable sub, username, and the verification flags), so no client writes them.
  it.each(['sub', 'aud', 'iss', 'token_use', 'auth_time', 'exp', 'iat', 'event_id', 'jti', 'origin_jti', 'identities', 'username', 'email_verified', 'phone_number_verified'])(
    'never lets a client write %s',
    (claim) => {
      expect(clientWrites(client(undefined), claim)).toBe(false);
    },
  );

  it('lets a client with no write_attributes write every other attribute, custom ones included', () => {
    expect(['email', 'custom:role', 'custom:dept'].map((claim) => clientWrites(client(undefined), claim))).toEqual([true, true, true]);
  });

  it('never lets a client write cognito: claims (groups, preferred role), whatever it lists', () => {
    expect(clientWrites(client(undefined), 'cognito:groups')).toBe(false);
    expect(clientWrites(client(['cognito:groups']), 'cognito:groups')).toBe(false);
  });

  it('follows write_attributes when they are set', () => {
    expect(clientWrites(client(['email', 'custom:role']), 'custom:role')).toBe(true);
    expect(clientWrites(client(['email']), 'custom:role')).toBe(false);
  });
});

/** The chain with a second app client of the same user pool, which the identity pool does not federate. */
const secondClient = (writes: string[] | undefined) =>
  withChanges(chain(), (r) => {
    r.aws_cognito_user_pool_client!.other = { user_pool_id: ref('aws_cognito_user_pool.users.id'), ...(writes ? { write_attributes: writes } : {}) };
  });
const attachment = (r: Resources) => r.aws_cognito_identity_pool_roles_attachment!.roles!;
const rulesOn = (r: Resources, identityProvider: string, claims: string[]) => {
  attachment(r).role_mapping = [
    {
      identity_provider: identityProvider,
      type: 'Rules',
      ambiguous_role_resolution: 'Deny',
      mapping_rule: claims.map((claim) => ({ claim, match_type: 'Equals', value: 'admin', role_arn: ref('aws_iam_role.admin.arn') })),
    },
  ];
};
const PROVIDER = `${ref('aws_cognito_user_pool.users.endpoint')}:${ref('aws_cognito_user_pool_client.client.id')}`;
const messages = async (resources: Resources) => (await findings('RBAC-011', resources)).map((f) => [f.resource, f.message]);

describe('RBAC-011 Rules mappings', () => {
  it('reads the tokens of the client the mapping names, not of other clients of the pool', async () => {
    // The other client may write custom:dept; the mapping's client (write_attributes: email) may not.
    const resources = withChanges(secondClient(undefined), (r) => rulesOn(r, PROVIDER, ['custom:dept']));
    expect(await messages(resources)).toEqual([]);
  });

  it('numbers each mapping rule and names the clients that write its claim', async () => {
    const resources = withChanges(secondClient(undefined), (r) => {
      r.aws_cognito_user_pool_client!.client!.write_attributes = ['email', 'custom:dept'];
      rulesOn(r, PROVIDER, ['custom:team', 'custom:dept']);
    });
    expect(await messages(resources)).toEqual([
      [
        'aws_cognito_identity_pool_roles_attachment.roles',
        'role_mapping[0].mapping_rule[1] picks a role from claim "custom:dept", which aws_cognito_user_pool_client.client lets users write themselves',
      ],
    ]);
    expect((await findings('RBAC-011', resources))[0]!.fix).toBe(
      'Remove "custom:dept" from the app client\'s writeAttributes (user-directory.ts CLIENT_WRITE_ATTRIBUTES), or map on cognito:groups via a Token mapping.',
    );
  });

  it('falls back to the clients the identity pool federates when the mapping names no client of the stack', async () => {
    // Only the federated client (write_attributes unset here) can bring a token to this pool; the other client of
    // the user pool writes every attribute too, but the identity pool does not accept its tokens.
    const resources = withChanges(secondClient(undefined), (r) => {
      delete r.aws_cognito_user_pool_client!.client!.write_attributes;
      rulesOn(r, 'cognito-idp.us-east-1.amazonaws.com/us-east-1_elsewhere:unknownclient', ['custom:dept']);
    });
    expect(await messages(resources)).toEqual([
      [
        'aws_cognito_identity_pool_roles_attachment.roles',
        'role_mapping[0].mapping_rule[0] picks a role from claim "custom:dept", which aws_cognito_user_pool_client.client lets users write themselves',
      ],
    ]);
  });

  it('judges the named client even when the identity pool federates another one', async () => {
    // The mapping names the second client (write_attributes: email); the federated one writes everything.
    const resources = withChanges(secondClient(['email']), (r) => {
      delete r.aws_cognito_user_pool_client!.client!.write_attributes;
      rulesOn(r, `${ref('aws_cognito_user_pool.users.endpoint')}:${ref('aws_cognito_user_pool_client.other.id')}`, ['custom:dept']);
    });
    expect(await messages(resources)).toEqual([]);
  });

  it('falls back to every client the pool federates, when it federates several', async () => {
    const resources = withChanges(secondClient(undefined), (r) => {
      (r.aws_cognito_identity_pool!.pool!.cognito_identity_providers as object[]).push({
        client_id: ref('aws_cognito_user_pool_client.other.id'),
        provider_name: ref('aws_cognito_user_pool.users.endpoint'),
        server_side_token_check: true,
      });
      delete r.aws_cognito_user_pool_client!.client!.write_attributes;
      rulesOn(r, 'cognito-idp.us-east-1.amazonaws.com/us-east-1_elsewhere:unknownclient', ['custom:dept']);
    });
    expect(await messages(resources)).toEqual([
      [
        'aws_cognito_identity_pool_roles_attachment.roles',
        'role_mapping[0].mapping_rule[0] picks a role from claim "custom:dept", which aws_cognito_user_pool_client.client, aws_cognito_user_pool_client.other lets users write themselves',
      ],
    ]);
  });

  it('ignores mapping rules left on a Token mapping (Cognito reads only the token\'s roles there)', async () => {
    // Cognito identity API reference, RoleMapping: RulesConfiguration applies only with Type "Rules".
    const resources = withChanges(chain(), (r) => {
      delete r.aws_cognito_user_pool_client!.client!.write_attributes;
      rulesOn(r, PROVIDER, ['custom:dept']);
      (attachment(r).role_mapping as Array<Record<string, unknown>>)[0]!.type = 'Token';
    });
    expect(await messages(resources)).toEqual([]);
  });
});

describe('RBAC-011 principal tags', () => {
  /** Principal tags of the pool's provider, and the user role's policy reading the given tag. */
  const tagged = (tags: Record<string, string>, readTag: string, change: (r: Resources) => void = () => undefined) =>
    withChanges(chain(), (r) => {
      r.aws_cognito_identity_pool_provider_principal_tag = {
        tags: { identity_pool_id: ref('aws_cognito_identity_pool.pool.id'), identity_provider_name: ref('aws_cognito_user_pool.users.endpoint'), principal_tags: tags },
      };
      r.aws_iam_role_policy!['user-invoke']!.policy = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::reports/$\${aws:PrincipalTag/${readTag}}/*` }]);
      change(r);
    });

  it('reports a tag a policy reads that is mapped from a claim the federated client writes', async () => {
    const resources = tagged({ dept: 'custom:dept' }, 'dept', (r) => {
      r.aws_cognito_user_pool_client!.client!.write_attributes = ['email', 'custom:dept'];
    });
    expect(await messages(resources)).toEqual([
      [
        'aws_iam_role_policy.user-invoke',
        'policy reads aws:PrincipalTag/dept, which aws_cognito_identity_pool_provider_principal_tag.tags maps from claim "custom:dept" that aws_cognito_user_pool_client.client lets users write',
      ],
    ]);
    expect((await findings('RBAC-011', resources))[0]!.fix).toBe('Map the tag from a claim users cannot set, or remove "custom:dept" from the app client\'s writeAttributes.');
  });

  it('passes when the claim is not writable by the federated client, even if another client of the pool writes it', async () => {
    const resources = tagged({ dept: 'custom:dept' }, 'dept', (r) => {
      r.aws_cognito_user_pool_client!.other = { user_pool_id: ref('aws_cognito_user_pool.users.id') };
    });
    expect(await messages(resources)).toEqual([]);
  });

  it('passes when the tag the policy reads is not one the mapping sets', async () => {
    const resources = tagged({ dept: 'custom:dept' }, 'team', (r) => {
      delete r.aws_cognito_user_pool_client!.client!.write_attributes;
    });
    expect(await messages(resources)).toEqual([]);
  });

  it('judges only clients of the mapped provider when the pool federates two user pools', async () => {
    // The mapping names the first user pool; only the second pool's client writes custom:dept.
    const resources = tagged({ dept: 'custom:dept' }, 'dept', (r) => {
      r.aws_cognito_user_pool!.partners = { name: 'partners' };
      r.aws_cognito_user_pool_client!.partner = { user_pool_id: ref('aws_cognito_user_pool.partners.id') };
      (r.aws_cognito_identity_pool!.pool!.cognito_identity_providers as object[]).push({
        client_id: ref('aws_cognito_user_pool_client.partner.id'),
        provider_name: ref('aws_cognito_user_pool.partners.endpoint'),
        server_side_token_check: true,
      });
    });
    expect(await messages(resources)).toEqual([]);
  });
});

describe('RBAC-012 token claims in policies', () => {
  it('knows the ID-token claim prefixes, in any case', () => {
    expect(['cognito:groups', 'custom:dept', 'Custom:Dept', 'COGNITO:preferred_role'].map(isTokenClaimKey)).toEqual([true, true, true, true]);
    expect(['aws:PrincipalTag/custom', 'cognito-identity.amazonaws.com:sub', 'x-custom:dept'].map(isTokenClaimKey)).toEqual([false, false, false]);
  });

  const userPolicy = (statement: object) =>
    withChanges(chain(), (r) => {
      r.aws_iam_role_policy!['user-invoke']!.policy = policy([statement]);
    });

  it('reports a condition on a custom: claim, with the fix', async () => {
    const found = await findings(
      'RBAC-012',
      userPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::files/*', Condition: { StringEquals: { 'custom:dept': 'sales' } } }),
    );
    expect(found.map((f) => [f.resource, f.message])).toEqual([
      ['aws_iam_role_policy.user-invoke', 'policy Statement[0].Condition.StringEquals.custom:dept tests "custom:dept", an ID-token claim that AWS never puts in the request context: this condition never matches'],
    ]);
    expect(found[0]!.fix).toBe(
      'Decide by role instead: map each group to its own role (cognito_user_group.role_arn with a Token role mapping), or use principal tags (aws:PrincipalTag/...) mapped from a claim users cannot write.',
    );
  });

  it('reports a policy variable that reads an ID-token claim, default value or not, and passes the IAM escapes', async () => {
    // IAM User Guide, "IAM policy elements: Variables and tags": ${key} resolves from the request context, and
    // ${key, 'default'} falls back to the default; ${*}, ${?} and ${$} are escapes for literal characters.
    const found = await findings(
      'RBAC-012',
      userPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::files/$${cognito:username}/*', "arn:aws:s3:::files/$${custom:dept, 'none'}/*", 'arn:aws:s3:::files/$${*}/$${?}/$${$}'] }),
    );
    expect(found.map((f) => f.message)).toEqual([
      'policy Statement[0].Resource[0] uses the policy variable ${cognito:username}, an ID-token claim that never resolves in IAM',
      'policy Statement[0].Resource[1] uses the policy variable ${custom:dept}, an ID-token claim that never resolves in IAM',
    ]);
    expect(found[0]!.fix).toBe('Use a key AWS sets on identity-pool sessions, e.g. ${cognito-identity.amazonaws.com:sub} or ${aws:PrincipalTag/...}.');
  });
});
