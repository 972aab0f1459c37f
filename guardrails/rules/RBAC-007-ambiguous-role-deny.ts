import { grantsOf } from '../documents';
import { PolicyDocument } from '../statements';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-007',
  severity: 'error',
  title: 'Token and Rules role mappings resolve ambiguity with Deny, never a fallback role',
  rationale:
    'With AuthenticatedRole, a token with no preferred role (no group, tied groups, no matching rule) silently gets the default role instead of nothing.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const pool of model.identityPools) {
      const attachment = pool.attachment;
      if (!attachment) continue;
      const fallback = attachment.roles.authenticated ? model.role(attachment.roles.authenticated) : undefined;
      for (const mapping of attachment.mappings) {
        if (mapping.ambiguousRoleResolution === 'Deny') continue;
        let grants = 'no default authenticated role is set';
        if (fallback) {
          const documents = grantsOf(fallback);
          const allows = documents.flatMap((grant) => (grant.doc?.json ? new PolicyDocument(grant.doc.json).allows() : []));
          const managed = fallback.managed.length;
          grants =
            allows.length + managed === 0
              ? `it falls back to ${fallback.address}, which grants nothing today but would silently widen if it ever did`
              : `it falls back to ${fallback.address}, which has ${allows.length} Allow statement(s) and ${managed} managed policy attachment(s)`;
        }
        findings.push({
          resource: attachment.address,
          message: `${mapping.field} (${mapping.type}) has ambiguous_role_resolution ${JSON.stringify(mapping.ambiguousRoleResolution ?? null)}: ${grants}`,
          fix: "Set ambiguousRoleResolution: 'Deny' on the role mapping.",
        });
      }
    }
    return findings;
  },
};
