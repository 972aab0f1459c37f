import { describe, documentsOf } from '../documents';
import { onlyWildcardResourceActions, writeActions } from '../grants';
import { PolicyDocument } from '../statements';
import type { Finding, Rule } from '../types';
import { isAccountWide } from '../wide';

export const rule: Rule = {
  id: 'IAM-002',
  severity: 'error',
  title: 'No identity policy allows a non-read action on every resource: `*`, any account or region, a whole resource type, or NotResource',
  rationale: 'A write on "*" (or on everything but a few ARNs, as NotResource says) reaches every resource of that kind in the account, not just this app\'s.',
  anchors: { cdkNag: ['AwsSolutions-IAM5'], checkov: ['CKV_AWS_355', 'CKV_AWS_290'], trivy: ['AVD-AWS-0057'] },
  check({ model, catalogue }) {
    const findings: Finding[] = [];
    for (const located of documentsOf(model)) {
      if (located.kind !== 'identity' || !located.doc.json) continue;
      for (const statement of new PolicyDocument(located.doc.json).allows()) {
        // NotResource allows every resource except those listed, whatever they are.
        const wide = statement.notResource ? statement.resources : statement.resources.filter(isAccountWide);
        if (!statement.notResource && wide.length === 0) continue;
        const writes = writeActions(statement, catalogue);
        if (writes.length === 0) continue;
        const wildcardOnly = !statement.notResource && wide.every((r) => r === '*') && onlyWildcardResourceActions(statement, catalogue);
        const on = statement.notResource ? `NotResource ${JSON.stringify(wide)} (every other resource)` : wide.map((r) => JSON.stringify(r)).join(', ');
        findings.push({
          resource: located.resource,
          message:
            `${describe(located)} ${statement.path} allows ${writes.join(', ')} on ${on}` +
            (wildcardOnly ? ' (these actions support no resource-level permissions: "*" is the only possible Resource)' : ''),
          fix: wildcardOnly
            ? "Keep the statement to exactly these actions and suppress(policy, 'IAM-002', why) next to the construct."
            : 'Scope Resource to the ARNs this app owns (e.g. the log group ARN, the API execution ARN).',
        });
      }
    }
    return findings;
  },
};
