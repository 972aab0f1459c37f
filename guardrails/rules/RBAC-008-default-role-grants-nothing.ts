import { allowStatements } from '../model';
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
    for (const entry of model.handedOutRoles()) {
      if (entry.field !== 'roles.authenticated' || !entry.role) continue;
      const role = entry.role;
      for (const policy of model.rolePolicies(role)) {
        if (!policy.parsed.ok) continue;
        const allows = allowStatements(policy.parsed.policy);
        if (allows.length > 0) {
          findings.push({
            resource: policy.address,
            message: `default authenticated role ${role.address} is granted ${allows.map((s) => s.path).join(', ')}: every authenticated identity without a mapped role gets it`,
            fix: 'Move the permissions to a group role; keep the default role deny-all (policies/vN/default-authenticated.json).',
          });
        }
      }
      for (const attachment of model.managedAttachments(role)) {
        findings.push({
          resource: attachment.address,
          message: `default authenticated role ${role.address} has managed policy ${attachment.arn} attached`,
          fix: 'Attach permissions to group roles instead of the default authenticated role.',
        });
      }
    }
    return findings;
  },
};
