import { describe, documentsOf } from '../documents';
import { PolicyDocument } from '../statements';
import { vocabularyProblems } from '../vocabulary';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'IAM-007',
  severity: 'error',
  title: 'Every action and condition key in a deployed policy exists in AWS\'s catalogue and applies to the statement',
  rationale:
    'IAM accepts `execute-api:Invok` or a misspelled condition key silently; the statement then never matches and access fails (or a deny never applies).',
  anchors: {},
  check({ model, catalogue }) {
    const findings: Finding[] = [];
    for (const located of documentsOf(model)) {
      // AWS maintains its managed policies; the catalogue may lag behind them.
      if (!located.doc.json || located.managedArn) continue;
      for (const problem of vocabularyProblems(new PolicyDocument(located.doc.json), catalogue, located.kind)) {
        findings.push({
          resource: located.resource,
          message: `${describe(located)} ${problem.field}: ${problem.message}`,
          fix: 'Correct the name against the AWS Service Authorization Reference (the template in policies/vN/ is linted by the guardrails tests).',
        });
      }
    }
    return findings;
  },
};
