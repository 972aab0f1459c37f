import { handedOutRoles } from '../roles';
import { PINNED_TRUST, trustAnswers } from '../trust';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-010',
  severity: 'error',
  title: 'Every role the identity pool hands out (group role_arn, default and mapped roles) is a role of this stack that its intended callers can assume',
  rationale:
    "A group or mapping pointing at a role outside the stack cannot be checked; one whose trust does not admit the pool's users fails at sign-in.",
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const entry of handedOutRoles(model)) {
      if (entry.pools.length === 0 || entry.role) continue;
      findings.push({
        resource: entry.from.address,
        message: `${entry.field} ${JSON.stringify(entry.arn)} is not a role of this stack, so its trust cannot be checked against ${entry.pools.map((p) => p.address).join(', ')}`,
        fix: 'Create the role in this stack with IdentityPool.trustedRole() and reference its arn.',
      });
    }
    for (const { role, entries, answers } of trustAnswers(model)) {
      const intended = answers.filter((a) => a.caller.kind === 'intended');
      if (intended.length === 0 || intended.some((a) => a.admitted)) continue;
      for (const entry of entries) {
        if (entry.field === 'assume_role_policy') continue;
        findings.push({
          resource: entry.from.address,
          message: `${entry.field} points to ${role.address}, whose trust admits none of its intended callers (${intended.map((a) => a.caller.label).join('; ')}): sign-in fails`,
          fix: PINNED_TRUST,
        });
      }
    }
    return findings;
  },
};
