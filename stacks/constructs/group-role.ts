import { Construct } from 'constructs';
import { CognitoUserGroup } from '@cdktf/provider-aws/lib/cognito-user-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IdentityPool } from './identity-pool';
import { UserDirectory } from './user-directory';

export interface GroupRoleProps {
  users: UserDirectory;
  identities: IdentityPool;
  /** The Cognito group's name; also the suffix of the construct ids (`role-<name>`, `group-<name>`). */
  group: string;
  description: string;
  /** Lower wins `cognito:preferred_role`; every group of a pool needs its own (RBAC-009). */
  precedence: number;
  /** The IAM role's physical name. */
  roleName: string;
  /** The inline policy: its construct id suffix (`role-<group>-<policyId>`), its IAM name and its rendered JSON. */
  policyId: string;
  policyName: string;
  policy: string;
}

/**
 * One Cognito group carrying its own IAM role: the role trusts only this stack's identity pool (IdentityPool
 * .trustedRole) and holds one inline policy. The constructs are created in `scope` with stable ids, so stacks that
 * share this helper keep their synthesized names.
 */
export function groupWithRole(scope: Construct, props: GroupRoleProps): { role: IamRole; policy: IamRolePolicy; group: CognitoUserGroup } {
  const role = props.identities.trustedRole(`role-${props.group}`, props.roleName);
  const policy = new IamRolePolicy(scope, `role-${props.group}-${props.policyId}`, {
    name: props.policyName,
    role: role.id,
    policy: props.policy,
  });
  const group = new CognitoUserGroup(scope, `group-${props.group}`, {
    name: props.group,
    description: props.description,
    userPoolId: props.users.pool.id,
    precedence: props.precedence,
    roleArn: role.arn,
  });
  return { role, policy, group };
}
