import { identityPolicies, onlyWildcardResourceActions, writeActions } from '../grants';
import { allowStatements } from '../model';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'IAM-002',
  severity: 'error',
  title: 'No Allow statement grants a non-read action on Resource `*` (or via NotResource)',
  rationale: 'A write on "*" reaches every resource of that kind in the account, not just this app\'s.',
  anchors: { cdkNag: ['AwsSolutions-IAM5'], checkov: ['CKV_AWS_355', 'CKV_AWS_290'], trivy: ['AVD-AWS-0057'] },
  check({ stack, catalogue }) {
    const findings: Finding[] = [];
    for (const { resource, field, parsed } of identityPolicies(stack)) {
      if (!parsed.ok) continue;
      const doc = parsed.policy;
      for (const statement of allowStatements(doc)) {
        if (!statement.notResource && !statement.resources.includes('*')) continue;
        const writes = writeActions(statement, doc, catalogue);
        if (writes.length === 0) continue;
        const wildcardOnly = onlyWildcardResourceActions(statement, catalogue);
        findings.push({
          resource: resource.address,
          message:
            `${field} ${statement.path} allows ${writes.join(', ')} on ${statement.notResource ? 'NotResource' : '"*"'}` +
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
