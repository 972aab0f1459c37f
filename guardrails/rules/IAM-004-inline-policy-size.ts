import type { Doc } from '../../model';
import type { Finding, Rule } from '../types';

/** IAM quotas, in characters without whitespace: all inline policies of one role together, and one managed policy. */
export const ROLE_INLINE_LIMIT = 10_240;
export const MANAGED_POLICY_LIMIT = 6_144;

/** Size as IAM counts it: the document as IAM receives it (references resolved), without whitespace. */
export function policySize(doc: Doc): number {
  return doc.text.replace(/\s/g, '').length;
}

export const rule: Rule = {
  id: 'IAM-004',
  severity: 'error',
  title: `A role's inline policies together stay within ${ROLE_INLINE_LIMIT.toLocaleString('en')} characters (managed: ${MANAGED_POLICY_LIMIT.toLocaleString('en')})`,
  rationale:
    'IAM counts policy size without whitespace and rejects the apply half-way; with one role per group, routes grow each role\'s policy.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const role of model.roles) {
      const total = role.inline.reduce((sum, doc) => sum + policySize(doc), 0);
      if (total > ROLE_INLINE_LIMIT) {
        findings.push({
          resource: role.address,
          message: `inline policies total ${total} characters (${[...new Set(role.inline.map((d) => d.address))].join(', ')}), over IAM's ${ROLE_INLINE_LIMIT} per role`,
          fix: 'Use wildcards in route ARNs (e.g. GET/reports/*), split the group, or move the grant to a managed policy.',
        });
      }
    }
    for (const policy of model.policies) {
      const size = policySize(policy.doc);
      if (size > MANAGED_POLICY_LIMIT) {
        findings.push({
          resource: policy.address,
          message: `managed policy is ${size} characters, over IAM's ${MANAGED_POLICY_LIMIT}`,
          fix: 'Split the policy or use wildcards in resource ARNs.',
        });
      }
    }
    return findings;
  },
};
