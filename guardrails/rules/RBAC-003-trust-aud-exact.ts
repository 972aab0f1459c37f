import { AUD_KEY, COGNITO_IDENTITY, conditionsOn } from '../model';
import type { Finding, Rule } from '../types';
import { PINNED_TRUST } from './RBAC-001-trust-aud-pinned';

export const rule: Rule = {
  id: 'RBAC-003',
  severity: 'error',
  title: `A role trusting ${COGNITO_IDENTITY} matches \`aud\` exactly: no StringLike, set, IfExists or negated operator, no wildcard`,
  rationale:
    'StringLike "us-east-1:*", ForAllValues, IfExists or StringNotEquals on aud admit identity pools other than this one.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const role of model.roles()) {
      const trust = model.trust(role);
      if (!trust.ok) continue;
      const doc = trust.policy;
      for (const statement of model.cognitoTrustStatements(doc)) {
        const where = `${statement.path}${statement.sid ? ` (Sid ${statement.sid})` : ''}`;
        for (const condition of conditionsOn(statement, AUD_KEY)) {
          if (condition.operator !== 'StringEquals') {
            findings.push({
              resource: role.address,
              message: `trust ${where} tests ${AUD_KEY} with ${condition.operator}, which does not pin one identity pool`,
              fix: PINNED_TRUST,
            });
            continue;
          }
          for (const value of condition.values) {
            if (/[*?]|\$\{/.test(value) && !doc.isComputed(value)) {
              findings.push({
                resource: role.address,
                message: `trust ${where} gives ${AUD_KEY} the pattern ${JSON.stringify(value)}: a wildcard or variable is not a pool id`,
                fix: PINNED_TRUST,
              });
            }
          }
        }
      }
    }
    return findings;
  },
};
