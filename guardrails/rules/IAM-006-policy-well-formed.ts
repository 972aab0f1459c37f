import { compilePolicy, PolicyError } from '../../access/iam';
import { parsePolicy } from '../policy';
import { policyFields } from '../grants';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'IAM-006',
  severity: 'error',
  title: 'Every policy document is well formed as IAM reads it (access/iam compilePolicy accepts it)',
  rationale: 'IAM rejects a malformed policy at apply time, half-way through a deploy; some mistakes (e.g. Principal in an identity policy) only show there.',
  anchors: {},
  check({ stack }) {
    const findings: Finding[] = [];
    for (const resource of stack.resources) {
      for (const { field, value, kind } of policyFields(resource)) {
        const parsed = parsePolicy(value);
        if (!parsed.ok) {
          if (parsed.reason === 'invalid') {
            findings.push({ resource: resource.address, message: `${field}: ${parsed.detail}`, fix: `Write ${field} as a JSON policy document.` });
          }
          continue;
        }
        try {
          compilePolicy(parsed.policy.concrete(stack), `${resource.address}.${field}`, kind);
        } catch (error) {
          if (!(error instanceof PolicyError)) throw error;
          findings.push({
            resource: resource.address,
            message: `${field} is not a valid ${kind} policy: ${error.message.replace(/^policy "[^"]*": /, '')}`,
            fix: `Correct ${field}${error.field ? ` at ${error.field}` : ''} (the template in policies/vN/, or the override that changed it).`,
          });
        }
      }
    }
    return findings;
  },
};
