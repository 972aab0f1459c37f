import { Construct } from 'constructs';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { suppress } from '../suppress';

export interface UserDirectoryProps {
  name: string;
  deletionProtection: boolean;
}

/**
 * Attributes the app client may write. Nothing that decides access is here: groups are set by admins, and no
 * role mapping or policy reads a user-writable claim.
 */
export const CLIENT_WRITE_ATTRIBUTES = ['email'];
export const CLIENT_READ_ATTRIBUTES = ['email', 'email_verified'];

/** An admin-managed user pool (no self sign-up) and a public app client for SRP sign-in. */
export class UserDirectory extends Construct {
  readonly pool: CognitoUserPool;
  readonly client: CognitoUserPoolClient;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    this.pool = new CognitoUserPool(this, 'pool', {
      name: props.name,
      aliasAttributes: ['email'],
      autoVerifiedAttributes: ['email'],
      schema: [
        {
          name: 'email',
          attributeDataType: 'String',
          required: true,
          mutable: true,
          stringAttributeConstraints: { minLength: '3', maxLength: '256' },
        },
      ],
      passwordPolicy: {
        minimumLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: 3,
      },
      accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      mfaConfiguration: 'OPTIONAL',
      softwareTokenMfaConfiguration: { enabled: true },
      deletionProtection: props.deletionProtection ? 'ACTIVE' : 'INACTIVE',
    });
    suppress(this.pool, 'COG-003', 'Threat protection needs the Plus feature plan, billed per monthly active user; the pool is admin-invite only with a 12-character policy and optional TOTP MFA');
    this.client = new CognitoUserPoolClient(this, 'client', {
      name: `${props.name}-app`,
      userPoolId: this.pool.id,
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      readAttributes: CLIENT_READ_ATTRIBUTES,
      writeAttributes: CLIENT_WRITE_ATTRIBUTES,
      accessTokenValidity: 60,
      idTokenValidity: 60,
      refreshTokenValidity: 30,
      tokenValidityUnits: [{ accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' }],
    });
  }
}
