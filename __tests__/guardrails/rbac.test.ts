import { chain, describeRule, guestGrants, policy, ref, trustFor, withChanges, type Resources } from './helpers';

const role = (r: Resources, name: string) => r.aws_iam_role![name]!;
const groupRoleTrust = (r: Resources, trust: string) => {
  role(r, 'admin').assume_role_policy = trust;
};
const trustWith = (condition: object) =>
  policy([
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: condition,
    },
  ]);

/** The guest role's inline policy is named guest-read in the expectations below. */
const withGuest = (statement: object) => guestGrants(statement, 'guest-read');

describeRule('RBAC-001', [
  { name: 'passes: aud pinned to this stack\'s pool', resources: chain(), expect: [] },
  {
    name: 'fails: trust on cognito-identity without aud (any pool in the world)',
    resources: withChanges(chain(), (r) =>
      groupRoleTrust(r, trustWith({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } })),
    ),
    expect: ['aws_iam_role.admin'],
    message: /admits identities of other identity pools: a signed-in user of another identity pool/,
  },
  {
    name: 'fails: aud pinned to a literal pool id that is not in this stack',
    resources: withChanges(chain(), (r) => groupRoleTrust(r, trustFor('us-east-1:11111111-2222-3333-4444-555555555555'))),
    expect: ['aws_iam_role.admin'],
    message: /another identity pool \(us-east-1:11111111-2222-3333-4444-555555555555/,
  },
  {
    // Issue 14 planted mistake: only the first aud value was checked. A StringEquals list matches any of its values.
    name: 'fails: aud lists this pool and a second one (every value is tried)',
    resources: withChanges(chain(), (r) =>
      groupRoleTrust(r, trustFor([ref('aws_cognito_identity_pool.pool.id'), 'us-east-1:11111111-2222-3333-4444-555555555555'])),
    ),
    expect: ['aws_iam_role.admin'],
    message: /another identity pool \(us-east-1:11111111-2222-3333-4444-555555555555/,
  },
  {
    name: 'passes: service trust is not an identity-pool trust',
    resources: {
      aws_iam_role: {
        exec: {
          name: 'exec',
          assume_role_policy: policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
        },
      },
    },
    expect: [],
  },
  {
    name: 'fails: StringLike aud with a wildcard',
    resources: withChanges(chain(), (r) =>
      groupRoleTrust(
        r,
        trustWith({
          StringLike: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:*' },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }),
      ),
    ),
    expect: ['aws_iam_role.admin'],
    message: /admits identities of other identity pools/,
  },
  {
    name: 'fails: StringNotEquals aud admits every other pool',
    resources: withChanges(chain(), (r) =>
      groupRoleTrust(
        r,
        trustWith({
          StringNotEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:11111111-2222-3333-4444-555555555555' },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }),
      ),
    ),
    expect: ['aws_iam_role.admin'],
    message: /admits identities of other identity pools/,
  },
]);

describeRule('RBAC-002', [
  { name: 'passes: amr authenticated', resources: chain(), expect: [] },
  {
    name: 'fails: no amr condition lets guests assume a group role',
    resources: withChanges(chain(), (r) =>
      groupRoleTrust(r, trustWith({ StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('aws_cognito_identity_pool.pool.id') } })),
    ),
    expect: ['aws_iam_role.admin'],
    message: /admits callers of this pool it is not meant for: a guest \(unauthenticated identity\)/,
  },
  {
    name: 'fails: amr "unauthenticated" on a role that is not the guest role',
    resources: withChanges(chain(), (r) => groupRoleTrust(r, trustFor(undefined, 'unauthenticated'))),
    expect: ['aws_iam_role.admin'],
    message: /a guest \(unauthenticated identity\) of aws_cognito_identity_pool\.pool/,
  },
  {
    name: 'fails: amr wildcard',
    resources: withChanges(chain(), (r) => groupRoleTrust(r, trustFor(undefined, '*'))),
    expect: ['aws_iam_role.admin'],
    message: /a guest \(unauthenticated identity\)/,
  },
  {
    // Cognito always sets amr, so ForAllValues never admits a guest; it admits no signed-in user either (RBAC-010).
    name: 'passes: ForAllValues amr admits no guest (Cognito always sets amr)',
    resources: withChanges(chain(), (r) =>
      groupRoleTrust(
        r,
        trustWith({
          StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('aws_cognito_identity_pool.pool.id') },
          'ForAllValues:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }),
      ),
    ),
    expect: [],
  },
  {
    name: 'passes: the guest role may require amr unauthenticated',
    resources: withGuest({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' }),
    expect: [],
  },
]);

describeRule('RBAC-003', [
  { name: 'passes: the one Cognito statement admits no outsider', resources: chain(), expect: [] },
  {
    // IAM JSON policy reference, "Principal": an AWS account as principal delegates to every principal it allows.
    name: 'fails: an extra statement trusts another account',
    resources: withChanges(chain(), (r) => {
      const trust = JSON.parse(role(r, 'admin').assume_role_policy as string) as { Statement: object[] };
      trust.Statement.push({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' });
      role(r, 'admin').assume_role_policy = JSON.stringify(trust);
    }),
    expect: ['aws_iam_role.admin'],
    message: /callers outside Cognito: the AWS principal arn:aws:iam::999988887777/,
  },
  {
    // sts:* covers sts:AssumeRole: a Principal "*" statement then admits every AWS principal of every account.
    name: 'fails: Principal "*" with sts:*',
    resources: withChanges(chain(), (r) => {
      role(r, 'admin').assume_role_policy = policy([{ Effect: 'Allow', Principal: '*', Action: 'sts:*' }]);
    }),
    expect: ['aws_iam_role.admin'],
    message: /callers outside Cognito/,
  },
]);

describeRule('RBAC-004', [
  { name: 'passes: guests off', resources: chain(), expect: [] },
  {
    name: 'fails: allow_unauthenticated_identities',
    resources: withChanges(chain(), (r) => {
      r.aws_cognito_identity_pool!.pool!.allow_unauthenticated_identities = true;
    }),
    expect: ['aws_cognito_identity_pool.pool'],
  },
]);

describeRule('RBAC-005', [
  {
    name: 'passes: read-only guest role',
    resources: withGuest({ Effect: 'Allow', Action: ['s3:GetObject', 's3:List*'], Resource: 'arn:aws:s3:::public/*' }),
    expect: [],
  },
  {
    name: 'fails: guest role can write',
    resources: withGuest({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::public/*' }),
    expect: ['aws_iam_role_policy.guest-read'],
    message: /s3:PutObject/,
  },
  {
    name: 'fails: guest role invokes the API (execute-api:Invoke is a Write action)',
    resources: withGuest({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }),
    expect: ['aws_iam_role_policy.guest-read'],
  },
]);

describeRule('RBAC-006', [
  { name: 'passes: classic flow off', resources: chain(), expect: [] },
  {
    name: 'fails: classic flow on',
    resources: withChanges(chain(), (r) => {
      r.aws_cognito_identity_pool!.pool!.allow_classic_flow = true;
    }),
    expect: ['aws_cognito_identity_pool.pool'],
  },
]);

const mapping = (r: Resources) => (r.aws_cognito_identity_pool_roles_attachment!.roles!.role_mapping as Array<Record<string, unknown>>)[0]!;

describeRule('RBAC-007', [
  { name: 'passes: Deny', resources: chain(), expect: [] },
  {
    name: 'fails: AuthenticatedRole falls back to the default role',
    resources: withChanges(chain(), (r) => {
      mapping(r).ambiguous_role_resolution = 'AuthenticatedRole';
    }),
    expect: ['aws_cognito_identity_pool_roles_attachment.roles'],
    message: /falls back to aws_iam_role\.default/,
  },
]);

describeRule('RBAC-008', [
  { name: 'passes: default role is deny-all', resources: chain(), expect: [] },
  {
    name: 'fails: default role allows something',
    resources: withChanges(chain(), (r) => {
      r.aws_iam_role_policy!['default-deny']!.policy = policy([
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${ref('aws_api_gateway_rest_api.api.execution_arn')}/*` },
      ]);
    }),
    expect: ['aws_iam_role_policy.default-deny'],
  },
]);

describeRule('RBAC-009', [
  { name: 'passes: distinct precedences', resources: chain(), expect: [] },
  {
    name: 'fails: two groups with different roles tie',
    resources: withChanges(chain(), (r) => {
      r.aws_cognito_user_group!.user!.precedence = 0;
    }),
    expect: ['aws_cognito_user_group.user'],
    message: /ties with aws_cognito_user_group\.admin at precedence 0/,
  },
  {
    name: 'fails: a role-carrying group without precedence',
    resources: withChanges(chain(), (r) => {
      delete r.aws_cognito_user_group!.user!.precedence;
    }),
    expect: ['aws_cognito_user_group.user'],
  },
  {
    name: 'passes: a tie between groups carrying the same role',
    resources: withChanges(chain(), (r) => {
      r.aws_cognito_user_group!.user!.precedence = 0;
      r.aws_cognito_user_group!.user!.role_arn = ref('aws_iam_role.admin.arn');
    }),
    expect: [],
  },
]);

describeRule('RBAC-010', [
  { name: 'passes: group roles trust this pool', resources: chain(), expect: [] },
  {
    name: 'fails: a group role trusting another pool',
    resources: withChanges(chain(), (r) => groupRoleTrust(r, trustFor('us-east-1:11111111-2222-3333-4444-555555555555'))),
    expect: ['aws_cognito_user_group.admin'],
    message: /whose trust admits none of its intended callers \(a signed-in user of aws_cognito_identity_pool\.pool/,
  },
  {
    // Cognito's amr for a signed-in user also holds the provider ("Role trust and permissions"): ForAllValues
    // "authenticated" then never matches, and sign-in fails.
    name: 'fails: ForAllValues amr admits no signed-in user',
    resources: withChanges(chain(), (r) =>
      groupRoleTrust(
        r,
        trustWith({
          StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('aws_cognito_identity_pool.pool.id') },
          'ForAllValues:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }),
      ),
    ),
    expect: ['aws_cognito_user_group.admin'],
    message: /admits none of its intended callers/,
  },
  {
    name: 'fails: a group role_arn outside this stack',
    resources: withChanges(chain(), (r) => {
      r.aws_cognito_user_group!.admin!.role_arn = 'arn:aws:iam::123456789012:role/somewhere-else';
    }),
    expect: ['aws_cognito_user_group.admin'],
    message: /not a role of this stack/,
  },
]);

const rulesMapping = (r: Resources, claim: string) => {
  Object.assign(mapping(r), {
    type: 'Rules',
    mapping_rule: [{ claim, match_type: 'Equals', value: 'admin', role_arn: ref('aws_iam_role.admin.arn') }],
  });
};

describeRule('RBAC-011', [
  { name: 'passes: Token mapping, client writes only email', resources: chain(), expect: [] },
  {
    name: 'passes: Rules mapping on a claim the client cannot write',
    resources: withChanges(chain(), (r) => rulesMapping(r, 'custom:role')),
    expect: [],
  },
  {
    name: 'fails: Rules mapping on custom:role that the client may write',
    resources: withChanges(chain(), (r) => {
      rulesMapping(r, 'custom:role');
      r.aws_cognito_user_pool_client!.client!.write_attributes = ['email', 'custom:role'];
    }),
    expect: ['aws_cognito_identity_pool_roles_attachment.roles'],
    message: /custom:role/,
  },
  {
    name: 'fails: client without write_attributes may write every attribute',
    resources: withChanges(chain(), (r) => {
      rulesMapping(r, 'custom:department');
      delete r.aws_cognito_user_pool_client!.client!.write_attributes;
    }),
    expect: ['aws_cognito_identity_pool_roles_attachment.roles'],
  },
  {
    // Cognito Developer Guide, "Using attributes for access control": the tag carries the claim's value into the session.
    name: 'fails: a policy reads a principal tag mapped from a writable claim',
    resources: withChanges(chain(), (r) => {
      r.aws_cognito_user_pool_client!.client!.write_attributes = ['email', 'custom:dept'];
      r.aws_cognito_identity_pool_provider_principal_tag = {
        tags: {
          identity_pool_id: ref('aws_cognito_identity_pool.pool.id'),
          identity_provider_name: ref('aws_cognito_user_pool.users.endpoint'),
          principal_tags: { dept: 'custom:dept' },
        },
      };
      r.aws_iam_role_policy!['user-invoke']!.policy = policy([
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::reports/$${aws:PrincipalTag/dept}/*',
        },
      ]);
    }),
    expect: ['aws_iam_role_policy.user-invoke'],
    message: /aws:PrincipalTag\/dept, which aws_cognito_identity_pool_provider_principal_tag\.tags maps from claim "custom:dept"/,
  },
]);

describeRule('RBAC-012', [
  { name: 'passes: no token-claim keys', resources: chain(), expect: [] },
  {
    name: 'fails: ForAnyValue:StringEquals cognito:groups never matches',
    resources: withChanges(chain(), (r) => {
      r.aws_iam_role_policy!['user-invoke']!.policy = policy([
        {
          Effect: 'Allow',
          Action: 'execute-api:Invoke',
          Resource: `${ref('aws_api_gateway_rest_api.api.execution_arn')}/*/GET/admin`,
          Condition: { 'ForAnyValue:StringEquals': { 'cognito:groups': ['Admin'] } },
        },
      ]);
    }),
    expect: ['aws_iam_role_policy.user-invoke'],
    message: /cognito:groups/,
  },
  {
    name: 'passes: identity-pool session keys such as cognito-identity.amazonaws.com:sub',
    resources: withChanges(chain(), (r) => {
      r.aws_iam_role_policy!['user-invoke']!.policy = policy([
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::files/$${cognito-identity.amazonaws.com:sub}/*' },
      ]);
    }),
    expect: [],
  },
]);
