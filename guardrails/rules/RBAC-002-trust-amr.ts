import { admittedFindings } from '../trust';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-002',
  severity: 'error',
  title: "A role an identity pool hands out admits only the intended callers of that pool: signed-in users of its user pool (guests only for the guest role)",
  rationale:
    "Without an effective amr condition, the pool's guests, or users of another login provider of the pool, can assume a role meant for signed-in users.",
  anchors: {},
  check({ model }) {
    return admittedFindings(model, ['guest', 'provider'], 'callers of this pool it is not meant for');
  },
};
