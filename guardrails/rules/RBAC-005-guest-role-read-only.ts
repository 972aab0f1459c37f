import { grantsOf } from '../documents';
import { writeActions } from '../grants';
import { guestRoles } from '../roles';
import { PolicyDocument } from '../statements';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-005',
  severity: 'error',
  title: 'The guest role (roles.unauthenticated) allows only Read/List actions, judged on every document it holds (managed ones included)',
  rationale: 'Guest credentials are free for anyone to obtain; a write action on them is a write action for the internet.',
  anchors: {},
  check({ model, catalogue }) {
    const findings: Finding[] = [];
    for (const role of guestRoles(model)) {
      for (const grant of grantsOf(role)) {
        const name = grant.attached ? `managed policy ${grant.attached.arn}` : grant.field;
        if (!grant.doc?.json) {
          findings.push({
            resource: grant.resource,
            message: `guest role ${role.address}: ${name} cannot be read${grant.doc?.error ? ` (${grant.doc.error})` : ' (not a policy of this stack or of the AWS managed catalogue)'}, so it cannot be shown read-only`,
            fix: 'Give the guest role only documents the guardrails can read: inline policies, or AWS managed read-only policies.',
          });
          continue;
        }
        for (const statement of new PolicyDocument(grant.doc.json).allows()) {
          const writes = writeActions(statement, catalogue);
          if (writes.length === 0) continue;
          findings.push({
            resource: grant.resource,
            message: `guest role ${role.address}: ${name} ${statement.path} allows non-read actions to unauthenticated identities: ${writes.join(', ')}`,
            fix: 'Give the guest role only Read/List actions, scoped to the resources guests may see.',
          });
        }
      }
    }
    return findings;
  },
};
