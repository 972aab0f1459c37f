import { Construct } from 'constructs';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { suppress } from '../suppress';

/** A String custom attribute (`custom:<name>`). */
export interface CustomAttribute {
  name: string;
  /** false: Cognito accepts a value when the user is created (SignUp, AdminCreateUser) and never changes it after. */
  mutable: boolean;
  maxLength: number;
  /** The app client may write it: needed for SignUp to carry it at all. */
  clientWritable: boolean;
}

export interface UserDirectoryProps {
  name: string;
  deletionProtection: boolean;
  /**
   * Anyone may sign up through the app client; Cognito emails a code that confirms the account. Default false:
   * admins create every user.
   */
  selfSignUp?: boolean;
  customAttributes?: CustomAttribute[];
  /** Invoked after a user confirms sign-up (or a password reset); Cognito gets a Lambda permission scoped to this pool. */
  postConfirmation?: LambdaFunction;
  /** Why threat protection (COG-003) stays off for this pool; default: the admin-invite-only reason. */
  threatProtectionWaiver?: string;
}

/**
 * Attributes every app client may write (plus the custom attributes declared `clientWritable`). Nothing that
 * decides access is here: groups are set by admins or a trusted trigger, and no role mapping or policy reads a
 * user-writable claim.
 */
export const CLIENT_WRITE_ATTRIBUTES = ['email'];
export const CLIENT_READ_ATTRIBUTES = ['email', 'email_verified'];

const ADMIN_ONLY_WAIVER =
  'Threat protection needs the Plus feature plan, billed per monthly active user; the pool is admin-invite only with a 12-character policy and optional TOTP MFA';

/**
 * A user pool and a public app client for SRP sign-in. By default admin-managed (no self sign-up); with
 * `selfSignUp`, users register themselves and confirm their email with a code.
 */
export class UserDirectory extends Construct {
  readonly pool: CognitoUserPool;
  readonly client: CognitoUserPoolClient;
  /** Cognito's permission to invoke the post-confirmation trigger: nothing invokes it before this exists. */
  readonly postConfirmationInvoke?: LambdaPermission;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const selfSignUp = props.selfSignUp ?? false;
    const custom = props.customAttributes ?? [];
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
        // Custom attributes cannot be required; `mutable: false` makes Cognito reject any later change
        // (UpdateUserAttributes, AdminUpdateUserAttributes) while still accepting a value at creation.
        ...custom.map((attribute) => ({
          name: attribute.name,
          attributeDataType: 'String',
          required: false,
          mutable: attribute.mutable,
          stringAttributeConstraints: { minLength: '1', maxLength: String(attribute.maxLength) },
        })),
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
      adminCreateUserConfig: { allowAdminCreateUserOnly: !selfSignUp },
      ...(selfSignUp
        ? {
            // The confirmation email carries a code the user types back (ConfirmSignUp), not a link.
            verificationMessageTemplate: { defaultEmailOption: 'CONFIRM_WITH_CODE' },
            // A changed email stays unverified, and the old one in use, until the user confirms the new one.
            userAttributeUpdateSettings: { attributesRequireVerificationBeforeUpdate: ['email'] },
          }
        : {}),
      ...(props.postConfirmation ? { lambdaConfig: { postConfirmation: props.postConfirmation.arn } } : {}),
      mfaConfiguration: 'OPTIONAL',
      softwareTokenMfaConfiguration: { enabled: true },
      deletionProtection: props.deletionProtection ? 'ACTIVE' : 'INACTIVE',
    });
    suppress(this.pool, 'COG-003', props.threatProtectionWaiver ?? ADMIN_ONLY_WAIVER);
    if (props.postConfirmation) {
      // The pool references the function (lambda_config); the permission references both, so there is no cycle.
      this.postConfirmationInvoke = new LambdaPermission(this, 'post-confirmation-invoke', {
        statementId: 'AllowCognitoPostConfirmation',
        action: 'lambda:InvokeFunction',
        functionName: props.postConfirmation.functionName,
        principal: 'cognito-idp.amazonaws.com',
        sourceArn: this.pool.arn,
      });
    }
    this.client = new CognitoUserPoolClient(this, 'client', {
      name: `${props.name}-app`,
      userPoolId: this.pool.id,
      generateSecret: false,
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      readAttributes: [...CLIENT_READ_ATTRIBUTES, ...custom.map((attribute) => `custom:${attribute.name}`)],
      writeAttributes: [
        ...CLIENT_WRITE_ATTRIBUTES,
        ...custom.filter((attribute) => attribute.clientWritable).map((attribute) => `custom:${attribute.name}`),
      ],
      accessTokenValidity: 60,
      idTokenValidity: 60,
      refreshTokenValidity: 30,
      tokenValidityUnits: [{ accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' }],
    });
  }
}
