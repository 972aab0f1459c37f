import { describe, documentsOf } from '../documents';
import { PolicyDocument } from '../statements';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'IAM-001',
  severity: 'error',
  title: 'No identity policy (inline, customer or AWS managed, judged by its document) allows the action `*`, a whole service (`service:*`), or uses NotAction',
  rationale: 'Wildcard actions grant every current and future action of the service, far beyond what any route needs.',
  anchors: {
    cdkNag: ['AwsSolutions-IAM5'],
    checkov: ['CKV_AWS_62', 'CKV_AWS_63'],
    trivy: ['AVD-AWS-0057'],
  },
  check({ model }) {
    const findings: Finding[] = [];
    for (const located of documentsOf(model)) {
      if (located.kind !== 'identity' || !located.doc.json) continue;
      for (const statement of new PolicyDocument(located.doc.json).allows()) {
        const broad = statement.notAction
          ? [`NotAction ${JSON.stringify(statement.actions)}`]
          : statement.actions.filter((action) => action === '*' || /^[^:]+:\*$/.test(action));
        if (broad.length === 0) continue;
        findings.push({
          resource: located.resource,
          message: `${describe(located)} ${statement.path} allows ${broad.join(', ')}`,
          fix: 'List the exact actions needed (policies/vN/*.json); Deny statements may keep wildcards.',
        });
      }
    }
    return findings;
  },
};
