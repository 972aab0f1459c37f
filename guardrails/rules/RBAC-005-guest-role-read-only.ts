import { allowStatements } from '../model';
import { writeActions } from '../grants';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-005',
  severity: 'error',
  title: 'The guest role (roles.unauthenticated) allows only Read/List actions',
  rationale: 'Guest credentials are free for anyone to obtain; a write action on them is a write action for the internet.',
  anchors: {},
  check({ model, catalogue }) {
    const findings: Finding[] = [];
    for (const role of model.guestRoles()) {
      for (const policy of model.rolePolicies(role)) {
        if (!policy.parsed.ok) {
          findings.push({
            resource: policy.address,
            message: `guest role ${role.address}: policy ${policy.field} cannot be read (${policy.parsed.detail}), so it cannot be shown read-only`,
            fix: 'Write the guest role policy as a literal JSON document (renderPolicy) so it can be checked.',
          });
          continue;
        }
        const doc = policy.parsed.policy;
        for (const statement of allowStatements(doc)) {
          const writes = writeActions(statement, doc, catalogue);
          if (writes.length === 0) continue;
          findings.push({
            resource: policy.address,
            message: `guest role ${role.address}: ${statement.path} allows non-read actions to unauthenticated identities: ${writes.join(', ')}`,
            fix: 'Give the guest role only Read/List actions, scoped to the resources guests may see.',
          });
        }
      }
      for (const attachment of model.managedAttachments(role)) {
        if (/ReadOnly(Access)?$/.test(attachment.arn)) continue;
        if (model.stack.find(attachment.arn, 'aws_iam_policy', 'arn')) continue; // checked above as a document
        findings.push({
          resource: attachment.address,
          message: `guest role ${role.address} has managed policy ${attachment.arn} attached, which cannot be shown read-only`,
          fix: 'Attach only read-only policies to the guest role, or write its permissions inline.',
        });
      }
    }
    return findings;
  },
};
