import { grantsOf } from '../documents';
import { handedOutRoles } from '../roles';
import { PolicyDocument } from '../statements';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-008',
  severity: 'warning',
  title: "The identity pool's default authenticated role grants nothing",
  rationale:
    'Permissions belong to group roles; whatever the default role allows, every signed-in user outside any mapping gets.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const entry of handedOutRoles(model)) {
      if (entry.field !== 'roles.authenticated' || !entry.role) continue;
      const role = entry.role;
      for (const grant of grantsOf(role)) {
        if (grant.attached) {
          findings.push({
            resource: grant.resource,
            message: `default authenticated role ${role.address} has managed policy ${grant.attached.arn} attached`,
            fix: 'Attach permissions to group roles instead of the default authenticated role.',
          });
          continue;
        }
        const allows = grant.doc?.json ? new PolicyDocument(grant.doc.json).allows() : [];
        if (allows.length === 0) continue;
        findings.push({
          resource: grant.resource,
          message: `default authenticated role ${role.address} is granted ${allows.map((s) => s.path).join(', ')} by ${grant.field}: every authenticated identity without a mapped role gets it`,
          fix: 'Move the permissions to a group role; keep the default role deny-all (policies/vN/default-authenticated.json).',
        });
      }
    }
    return findings;
  },
};
