import { outsiderAccess } from '../outsiders';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'KMS-001',
  severity: 'error',
  title: 'No KMS key policy lets anyone outside the account use or manage the key',
  rationale: 'The key policy is the only policy that can grant use of a key; an Allow for "*" or another account hands out decrypt of everything it protects.',
  anchors: { trivy: ['AVD-AWS-0065'] },
  check({ model, catalogue }) {
    return model.keys.flatMap((key) => {
      const policy = key.policy?.compiled;
      if (!policy) return [];
      const open = outsiderAccess(model, policy, 'kms', [key.arn], catalogue);
      return open.length === 0 ? [] : [{ resource: key.policy!.address, message: `the key policy of ${key.address} lets ${open.join('; ')}`, fix: 'Name only this account (its root or roles) in the key policy.' }];
    });
  },
};
