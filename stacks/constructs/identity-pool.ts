import { Construct } from 'constructs';
import { CognitoIdentityPool } from '@cdktf/provider-aws/lib/cognito-identity-pool';
import { CognitoIdentityPoolRolesAttachment } from '@cdktf/provider-aws/lib/cognito-identity-pool-roles-attachment';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { PolicyVersion, renderPolicy } from '../../policies/loader';
import { UserDirectory } from './user-directory';

export interface IdentityPoolProps {
  name: string;
  rolePrefix: string;
  users: UserDirectory;
  policies: PolicyVersion;
}

/**
 * Trades a user pool ID token for AWS credentials of the role the token prefers (`cognito:preferred_role`).
 * Token mapping with Deny means a token without a preferred role gets nothing, never a fallback role.
 */
export class IdentityPool extends Construct {
  readonly pool: CognitoIdentityPool;
  private readonly policies: PolicyVersion;

  constructor(scope: Construct, id: string, props: IdentityPoolProps) {
    super(scope, id);
    this.policies = props.policies;
    this.pool = new CognitoIdentityPool(this, 'pool', {
      identityPoolName: props.name.replace(/-/g, '_'),
      allowUnauthenticatedIdentities: false,
      allowClassicFlow: false,
      cognitoIdentityProviders: [
        {
          clientId: props.users.client.id,
          providerName: props.users.pool.endpoint,
          serverSideTokenCheck: true,
        },
      ],
    });
    const defaultRole = this.trustedRole('default-authenticated', `${props.rolePrefix}-authenticated-default`);
    new IamRolePolicy(this, 'default-authenticated-policy', {
      name: 'deny-all',
      role: defaultRole.id,
      policy: renderPolicy(props.policies.templates.defaultAuthenticated, {}),
    });
    new CognitoIdentityPoolRolesAttachment(this, 'roles', {
      identityPoolId: this.pool.id,
      roles: { authenticated: defaultRole.arn },
      roleMapping: [
        {
          identityProvider: `${props.users.pool.endpoint}:${props.users.client.id}`,
          type: 'Token',
          ambiguousRoleResolution: 'Deny',
        },
      ],
    });
  }

  /** A role only this identity pool's authenticated identities can assume. */
  trustedRole(id: string, name: string): IamRole {
    return new IamRole(this, id, {
      name,
      maxSessionDuration: 3600,
      assumeRolePolicy: renderPolicy(this.policies.templates.trust, { identityPoolId: this.pool.id }),
    });
  }
}
