import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { awsErrorMessage, awsErrorName, ClientError, unreachable } from './errors';

/** Cognito usernames: letters, digits and a few symbols; kept simple so env variable names stay obvious. */
export const USERNAME = /^[A-Za-z0-9._@+-]{1,128}$/;
export const USERNAME_RULE = 'up to 128 letters, digits and . _ @ + -';

export interface UserDirectoryTarget {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  /** For messages. */
  endpoint?: string;
}

export interface NewUser {
  username: string;
  email: string;
  groups: string[];
  password: string;
  /** Set the password as permanent now (AdminSetUserPassword); otherwise the first sign-in replaces it. */
  permanent: boolean;
}

/**
 * AdminCreateUser with MessageAction SUPPRESS (no email goes out), then AdminAddUserToGroup for each group, then
 * AdminSetUserPassword if the password is to be permanent. A failure after the user exists deletes it again, so a
 * half-made user is never left behind.
 */
export async function createUser(target: UserDirectoryTarget, user: NewUser): Promise<{ status: string }> {
  const { client, userPoolId } = target;
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        TemporaryPassword: user.password,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: user.email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  } catch (error) {
    throw adminError(error, target, 'AdminCreateUser', user.username);
  }
  try {
    for (const group of user.groups) {
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.username, GroupName: group }));
    }
    if (user.permanent) {
      await client.send(
        new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.username, Password: user.password, Permanent: true }),
      );
    }
  } catch (error) {
    const cause = adminError(error, target, user.permanent ? 'AdminAddUserToGroup/AdminSetUserPassword' : 'AdminAddUserToGroup', user.username);
    let undo = 'it was deleted again';
    try {
      await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: user.username }));
    } catch {
      undo = `deleting it again failed too: run npm run users -- delete ${user.username}`;
    }
    throw new ClientError('users', `${cause.message} ("${user.username}" was created, then ${undo})`, { cause: error });
  }
  return { status: user.permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD' };
}

export async function deleteUser(target: UserDirectoryTarget, username: string): Promise<void> {
  try {
    await target.client.send(new AdminDeleteUserCommand({ UserPoolId: target.userPoolId, Username: username }));
  } catch (error) {
    throw adminError(error, target, 'AdminDeleteUser', username);
  }
}

/** The admin API's errors in plain words. */
export function adminError(error: unknown, target: Pick<UserDirectoryTarget, 'userPoolId' | 'endpoint'>, call: string, username: string): ClientError {
  if (error instanceof ClientError) return error;
  const name = awsErrorName(error);
  const message = awsErrorMessage(error);
  const say = (text: string) => new ClientError('users', text, { cause: error });
  const network = unreachable(error, 'Cognito', target.endpoint);
  if (network) return say(network);
  switch (name) {
    case 'UsernameExistsException':
      return say(`"${username}" already exists in the user pool: delete it first (npm run users -- delete ${username})`);
    case 'InvalidPasswordException':
      return say(
        `the password for "${username}" was refused (the pool wants 12+ characters with upper and lower case, a digit ` +
          `and a symbol): ${message}`,
      );
    case 'UserNotFoundException':
      return say(`there is no user "${username}" in the user pool ${target.userPoolId}`);
    case 'ResourceNotFoundException':
      return say(`${call}: ${message} (user pool ${target.userPoolId}: are the stack outputs current?)`);
    case 'InvalidParameterException':
      return say(`Cognito rejected ${call} for "${username}": ${message}`);
    case 'CredentialsProviderError':
      return say(
        `no AWS credentials for the Cognito admin API (${call}): use the same credentials as for cdktf deploy ` +
          `(AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`,
      );
    case 'AccessDeniedException':
    case 'NotAuthorizedException':
      return say(`your AWS identity may not call cognito-idp:${call.split('/')[0]} on ${target.userPoolId}: ${message}`);
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
      return say(`AWS did not accept your credentials for ${call} (${name}): refresh them and retry. ${message}`);
    default:
      return say(`${call} failed for "${username}": ${name ? `${name}: ` : ''}${message}`);
  }
}
