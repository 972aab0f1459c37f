import type { Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-013',
  severity: 'error',
  title: 'Every Cognito provider of an identity pool has server_side_token_check on',
  rationale:
    'Without it the identity pool accepts an ID token the user pool has revoked (signed-out user, removed group member) until it expires, and keeps handing out AWS credentials.',
  anchors: {},
  check({ model }) {
    return model.identityPools.flatMap((pool) =>
      pool.cognitoProviders
        .filter((provider) => !provider.serverSideTokenCheck)
        .map((provider) => ({
          resource: pool.address,
          message: `${provider.field} (${provider.providerName}) has server_side_token_check off: revoked tokens still get credentials`,
          fix: 'Set serverSideTokenCheck: true on the cognitoIdentityProviders entry (IdentityPool does).',
        })),
    );
  },
};
