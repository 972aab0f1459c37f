import { parsePolicy } from '../policy';
import { vocabularyProblems } from '../vocabulary';
import { policyFields } from '../grants';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'IAM-007',
  severity: 'error',
  title: 'Every action and condition key in a deployed policy exists in AWS\'s catalogue and applies to the statement',
  rationale:
    'IAM accepts `execute-api:Invok` or a misspelled condition key silently; the statement then never matches and access fails (or a deny never applies).',
  anchors: {},
  check({ stack, catalogue }) {
    const findings: Finding[] = [];
    for (const resource of stack.resources) {
      for (const { field, value, kind } of policyFields(resource)) {
        const parsed = parsePolicy(value);
        if (!parsed.ok) continue;
        for (const problem of vocabularyProblems(parsed.policy, catalogue, kind)) {
          findings.push({
            resource: resource.address,
            message: `${field} ${problem.field}: ${problem.message}`,
            fix: 'Correct the name against the AWS Service Authorization Reference (the template in policies/vN/ is linted by the guardrails tests).',
          });
        }
      }
    }
    return findings;
  },
};
