import { admittedFindings } from '../trust';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-001',
  severity: 'error',
  title: 'A role an identity pool hands out admits no identity of another identity pool, in this account or another',
  rationale:
    'cognito-identity.amazonaws.com issues tokens for every identity pool, and any pool can federate this user pool (an app client id is no secret): only the aud condition tells them apart.',
  anchors: {},
  check({ model }) {
    return admittedFindings(model, ['other-pool'], 'identities of other identity pools');
  },
};
