import type { Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-004',
  severity: 'error',
  title: 'The identity pool does not allow unauthenticated (guest) identities, unless suppressed with a reason',
  rationale:
    'Guest identities get AWS credentials with no sign-in at all; when accepted on purpose, RBAC-005 keeps the guest role read-only.',
  anchors: { cdkNag: ['AwsSolutions-COG7'], checkov: ['CKV_AWS_366'] },
  check({ model }) {
    return model.identityPools
      .filter((pool) => pool.allowUnauthenticated)
      .map((pool) => ({
        resource: pool.address,
        message: 'allow_unauthenticated_identities is true: anyone on the internet can obtain credentials for the guest role',
        fix:
          'Set allowUnauthenticatedIdentities: false, or suppress(pool, \'RBAC-004\', why guests are needed) ' +
          'and keep the guest role read-only (RBAC-005).',
      }));
  },
};
