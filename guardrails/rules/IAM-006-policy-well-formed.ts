import { describe, documentsOf } from '../documents';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'IAM-006',
  severity: 'error',
  title: 'Every policy document is well formed as IAM reads it (access/iam compilePolicy accepts it)',
  rationale: 'IAM rejects a malformed policy at apply time, half-way through a deploy; some mistakes (e.g. Principal in an identity policy) only show there.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const located of documentsOf(model)) {
      const error = located.doc.error;
      if (!error) continue;
      findings.push({
        resource: located.resource,
        message: `${describe(located)} is not a valid ${located.kind} policy: ${error.replace(/^policy "[^"]*": /, '')}`,
        fix: `Correct ${located.field} (the template in policies/vN/, or the override that changed it).`,
      });
    }
    return findings;
  },
};
