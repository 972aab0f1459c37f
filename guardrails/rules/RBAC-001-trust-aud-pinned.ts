import { AUD_KEY, COGNITO_IDENTITY, conditionsOn } from '../model';
import type { Finding, Rule } from '../types';

/** The fix every trust finding points to: the project's trust template already does this. */
export const PINNED_TRUST =
  `Build the role with IdentityPool.trustedRole() (policies/vN/trust.json): "StringEquals": { "${AUD_KEY}": ` +
  '"${aws_cognito_identity_pool.<pool>.id}" } pins it to this stack\'s pool.';

export const rule: Rule = {
  id: 'RBAC-001',
  severity: 'error',
  title: `A role trusting ${COGNITO_IDENTITY} pins \`aud\` with StringEquals to an identity pool of this stack`,
  rationale:
    'Without the aud pin, an identity from any identity pool in any AWS account can assume the role (confused deputy).',
  anchors: {},
  check({ stack, model }) {
    const findings: Finding[] = [];
    for (const role of model.roles()) {
      const trust = model.trust(role);
      if (!trust.ok) continue;
      const doc = trust.policy;
      for (const statement of model.cognitoTrustStatements(doc)) {
        const aud = conditionsOn(statement, AUD_KEY);
        const where = `${statement.path}${statement.sid ? ` (Sid ${statement.sid})` : ''}`;
        if (aud.length === 0) {
          findings.push({
            resource: role.address,
            message: `trust ${where} lets ${COGNITO_IDENTITY} assume the role with no ${AUD_KEY} condition: identities of any identity pool, in any account, can assume it`,
            fix: PINNED_TRUST,
          });
          continue;
        }
        const pins = aud.filter((condition) => condition.operator === 'StringEquals');
        // aud only under another operator (StringLike, ForAnyValue:..., IfExists, negations) is RBAC-003's finding.
        if (pins.length === 0) continue;
        for (const condition of pins) {
          for (const value of condition.values) {
            const ref = doc.refOf(value);
            const pool = ref?.type === 'aws_cognito_identity_pool' && ref.attr === 'id' ? stack.get(ref.address) : undefined;
            if (pool) continue;
            findings.push({
              resource: role.address,
              message: `trust ${where} pins ${AUD_KEY} to ${JSON.stringify(doc.display(value))}, which is not an identity pool of this stack: the role cannot be checked against this stack's pool`,
              fix: PINNED_TRUST,
            });
          }
        }
      }
    }
    return findings;
  },
};
