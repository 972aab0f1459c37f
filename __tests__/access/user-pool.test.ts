import { issueIdToken, PoolGroup, preferredRole, userPoolView, UserPoolView } from '../../access/user-pool';
import type { StackModel, UserPool } from '../../model';
import { modelOf } from '../support/model';

const ADMIN = 'arn:aws:iam::123456789012:role/fx-Admin';
const USER = 'arn:aws:iam::123456789012:role/fx-User';
const READER = 'arn:aws:iam::123456789012:role/fx-Reader';

const group = (name: string, precedence: number | null, roleArn: string | null): PoolGroup => ({ name, precedence, roleArn });

/** The model of a hand-built cdk.tf.json. */
function load(json: Record<string, unknown>): StackModel {
  const model = modelOf(json);
  expect(model.problems).toEqual([]);
  return model;
}

const role = (name: string) => ({ name, assume_role_policy: '{}' });
const POOL = '${aws_cognito_user_pool.users.id}';

/** A pool whose groups cover every precedence case: a number, omitted, explicit JSON null, and a group with no role. */
const POOL_STACK = {
  provider: { aws: [{ region: 'eu-central-1' }] },
  resource: {
    aws_cognito_user_pool: { users: { name: 'fx-users' }, other: { name: 'fx-other' } },
    aws_cognito_user_pool_client: { client: { name: 'app', user_pool_id: POOL } },
    aws_iam_role: { admin: role('fx-Admin'), user: role('fx-User') },
    aws_cognito_user_group: {
      admin: { name: 'Admin', user_pool_id: POOL, precedence: 0, role_arn: '${aws_iam_role.admin.arn}' },
      user: { name: 'User', user_pool_id: POOL, precedence: 10, role_arn: '${aws_iam_role.user.arn}' },
      // Terraform omits an unset precedence; a hand-written file may also spell it null. Both mean "no precedence".
      unranked: { name: 'Unranked', user_pool_id: POOL, role_arn: '${aws_iam_role.user.arn}' },
      nulled: { name: 'Nulled', user_pool_id: POOL, precedence: null, role_arn: '${aws_iam_role.admin.arn}' },
      roleless: { name: 'Roleless', user_pool_id: POOL, precedence: 5 },
      elsewhere: { name: 'Elsewhere', user_pool_id: '${aws_cognito_user_pool.other.id}', precedence: 0 },
    },
  },
};

describe('userPoolView reads the pool’s groups from Terraform', () => {
  let view: UserPoolView;
  beforeAll(() => {
    const pool = load(POOL_STACK).userPools.find((r) => r.name === 'users')!;
    view = userPoolView(pool, 'clientid');
  });

  test('pool id, provider name (issuer without scheme) and client id', () => {
    expect(view.poolId).toMatch(/^eu-central-1_[A-Za-z0-9]{9}$/);
    // Identity pools name a user pool provider as cognito-idp.<region>.amazonaws.com/<poolId>.
    expect(view.providerName).toBe(`cognito-idp.eu-central-1.amazonaws.com/${view.poolId}`);
    expect(view.clientId).toBe('clientid');
  });

  test('only this pool’s groups; an omitted or null precedence and a missing role both read as null', () => {
    // CreateGroup: "The default Precedence value is null"; RoleArn is optional.
    expect(view.groups).toEqual([
      { name: 'Admin', precedence: 0, roleArn: 'arn:aws:iam::123456789012:role/fx-Admin' },
      { name: 'User', precedence: 10, roleArn: 'arn:aws:iam::123456789012:role/fx-User' },
      { name: 'Unranked', precedence: null, roleArn: 'arn:aws:iam::123456789012:role/fx-User' },
      { name: 'Nulled', precedence: null, roleArn: 'arn:aws:iam::123456789012:role/fx-Admin' },
      { name: 'Roleless', precedence: 5, roleArn: null },
    ]);
  });

  test('tokens issued from the view follow the same precedence rules', () => {
    // Nulled (null, Admin role) and Unranked (null, User role) tie at "null" with different roles → no preferred role.
    const tied = issueIdToken(view, 'nina', ['Nulled', 'Unranked']);
    expect(tied['cognito:roles']).toEqual([ADMIN, USER]);
    expect(tied['cognito:preferred_role']).toBeUndefined();
    // User (10) outranks Nulled (null): lower precedence values take precedence over higher or null ones.
    expect(issueIdToken(view, 'ulla', ['Nulled', 'User'])['cognito:preferred_role']).toBe(USER);
  });
});

