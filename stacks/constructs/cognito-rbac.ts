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
