/** Policy documents the hand-built test stacks share. */
export const IDENTITY_POOL_ID = '${aws_cognito_identity_pool.ids.id}';

export const policyDoc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/**
 * The trust an identity-pool role needs (Cognito developer guide, "Role trust and permissions"): the web identity of
 * this stack's pool (`aud`) with the given `amr`, for AssumeRoleWithWebIdentity and any extra STS actions.
 */
export function webIdentityTrust(amr: 'authenticated' | 'unauthenticated', extraActions: string[] = []): string {
  return policyDoc({
    Effect: 'Allow',
    Principal: { Federated: 'cognito-identity.amazonaws.com' },
    Action: extraActions.length ? ['sts:AssumeRoleWithWebIdentity', ...extraActions] : 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': IDENTITY_POOL_ID },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
    },
  });
}