describe('cognito:preferred_role (Cognito developer guide, "Assigning precedence values to groups")', () => {
  test('the group with the lowest precedence value wins', () => {
    // "it is the group with the lowest precedence value whose IAM role is applied to the cognito:preferred_role claim".
    expect(preferredRole([group('User', 1, USER), group('Admin', 0, ADMIN)])).toBe(ADMIN);
    expect(preferredRole([group('Reader', 7, READER), group('User', 3, USER)])).toBe(USER);
  });

  test('a null precedence ranks after every number, even a large one', () => {
    // "Groups with lower precedence values take precedence over groups with higher or null precedence values."
    expect(preferredRole([group('Admin', null, ADMIN), group('User', 2147483647, USER)])).toBe(USER);
  });

  test('a tie with different roles leaves the claim out', () => {
    // "If the two groups have different role ARNs, the cognito:preferred_role claim isn't set in users' tokens."
    expect(preferredRole([group('Admin', 1, ADMIN), group('User', 1, USER)])).toBeUndefined();
    expect(preferredRole([group('Admin', null, ADMIN), group('User', null, USER)])).toBeUndefined();
  });

  test('a tie with the same role uses that role', () => {
    // "If two groups with the same precedence value have the same role ARN, that role is used".
    expect(preferredRole([group('A', 1, USER), group('B', 1, USER), group('C', 4, ADMIN)])).toBe(USER);
  });

  test('the tie only matters among the best groups: a worse tie is irrelevant', () => {
    expect(preferredRole([group('Admin', 0, ADMIN), group('User', 5, USER), group('Reader', 5, READER)])).toBe(ADMIN);
  });

  test('a single role is preferred, whatever its precedence', () => {
    // "If there is only one allowed role, cognito:preferred_role is set to that role." (Role-based access control)
    expect(preferredRole([group('Admin', null, ADMIN)])).toBe(ADMIN);
    expect(preferredRole([group('Roleless', 0, null), group('User', 9, USER)])).toBe(USER);
  });

  test('no group with a role → no claim', () => {
    expect(preferredRole([])).toBeUndefined();
    expect(preferredRole([group('Roleless', 0, null)])).toBeUndefined();
  });
});

describe('issueIdToken: the claims of the ID token Cognito would issue', () => {
  const view: UserPoolView = {
    pool: {
      type: 'aws_cognito_user_pool',
      name: 'users',
      address: 'aws_cognito_user_pool.users',
      suppressions: [],
      id: 'us-east-1_AbCdEfGhI',
      arn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI',
      endpoint: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI',
      clients: [],
      groups: [],
      triggers: {},
    } satisfies UserPool,
    poolId: 'us-east-1_AbCdEfGhI',
    providerName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI',
    clientId: 'abcdefghijklmnopqrstuvwxyz',
    groups: [group('Admin', 0, ADMIN), group('User', 1, USER), group('Staff', 1, USER), group('Everyone', null, null)],
  };

  test('a member of Admin and User: groups as given, both roles, Admin preferred', () => {
    const token = issueIdToken(view, 'rose', ['Admin', 'User']);
    expect(token).toEqual({
      sub: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
      // iss is the user pool's URL: https://cognito-idp.<region>.amazonaws.com/<poolId>; aud is the app client id.
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI',
      aud: 'abcdefghijklmnopqrstuvwxyz',
      token_use: 'id',
      'cognito:username': 'rose',
      'cognito:groups': ['Admin', 'User'],
      // "The cognito:roles claim is set if there is at least one role."
      'cognito:roles': [ADMIN, USER],
      'cognito:preferred_role': ADMIN,
    });
  });

  test('cognito:roles lists each role once; a tie on the same role still prefers it', () => {
    const token = issueIdToken(view, 'sam', ['User', 'Staff']);
    expect(token['cognito:roles']).toEqual([USER]);
    expect(token['cognito:preferred_role']).toBe(USER);
  });

  test('a group without a role adds to cognito:groups only', () => {
    const token = issueIdToken(view, 'eve', ['Everyone']);
    expect(token['cognito:groups']).toEqual(['Everyone']);
    expect(token).not.toHaveProperty('cognito:roles');
    expect(token).not.toHaveProperty('cognito:preferred_role');
  });

  test('no groups → none of the cognito:groups/roles/preferred_role claims', () => {
    const token = issueIdToken(view, 'nobody', []);
    expect(Object.keys(token).sort()).toEqual(['aud', 'cognito:username', 'iss', 'sub', 'token_use']);
  });

  test('sub is stable per pool and user, different across users', () => {
    expect(issueIdToken(view, 'john', ['User']).sub).toBe(issueIdToken(view, 'john', []).sub);
    expect(issueIdToken(view, 'john', []).sub).not.toBe(issueIdToken(view, 'rose', []).sub);
  });

  test('extra attributes become claims but cannot replace the identity claims', () => {
    const token = issueIdToken(view, 'dora', ['User'], { 'custom:dept': 'Sales', sub: 'forged', iss: 'https://evil', aud: 'x' });
    expect(token['custom:dept']).toBe('Sales');
    expect(token.sub).toMatch(/^[0-9a-f]{8}-/);
    expect(token.iss).toBe('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI');
    expect(token.aud).toBe('abcdefghijklmnopqrstuvwxyz');
  });

  test('a group the pool does not have → error naming group and pool', () => {
    expect(() => issueIdToken(view, 'x', ['Root'])).toThrow(new Error('unknown group "Root" in user pool us-east-1_AbCdEfGhI'));
  });
});
