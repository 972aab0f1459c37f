import { roleView, RoleView } from '../../access/role-policies';
import type { StackModel } from '../../model';
import { modelOf } from '../support/model';
import { assumeRole, COGNITO_IDENTITY, WebIdentity, webIdentityContext } from '../../access/trust';

const PROVIDER = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI';
const OTHER_POOL = 'us-east-1:00000000-1111-4222-a333-444444444444';

/** A trust statement for cognito-identity.amazonaws.com with the given conditions. */
const trust = (condition?: Record<string, Record<string, string | string[]>>) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });

const POOL_ID = '${aws_cognito_identity_pool.ids.id}';

/** Roles whose trust policies cover each case; written as a cdk.tf.json in a temp folder. */
const STACK = {
  provider: { aws: [{ region: 'us-east-1' }] },
  resource: {
    aws_cognito_identity_pool: { ids: { identity_pool_name: 'fx' } },
    aws_iam_role: {
      // The developer guide's example ("Creating roles for role mapping"): aud pinned, amr authenticated.
      pinned: {
        name: 'fx-pinned',
        assume_role_policy: trust({
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        }),
      },
      // The same without aud: any identity pool, in any account, could get credentials for it.
      unpinned: {
        name: 'fx-unpinned',
        assume_role_policy: trust({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }),
      },
      guests: {
        name: 'fx-guests',
        assume_role_policy: trust({
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
        }),
      },
      // amr also names the provider: this role only trusts sign-ins from one user pool.
      onePool: {
        name: 'fx-one-pool',
        assume_role_policy: trust({
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID },
          'ForAnyValue:StringEquals': { 'cognito-identity.amazonaws.com:amr': PROVIDER },
        }),
      },
      service: {
        name: 'fx-lambda',
        assume_role_policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      },
    },
  },
};

let stack: StackModel;
let poolId: string;
const role = (name: string): RoleView => roleView(stack.roles.find((r) => r.name === name)!);

beforeAll(() => {
  stack = modelOf(STACK);
  expect(stack.problems).toEqual([]);
  poolId = stack.identityPools[0]!.id;
});

const signedIn = (identityPoolId = poolId, providerName = PROVIDER): WebIdentity => ({
  identityPoolId,
  identityId: 'us-east-1:11111111-2222-4333-a444-555555555555',
  providerName,
  userSub: '99999999-8888-4777-a666-555555555555',
});
const guest = (identityPoolId = poolId): WebIdentity => ({ identityPoolId, identityId: 'us-east-1:11111111-2222-4333-a444-000000000000' });

describe('webIdentityContext: the keys STS sees when Cognito assumes a role', () => {
  test('a signed-in user: aud is the identity pool, sub the identity id, amr "authenticated" + provider + provider:CognitoSignIn:sub', () => {
    // IAM User Guide, "Available keys for OIDC federation" / Cognito "IAM roles": amr holds "authenticated" and the
    // login provider, e.g. cognito-idp.<region>.amazonaws.com/<pool>:CognitoSignIn:<sub> for a user pool sign-in.
    expect(COGNITO_IDENTITY).toBe('cognito-identity.amazonaws.com');
    expect(webIdentityContext(signedIn('us-east-1:pool'))).toEqual({
      'cognito-identity.amazonaws.com:aud': 'us-east-1:pool',
      'cognito-identity.amazonaws.com:amr': [
        'authenticated',
        'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI',
        'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI:CognitoSignIn:99999999-8888-4777-a666-555555555555',
      ],
      'cognito-identity.amazonaws.com:sub': 'us-east-1:11111111-2222-4333-a444-555555555555',
    });
  });

  test('a guest: amr is just "unauthenticated"', () => {
    expect(webIdentityContext(guest('us-east-1:pool'))).toEqual({
      'cognito-identity.amazonaws.com:aud': 'us-east-1:pool',
      'cognito-identity.amazonaws.com:amr': ['unauthenticated'],
      'cognito-identity.amazonaws.com:sub': 'us-east-1:11111111-2222-4333-a444-000000000000',
    });
  });
});

describe('assumeRole: sts:AssumeRoleWithWebIdentity decided by the trust policy alone', () => {
  test('pinned trust: this pool’s signed-in users are allowed, by the trust statement', () => {
    const result = assumeRole(role('pinned'), signedIn());
    expect(result.decision).toBe('allowed');
    expect(result.matched).toEqual([{ policy: 'aws_iam_role.pinned.assume_role_policy', index: 0, effect: 'Allow' }]);
  });

  test('pinned trust: another identity pool is refused (aud), and so is this pool’s guest (amr)', () => {
    // "the policy restricts the aud of the token, in this case the identity pool ID, to match the identity pool" and
    // "specifies that the amr of the token contains the value authenticated".
    const other = assumeRole(role('pinned'), signedIn(OTHER_POOL));
    expect(other.decision).toBe('implicitDeny');
    expect(other.matched).toEqual([]);
    expect(other.reasons.at(-1)).toBe(
      'no statement in trust policy "aws_iam_role.pinned.assume_role_policy" allows Federated principal cognito-identity.amazonaws.com to perform sts:AssumeRoleWithWebIdentity',
    );
    expect(assumeRole(role('pinned'), guest()).decision).toBe('implicitDeny');
  });

  test('a trust policy without aud lets ANY identity pool assume the role — the risk the aud pin exists for', () => {
    expect(assumeRole(role('unpinned'), signedIn()).decision).toBe('allowed');
    expect(assumeRole(role('unpinned'), signedIn(OTHER_POOL)).decision).toBe('allowed');
    expect(assumeRole(role('unpinned'), signedIn(OTHER_POOL, 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Attacker1')).decision).toBe(
      'allowed',
    );
    // amr still keeps guests out.
    expect(assumeRole(role('unpinned'), guest(OTHER_POOL)).decision).toBe('implicitDeny');
  });

  test('a guest role (amr "unauthenticated") takes this pool’s guests and refuses signed-in users', () => {
    expect(assumeRole(role('guests'), guest()).decision).toBe('allowed');
    expect(assumeRole(role('guests'), guest(OTHER_POOL)).decision).toBe('implicitDeny');
    expect(assumeRole(role('guests'), signedIn()).decision).toBe('implicitDeny');
  });

  test('amr is multi-valued: a trust can pin the user pool provider as well', () => {
    // ForAnyValue: the condition holds when any amr value matches.
    expect(assumeRole(role('onePool'), signedIn()).decision).toBe('allowed');
    expect(assumeRole(role('onePool'), signedIn(poolId, 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0000')).decision).toBe(
      'implicitDeny',
    );
  });

  test('a service role does not trust Cognito at all', () => {
    expect(assumeRole(role('service'), signedIn()).decision).toBe('implicitDeny');
  });
});
