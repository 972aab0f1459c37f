import { strings } from '../stack';
import type { Finding, Rule } from '../types';

/** AWS managed policies that grant administrative or whole-service access. */
export const ADMIN_POLICY = /:iam::aws:policy\/(?:[\w+=,.@-]+\/)*(AdministratorAccess|PowerUserAccess|IAMFullAccess|[\w+=,.@-]*FullAccess[\w+=,.@-]*)$/;

const ATTACHMENTS: Array<[type: string, field: string]> = [
  ['aws_iam_role_policy_attachment', 'policy_arn'],
  ['aws_iam_user_policy_attachment', 'policy_arn'],
  ['aws_iam_group_policy_attachment', 'policy_arn'],
  ['aws_iam_policy_attachment', 'policy_arn'],
  ['aws_iam_role_policy_attachments_exclusive', 'policy_arns'],
  ['aws_iam_role', 'managed_policy_arns'],
];

export const rule: Rule = {
  id: 'IAM-003',
  severity: 'error',
  title: 'No AWS managed admin or full-access policy (AdministratorAccess, PowerUserAccess, IAMFullAccess, *FullAccess) is attached',
  rationale: 'These grant every action of a service (or all services) on every resource of the account.',
  anchors: { cdkNag: ['AwsSolutions-IAM4'], checkov: ['CKV_AWS_274', 'CKV2_AWS_56'] },
  check({ stack }) {
    const findings: Finding[] = [];
    for (const [type, field] of ATTACHMENTS) {
      for (const resource of stack.ofType(type)) {
        for (const arn of strings(resource.body[field])) {
          const match = ADMIN_POLICY.exec(arn);
          if (!match) continue;
          findings.push({
            resource: resource.address,
            message: `attaches the AWS managed policy ${match[1]} (${arn})`,
            fix: 'Write a least-privilege policy template in policies/vN/ instead.',
          });
        }
      }
    }
    return findings;
  },
};
