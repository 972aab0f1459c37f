import { chain, findings, guestChain, policy, ref, trustFor, withChanges, type Resources } from './helpers';

const found = async (rule: string, resources: Resources) => (await findings(rule, resources)).map((f) => [f.resource, f.message, f.fix]);
const mapping = (r: Resources) => (r.aws_cognito_identity_pool_roles_attachment!.roles!.role_mapping as Array<Record<string, unknown>>)[0]!;

describe('RBAC-004 and RBAC-005: guests', () => {
  it('RBAC-004 says how to turn guests off or accept them', async () => {
    const resources = withChanges(chain(), (r) => {
      r.aws_cognito_identity_pool!.pool!.allow_unauthenticated_identities = true;
    });
    expect(await found('RBAC-004', resources)).toEqual([
      [
        'aws_cognito_identity_pool.pool',
        'allow_unauthenticated_identities is true: anyone on the internet can obtain credentials for the guest role',
        "Set allowUnauthenticatedIdentities: false, or suppress(pool, 'RBAC-004', why guests are needed) and keep the guest role read-only (RBAC-005).",
      ],
    ]);
  });


  it('RBAC-005 names the write actions a guest policy allows', async () => {
    // Service Authorization Reference: s3:PutObject and s3:DeleteObject have access level Write, s3:GetObject Read.
    const resources = guestChain((r) => {
      r.aws_iam_role_policy!['guest-grant'] = {
        role: ref('aws_iam_role.guest.name'),
        policy: policy([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::public/*' }]),
      };
    });
    expect(await found('RBAC-005', resources)).toEqual([
      [
        'aws_iam_role_policy.guest-grant',
        'guest role aws_iam_role.guest: policy Statement[0] allows non-read actions to unauthenticated identities: s3:PutObject, s3:DeleteObject',
        'Give the guest role only Read/List actions, scoped to the resources guests may see.',
      ],
    ]);
  });

  it('RBAC-005 refuses a managed policy it cannot read, since it cannot be shown read-only', async () => {
    const resources = guestChain((r) => {
      r.aws_iam_role_policy_attachment = { unknown: { role: ref('aws_iam_role.guest.name'), policy_arn: 'arn:aws:iam::aws:policy/NoSuchPolicyForGuests' } };
    });
    expect(await found('RBAC-005', resources)).toEqual([
      [
        'aws_iam_role_policy_attachment.unknown',
        'guest role aws_iam_role.guest: managed policy arn:aws:iam::aws:policy/NoSuchPolicyForGuests cannot be read (not a policy of this stack or of the AWS managed catalogue), so it cannot be shown read-only',
        'Give the guest role only documents the guardrails can read: inline policies, or AWS managed read-only policies.',
      ],
    ]);
  });
});

describe('RBAC-007 and RBAC-008: the default authenticated role', () => {
  const fallback = (resolution: string | undefined, change: (r: Resources) => void = () => undefined) =>
    withChanges(chain(), (r) => {
      if (resolution === undefined) delete mapping(r).ambiguous_role_resolution;
      else mapping(r).ambiguous_role_resolution = resolution;
      change(r);
    });

  it('RBAC-007 says what the fallback role grants', async () => {
    // Cognito identity API reference, RoleMapping.AmbiguousRoleResolution: AuthenticatedRole hands out the default
    // authenticated role when the token names no preferred role.
    const rule = 'RBAC-007';
    const at = 'aws_cognito_identity_pool_roles_attachment.roles';
    const fix = "Set ambiguousRoleResolution: 'Deny' on the role mapping.";
    expect(await found(rule, fallback('AuthenticatedRole'))).toEqual([
      [at, 'role_mapping[0] (Token) has ambiguous_role_resolution "AuthenticatedRole": it falls back to aws_iam_role.default, which grants nothing today but would silently widen if it ever did', fix],
    ]);
    expect(
      await found(
        rule,
        fallback('AuthenticatedRole', (r) => {
          // One customer managed policy of this stack, with one Allow statement (its document counts as well).
          r.aws_iam_policy = { extra: { name: 'extra', policy: policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' }]) } };
          r.aws_iam_role_policy_attachment = { extra: { role: ref('aws_iam_role.default.name'), policy_arn: ref('aws_iam_policy.extra.arn') } };
        }),
      ),
    ).toEqual([[at, 'role_mapping[0] (Token) has ambiguous_role_resolution "AuthenticatedRole": it falls back to aws_iam_role.default, which has 1 Allow statement(s) and 1 managed policy attachment(s)', fix]]);
    expect(
      await found(
        rule,
        fallback(undefined, (r) => {
          delete (r.aws_cognito_identity_pool_roles_attachment!.roles!.roles as Record<string, string>).authenticated;
        }),
      ),
    ).toEqual([[at, 'role_mapping[0] (Token) has ambiguous_role_resolution null: no default authenticated role is set', fix]]);
  });

  it('RBAC-008 reports a managed policy attached to the default role, and each inline grant', async () => {
    const resources = withChanges(chain(), (r) => {
      r.aws_iam_role_policy!['default-deny']!.policy = policy([
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::public' },
      ]);
      r.aws_iam_role_policy_attachment = { ro: { role: ref('aws_iam_role.default.name'), policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } };
    });
    expect(await found('RBAC-008', resources)).toEqual([
      [
        'aws_iam_role_policy.default-deny',
        'default authenticated role aws_iam_role.default is granted Statement[0], Statement[1] by policy: every authenticated identity without a mapped role gets it',
        'Move the permissions to a group role; keep the default role deny-all (policies/vN/default-authenticated.json).',
      ],
      [
        'aws_iam_role_policy_attachment.ro',
        'default authenticated role aws_iam_role.default has managed policy arn:aws:iam::aws:policy/ReadOnlyAccess attached',
        'Attach permissions to group roles instead of the default authenticated role.',
      ],
    ]);
  });
});

describe('RBAC-009: group precedence', () => {
  const groups = (extra: Record<string, Record<string, unknown>>) =>
    withChanges(chain(), (r) => {
      for (const [name, body] of Object.entries(extra)) r.aws_cognito_user_group![name] = { name, user_pool_id: ref('aws_cognito_user_pool.users.id'), ...body };
    });
  const fix = 'Give every group a distinct precedence in stacks/config.ts (groups[].precedence).';

  it('lets groups carrying the same role tie, and names the first group of another role a tie is with', async () => {
    // Cognito Developer Guide, "Adding groups to a user pool": of a user's groups, the lowest precedence sets
    // cognito:preferred_role; on a tie between different roles there is none.
    const resources = groups({
      helpers: { precedence: 1, role_arn: ref('aws_iam_role.user.arn') },
      auditors: { precedence: 1, role_arn: ref('aws_iam_role.admin.arn') },
    });
    expect(await found('RBAC-009', resources)).toEqual([
      [
        'aws_cognito_user_group.auditors',
        'group auditors ties with aws_cognito_user_group.user at precedence 1 but carries a different role: members of both get no preferred role',
        fix,
      ],
    ]);
  });

  it('ignores groups without a role, and pools whose groups carry a single role', async () => {
    expect(await found('RBAC-009', groups({ everyone: {} }))).toEqual([]);
    const oneRole = withChanges(chain(), (r) => {
      r.aws_cognito_user_group!.admin!.role_arn = ref('aws_iam_role.user.arn');
      delete r.aws_cognito_user_group!.admin!.precedence;
    });
    expect(await found('RBAC-009', oneRole)).toEqual([]);
  });

  it('reports a role-carrying group with no precedence', async () => {
    const resources = groups({ auditors: { role_arn: ref('aws_iam_role.admin.arn') } });
    expect(await found('RBAC-009', resources)).toEqual([
      ['aws_cognito_user_group.auditors', "group auditors carries a role but sets no precedence, while the pool's groups carry different roles", fix],
    ]);
  });
});

describe('RBAC-010: roles handed out', () => {
  it('names the field, the ARN and the pools for a role outside the stack', async () => {
    const resources = withChanges(chain(), (r) => {
      r.aws_cognito_user_group!.admin!.role_arn = 'arn:aws:iam::123456789012:role/somewhere-else';
    });
    expect(await found('RBAC-010', resources)).toEqual([
      [
        'aws_cognito_user_group.admin',
        'role_arn "arn:aws:iam::123456789012:role/somewhere-else" is not a role of this stack, so its trust cannot be checked against aws_cognito_identity_pool.pool',
        'Create the role in this stack with IdentityPool.trustedRole() and reference its arn.',
      ],
    ]);
  });

  it('leaves alone the groups of a user pool no identity pool federates', async () => {
    const resources = withChanges(chain(), (r) => {
      r.aws_cognito_user_pool!.staff = { name: 'staff' };
      r.aws_cognito_user_group!.staff = { name: 'staff', precedence: 0, role_arn: 'arn:aws:iam::123456789012:role/somewhere-else', user_pool_id: ref('aws_cognito_user_pool.staff.id') };
    });
    expect(await found('RBAC-010', resources)).toEqual([]);
  });

  it('names the role whose trust admits none of its intended callers, from each place that hands it out', async () => {
    const resources = withChanges(chain(), (r) => {
      r.aws_iam_role!.admin!.assume_role_policy = trustFor('us-east-1:11111111-2222-3333-4444-555555555555');
    });
    const results = await found('RBAC-010', resources);
    expect(results.map(([resource]) => resource)).toEqual(['aws_cognito_user_group.admin']);
    expect(results[0]![1]).toMatch(/^role_arn points to aws_iam_role\.admin, whose trust admits none of its intended callers \(.+\): sign-in fails$/);
  });
});
