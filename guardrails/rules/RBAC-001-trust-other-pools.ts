import { admittedFindings } from '../trust';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-001',
  severity: 'error',
  title: 'A role an identity pool hands out admits no identity of another identity pool, in this account or another',
  rationale:
    'Only the aud condition tells identity pools apart (any pool can federate this user pool: an app client id is no secret). Without it every pool of this account can assume the role; AWS refuses cross-account identity-pool requests whose trust lacks aud and amr, but a loose aud (StringLike, a list, a negation) admits other accounts\' pools too.',
  anchors: {},
  check({ model }) {
    return admittedFindings(model, ['other-pool'], 'identities of other identity pools');
  },
};
