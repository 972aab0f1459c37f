import { AUD_KEY, conditionsOn } from '../model';
import type { Finding, Rule } from '../types';
import { PINNED_TRUST } from './RBAC-001-trust-aud-pinned';

export const rule: Rule = {
  id: 'RBAC-010',
  severity: 'error',
  title: "Every role the identity pool hands out (group role_arn, default and mapped roles) trusts that very pool",
  rationale:
    "A group or mapping pointing at a role that trusts another pool (or none) either fails at sign-in or grants that pool's users this group's access.",
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const entry of model.handedOutRoles()) {
      if (entry.pools.length === 0) continue;
      const poolNames = entry.pools.map((pool) => pool.address).join(', ');
      if (!entry.role) {
        findings.push({
          resource: entry.from.address,
          message: `${entry.field} ${JSON.stringify(entry.value)} is not a role of this stack, so its trust cannot be checked against ${poolNames}`,
          fix: 'Create the role in this stack with IdentityPool.trustedRole() and reference its arn.',
        });
        continue;
      }
      const trust = model.trust(entry.role);
      const pinned =
        trust.ok &&
        model.cognitoTrustStatements(trust.policy).some((statement) =>
          conditionsOn(statement, AUD_KEY)
            .filter((condition) => condition.operator === 'StringEquals')
            .some((condition) =>
              condition.values.some((value) => {
                const ref = trust.policy.refOf(value);
                return entry.pools.some((pool) => ref?.address === pool.address);
              }),
            ),
        );
      if (!pinned) {
        findings.push({
          resource: entry.from.address,
          message: `${entry.field} points to ${entry.role.address}, whose trust does not name ${poolNames} (StringEquals ${AUD_KEY})`,
          fix: PINNED_TRUST,
        });
      }
    }
    return findings;
  },
};
