import {
  ChallengeNameType,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
  RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { createSrpSession, signSrpSession, wrapAuthChallenge, wrapInitiateAuth } from 'cognito-srp-helper';
import { awsErrorMessage, awsErrorName, ClientError, unreachable } from './errors';

/** The tokens of one sign-in. Kept in memory only; never printed. */
export interface Tokens {
  idToken: string;
  accessToken: string;
  /** Seconds the ID and access tokens live. */
  expiresIn?: number;
}

export interface SignInRequest {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  clientId: string;
  username: string;
  password: string;
  /** Asked only on the first sign-in (NEW_PASSWORD_REQUIRED): the permanent password to set. */
  newPassword: () => Promise<string>;
  /** Asked only when the user has turned on TOTP MFA. */
  mfaCode?: () => Promise<string>;
  /** For messages: where the client sends requests. */
  endpoint?: string;
}

/** Enough for NEW_PASSWORD_REQUIRED followed by an MFA challenge; a loop beyond that is a server bug. */
const MAX_CHALLENGES = 4;

/**
 * Signs in with Secure Remote Password (USER_SRP_AUTH), the only password flow the app client allows: the password
 * never leaves this process. SRP's math is cognito-srp-helper's; the calls are the AWS SDK's.
 */
export async function signIn(request: SignInRequest): Promise<Tokens> {
  const { client, clientId, username } = request;
  const srp = createSrpSession(username, request.password, request.userPoolId, false);
  let response: InitiateAuthCommandOutput | RespondToAuthChallengeCommandOutput;
  try {
    response = await client.send(
      new InitiateAuthCommand(
        wrapInitiateAuth(srp, { ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username } }),
      ),
    );
  } catch (error) {
    throw signInError(error, request);
  }

  for (let round = 0; round < MAX_CHALLENGES; round++) {
    if (response.AuthenticationResult) {
      const { IdToken, AccessToken, ExpiresIn } = response.AuthenticationResult;
      if (!IdToken || !AccessToken) throw new ClientError('sign-in', 'Cognito signed the user in but returned no ID token');
      return { idToken: IdToken, accessToken: AccessToken, expiresIn: ExpiresIn };
    }
    const challenge = response.ChallengeName;
    const parameters = response.ChallengeParameters ?? {};
    const user = parameters.USER_ID_FOR_SRP ?? parameters.USERNAME ?? username;
    let command: RespondToAuthChallengeCommand;
    switch (challenge) {
      case ChallengeNameType.PASSWORD_VERIFIER: {
        let signed;
        try {
          signed = signSrpSession(srp, response);
        } catch (error) {
          throw new ClientError('sign-in', `Cognito's SRP challenge was incomplete: ${awsErrorMessage(error)}`);
        }
        command = new RespondToAuthChallengeCommand(
          wrapAuthChallenge(signed, {
            ClientId: clientId,
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeResponses: { USERNAME: user },
            Session: response.Session,
          }),
        );
        break;
      }
      case ChallengeNameType.NEW_PASSWORD_REQUIRED: {
        const newPassword = await request.newPassword();
        command = new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ChallengeResponses: { USERNAME: user, NEW_PASSWORD: newPassword },
          Session: response.Session,
        });
        break;
      }
      case ChallengeNameType.SOFTWARE_TOKEN_MFA: {
        if (!request.mfaCode) throw new ClientError('sign-in', `${username} has MFA turned on: a one-time code is needed`);
        const code = await request.mfaCode();
        command = new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          ChallengeResponses: { USERNAME: user, SOFTWARE_TOKEN_MFA_CODE: code },
          Session: response.Session,
        });
        break;
      }
      default:
        throw new ClientError(
          'sign-in',
          `Cognito asked for ${challenge ?? 'an unnamed challenge'}, which this client does not handle; ` +
            'sign in once with the hosted UI or the AWS console to clear it',
        );
    }
    try {
      response = await client.send(command);
    } catch (error) {
      throw signInError(error, request, challenge);
    }
  }
  throw new ClientError('sign-in', `Cognito kept asking for challenges after ${MAX_CHALLENGES} answers`);
}

/** Cognito's sign-in errors in plain words. */
export function signInError(error: unknown, request: Pick<SignInRequest, 'username' | 'clientId' | 'endpoint'>, challenge?: string): ClientError {
  if (error instanceof ClientError) return error;
  const { username } = request;
  const name = awsErrorName(error);
  const message = awsErrorMessage(error);
  const say = (text: string) => new ClientError('sign-in', text, { cause: error });
  const network = unreachable(error, 'Cognito', request.endpoint);
  if (network) return say(network);
  switch (name) {
    case 'NotAuthorizedException':
      if (/incorrect username or password/i.test(message)) {
        return say(`wrong password for "${username}" (or no such user): Cognito said "${message}"`);
      }
      if (/attempts exceeded/i.test(message)) return say(`too many failed sign-ins for "${username}": wait a while, then try again`);
      if (/disabled/i.test(message)) return say(`"${username}" is disabled in the user pool: an administrator must enable it`);
      if (/temporary password has expired/i.test(message)) {
        return say(
          `the temporary password of "${username}" has expired: an administrator must set a new one ` +
            `(npm run users -- delete ${username}, then create it again)`,
        );
      }
      return say(`Cognito refused the sign-in of "${username}": ${message}`);
    case 'UserNotConfirmedException':
      return say(
        `"${username}" is not confirmed yet, so Cognito will not sign it in: an administrator can confirm it ` +
          `(aws cognito-idp admin-confirm-sign-up), or recreate it with npm run users -- create ${username}`,
      );
    case 'PasswordResetRequiredException':
      return say(`"${username}" must reset the password before signing in (an administrator asked for a reset)`);
    case 'UserNotFoundException':
      return say(`there is no user "${username}" in the user pool: create it with npm run users -- create ${username} --group <Group>`);
    case 'InvalidPasswordException':
      return say(`the new password for "${username}" was refused: ${message}`);
    case 'InvalidParameterException':
      if (/SRP/i.test(message) || /auth flow/i.test(message)) {
        return say(`the app client ${request.clientId} does not allow SRP sign-in: ${message}`);
      }
      return say(`Cognito rejected the ${challenge ?? 'sign-in'} request: ${message}`);
    case 'ResourceNotFoundException':
      return say(`the user pool app client ${request.clientId} does not exist: are the stack outputs current? (${message})`);
    case 'CodeMismatchException':
      return say(`the MFA code for "${username}" was wrong: ${message}`);
    case 'ExpiredCodeException':
      return say(`the sign-in session expired while answering a challenge: sign in again (${message})`);
    case 'TooManyRequestsException':
      return say(`Cognito is throttling sign-ins: try again in a moment (${message})`);
    default:
      return say(`sign-in of "${username}" failed: ${name ? `${name}: ` : ''}${message}`);
  }
}
