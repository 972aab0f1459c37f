import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyVersion } from '../../policies/loader';
import { IdentityPool } from './identity-pool';
import { UserDirectory, UserDirectoryProps } from './user-directory';

/**
 * The user pool and the identity pool that trades its tokens for group-role credentials, named `<prefix>-users`
 * and `<prefix>-identities`. Both are created directly in `scope`, so their Terraform addresses stay short.
 */
export function cognitoRbac(
  scope: Construct,
  prefix: string,
  policies: PolicyVersion,
  users: Omit<UserDirectoryProps, 'name'>,
): { users: UserDirectory; identities: IdentityPool } {
  const directory = new UserDirectory(scope, 'users', { name: `${prefix}-users`, ...users });
  const identities = new IdentityPool(scope, 'identities', {
    name: `${prefix}-identities`,
    rolePrefix: prefix,
    users: directory,
    policies,
  });
  return { users: directory, identities };
}

/**
 * The outputs every client of a Cognito RBAC stack reads (region, user pool, app client, identity pool), plus the
 * stack's own: `npm run call`, the AWS cross-check and humans all find them under the same names.
 */
export function rbacOutputs(
  scope: Construct,
  region: string,
  rbac: { users: UserDirectory; identities: IdentityPool },
  extra: Record<string, unknown>,
): void {
  const outputs: Record<string, unknown> = {
    region,
    user_pool_id: rbac.users.pool.id,
    user_pool_client_id: rbac.users.client.id,
    identity_pool_id: rbac.identities.pool.id,
    ...extra,
  };
  for (const [name, value] of Object.entries(outputs)) new TerraformOutput(scope, name, { value });
}

/** `role_arn_<Group>` outputs, one per group role. */
export function roleArnOutputs(groupRoles: Array<{ group: string; role: { arn: string } }>): Record<string, string> {
  return Object.fromEntries(groupRoles.map(({ group, role }) => [`role_arn_${group}`, role.arn]));
}
