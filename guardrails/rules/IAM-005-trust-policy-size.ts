import type { Finding, Rule } from '../types';
import { policySize } from './IAM-004-inline-policy-size';

/** Default quota for a role trust policy, in characters without whitespace (raisable to 4,096 by request). */
export const TRUST_POLICY_LIMIT = 2_048;

export const rule: Rule = {
  id: 'IAM-005',
  severity: 'error',
  title: `A role's trust policy stays within ${TRUST_POLICY_LIMIT.toLocaleString('en')} characters`,
  rationale: 'IAM rejects a larger trust policy at apply time, after other resources have already changed.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const role of model.roles) {
      const size = policySize(role.trust);
      if (size > TRUST_POLICY_LIMIT) {
        findings.push({
          resource: role.address,
          message: `trust policy is ${size} characters, over IAM's default ${TRUST_POLICY_LIMIT}`,
          fix: 'Trust fewer principals per role, or request the 4,096-character quota and suppress with the request reference.',
        });
      }
    }
    return findings;
  },
};
