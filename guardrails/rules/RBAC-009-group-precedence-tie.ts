import type { Group } from '../../model';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-009',
  severity: 'error',
  title: 'Groups that carry different roles never tie on precedence (and set one)',
  rationale:
    'Cognito sets cognito:preferred_role only from a single lowest-precedence group; a tie (or no precedence) leaves no preferred role.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const pool of model.userPools) {
      const groups = pool.groups.filter((group) => group.roleArn !== null);
      if (new Set(groups.map((group) => group.roleArn)).size < 2) continue;
      const seen = new Map<number, Group>();
      for (const group of groups) {
        if (group.precedence === null) {
          findings.push({
            resource: group.address,
            message: `group ${group.groupName} carries a role but sets no precedence, while the pool's groups carry different roles`,
            fix: 'Give every group a distinct precedence in stacks/config.ts (groups[].precedence).',
          });
          continue;
        }
        const other = seen.get(group.precedence);
        if (other && other.roleArn !== group.roleArn) {
          findings.push({
            resource: group.address,
            message: `group ${group.groupName} ties with ${other.address} at precedence ${group.precedence} but carries a different role: members of both get no preferred role`,
            fix: 'Give every group a distinct precedence in stacks/config.ts (groups[].precedence).',
          });
        } else if (!other) {
          seen.set(group.precedence, group);
        }
      }
    }
    return findings;
  },
};
