import { AMR_KEY, COGNITO_IDENTITY, conditionsOn, parseOperator } from '../model';
import type { Finding, Rule } from '../types';

const POSITIVE = new Set(['StringEquals', 'StringLike']);

export const rule: Rule = {
  id: 'RBAC-002',
  severity: 'error',
  title: `A role trusting ${COGNITO_IDENTITY} requires \`amr\` = authenticated (unauthenticated only for the guest role)`,
  rationale:
    'Without an amr condition, guest (unauthenticated) identities of the pool can assume a role meant for signed-in users.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    const guests = model.guestRoles();
    for (const role of model.roles()) {
      const trust = model.trust(role);
      if (!trust.ok) continue;
      const guest = guests.has(role);
      const expected = guest ? 'unauthenticated' : 'authenticated';
      const fix =
        `Add "ForAnyValue:StringLike": { "${AMR_KEY}": "${expected}" } to the trust statement ` +
        '(IdentityPool.trustedRole() does this for authenticated roles).';
      for (const statement of model.cognitoTrustStatements(trust.policy)) {
        const where = `${statement.path}${statement.sid ? ` (Sid ${statement.sid})` : ''}`;
        // ForAllValues is true when the key is absent, IfExists likewise, and negations admit everything else.
        const pins = conditionsOn(statement, AMR_KEY).filter((condition) => {
          const op = parseOperator(condition.operator);
          return POSITIVE.has(op.base) && op.set !== 'ForAllValues' && !op.ifExists;
        });
        if (pins.length === 0) {
          findings.push({
            resource: role.address,
            message: `trust ${where} has no effective ${AMR_KEY} condition: ${guest ? 'any identity' : 'unauthenticated (guest) identities'} of the pool can assume it`,
            fix,
          });
          continue;
        }
        for (const condition of pins) {
          for (const value of condition.values) {
            const wildcard = parseOperator(condition.operator).base === 'StringLike' && /[*?]/.test(value);
            if (wildcard) {
              findings.push({
                resource: role.address,
                message: `trust ${where} matches ${AMR_KEY} with the wildcard ${JSON.stringify(value)}, which also admits ${guest ? 'authenticated' : 'unauthenticated'} identities`,
                fix,
              });
            } else if (!guest && value === 'unauthenticated') {
              findings.push({
                resource: role.address,
                message: `trust ${where} admits unauthenticated (guest) identities (${AMR_KEY} = "unauthenticated") but the role is not the pool's guest role`,
                fix,
              });
            }
          }
        }
      }
    }
    return findings;
  },
};
