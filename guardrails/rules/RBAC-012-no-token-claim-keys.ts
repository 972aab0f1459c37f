import { describe, documentsOf } from '../documents';
import { PolicyDocument } from '../statements';
import { walkStrings } from '../vocabulary';
import type { Finding, Rule } from '../types';

/** Keys that are ID-token claims, not IAM request context: `cognito:groups`, `custom:dept`. */
export function isTokenClaimKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith('cognito:') || lower.startsWith('custom:');
}

const VARIABLE = /\$\{([^},]+)/g;

export const rule: Rule = {
  id: 'RBAC-012',
  severity: 'error',
  title: 'No policy tests a condition key AWS never sets on identity-pool sessions: ID-token claims such as cognito:groups or custom:*',
  rationale:
    'ID-token claims never reach IAM: "ForAnyValue:StringEquals cognito:groups" silently never matches, so the intended grant (or deny) never applies.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const located of documentsOf(model)) {
      if (!located.doc.json || located.managedArn) continue;
      const doc = new PolicyDocument(located.doc.json);
      const field = describe(located);
      for (const statement of doc.statements) {
        for (const condition of statement.conditions) {
          if (!isTokenClaimKey(condition.key)) continue;
          findings.push({
            resource: located.resource,
            message: `${field} ${condition.path} tests "${condition.key}", an ID-token claim that AWS never puts in the request context: this condition never matches`,
            fix:
              'Decide by role instead: map each group to its own role (cognito_user_group.role_arn with a Token role mapping), ' +
              'or use principal tags (aws:PrincipalTag/...) mapped from a claim users cannot write.',
          });
        }
      }
      walkStrings(doc.document, '', (text, path) => {
        for (const match of text.matchAll(VARIABLE)) {
          const key = (match[1] ?? '').trim();
          // The escapes ${*}, ${?} and ${$} are no claim keys either.
          if (!isTokenClaimKey(key)) continue;
          findings.push({
            resource: located.resource,
            message: `${field} ${path} uses the policy variable \${${key}}, an ID-token claim that never resolves in IAM`,
            fix: 'Use a key AWS sets on identity-pool sessions, e.g. ${cognito-identity.amazonaws.com:sub} or ${aws:PrincipalTag/...}.',
          });
        }
      });
    }
    return findings;
  },
};
