import type { TfResource } from '../stack';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-009',
  severity: 'error',
  title: 'Groups that carry different roles never tie on precedence (and set one)',
  rationale:
    'Cognito sets cognito:preferred_role only from a single lowest-precedence group; a tie (or no precedence) leaves no preferred role.',
  anchors: {},
  check({ stack }) {
    const findings: Finding[] = [];
    const byPool = new Map<string, TfResource[]>();
    for (const group of stack.ofType('aws_cognito_user_group')) {
      if (typeof group.body.role_arn !== 'string') continue;
      const pool = JSON.stringify(group.body.user_pool_id ?? null);
      byPool.set(pool, [...(byPool.get(pool) ?? []), group]);
    }
    for (const groups of byPool.values()) {
      if (new Set(groups.map((group) => group.body.role_arn)).size < 2) continue;
      const seen = new Map<number, TfResource>();
      for (const group of groups) {
        const precedence = group.body.precedence;
        if (typeof precedence !== 'number') {
          findings.push({
            resource: group.address,
            message: `group ${String(group.body.name)} carries a role but sets no precedence, while the pool's groups carry different roles`,
            fix: 'Give every group a distinct precedence in stacks/config.ts (groups[].precedence).',
          });
          continue;
        }
        const other = seen.get(precedence);
        if (other && other.body.role_arn !== group.body.role_arn) {
          findings.push({
            resource: group.address,
            message: `group ${String(group.body.name)} ties with ${other.address} at precedence ${precedence} but carries a different role: members of both get no preferred role`,
            fix: 'Give every group a distinct precedence in stacks/config.ts (groups[].precedence).',
          });
        } else if (!other) {
          seen.set(precedence, group);
        }
      }
    }
    return findings;
  },
};
