import type { Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-006',
  severity: 'error',
  title: 'The identity pool keeps the basic (classic) authflow off',
  rationale:
    'With the classic flow a client picks any role whose trust accepts the pool (GetOpenIdToken + AssumeRoleWithWebIdentity), bypassing role mapping.',
  anchors: {},
  check({ model }) {
    return model.identityPools
      .filter((pool) => pool.allowClassicFlow)
      .map((pool) => ({
        resource: pool.address,
        message: 'allow_classic_flow is true: clients can skip the role mapping and request any role that trusts this pool',
        fix: 'Set allowClassicFlow: false and let the enhanced flow (GetCredentialsForIdentity) choose the role.',
      }));
  },
};
