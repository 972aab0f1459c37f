import { identityPolicies } from '../grants';
import { allowStatements } from '../model';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'IAM-001',
  severity: 'error',
  title: 'No Allow statement grants the action `*`, a whole service (`service:*`), or uses NotAction',
  rationale: 'Wildcard actions grant every current and future action of the service, far beyond what any route needs.',
  anchors: {
    cdkNag: ['AwsSolutions-IAM5'],
    checkov: ['CKV_AWS_62', 'CKV_AWS_63'],
    trivy: ['AVD-AWS-0057'],
  },
  check({ stack }) {
    const findings: Finding[] = [];
    for (const { resource, field, parsed } of identityPolicies(stack)) {
      if (!parsed.ok) continue;
      for (const statement of allowStatements(parsed.policy)) {
        const broad = statement.notAction
          ? [`NotAction ${JSON.stringify(statement.actions)}`]
          : statement.actions.filter((action) => action === '*' || /^[^:]+:\*$/.test(action));
        if (broad.length === 0) continue;
        findings.push({
          resource: resource.address,
          message: `${field} ${statement.path} allows ${broad.join(', ')}`,
          fix: 'List the exact actions needed (policies/vN/*.json); Deny statements may keep wildcards.',
        });
      }
    }
    return findings;
  },
};
