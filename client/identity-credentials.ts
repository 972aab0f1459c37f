import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { awsErrorMessage, awsErrorName, ClientError, unreachable } from './errors';
import { IdTokenClaims } from './id-token';

/** Temporary AWS credentials of one role. Kept in memory only: nothing writes them anywhere. */
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date | undefined;
  identityId: string;
}

export interface CredentialsRequest {
  client: CognitoIdentityClient;
  region: string;
  userPoolId: string;
  identityPoolId: string;
  idToken: string;
  /** Ask for this role (CustomRoleArn) instead of the token's preferred role. */
  customRoleArn?: string;
  /** For messages: the signed-in user and what the token says about groups and roles. */
  username: string;
  claims: IdTokenClaims;
  endpoint?: string;
}

/** The identity pool's key for a user pool login: the token issuer without `https://`. */
export function loginsKey(region: string, userPoolId: string): string {
  return `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/** GetId, then GetCredentialsForIdentity, with the user pool ID token as the login. */
export async function identityCredentials(request: CredentialsRequest): Promise<TemporaryCredentials> {
  const logins = { [loginsKey(request.region, request.userPoolId)]: request.idToken };
  let identityId: string | undefined;
  try {
    const id = await request.client.send(new GetIdCommand({ IdentityPoolId: request.identityPoolId, Logins: logins }));
    identityId = id.IdentityId;
  } catch (error) {
    throw credentialsError(error, request, 'GetId');
  }
  if (!identityId) throw new ClientError('credentials', 'the identity pool returned no identity id');
  try {
    const result = await request.client.send(
      new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins, CustomRoleArn: request.customRoleArn }),
    );
    const c = result.Credentials;
    if (!c?.AccessKeyId || !c.SecretKey || !c.SessionToken) {
      throw new ClientError('credentials', 'the identity pool answered without credentials');
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
      identityId: result.IdentityId ?? identityId,
    };
  } catch (error) {
    throw credentialsError(error, request, 'GetCredentialsForIdentity');
  }
}

/** The identity pool's errors in plain words, using what the ID token says to explain a missing role. */
export function credentialsError(
  error: unknown,
  request: Pick<CredentialsRequest, 'username' | 'claims' | 'customRoleArn' | 'identityPoolId' | 'endpoint'>,
  call: 'GetId' | 'GetCredentialsForIdentity',
): ClientError {
  if (error instanceof ClientError) return error;
  const name = awsErrorName(error);
  const message = awsErrorMessage(error);
  const say = (text: string) => new ClientError('credentials', text, { cause: error });
  const network = unreachable(error, 'the Cognito identity pool', request.endpoint);
  if (network) return say(network);
  const { username, claims } = request;
  const groups = claims['cognito:groups'] ?? [];
  const inGroups = groups.length ? `is in ${groups.join(', ')}` : 'is in no group';
  const roleProblem = /role/i.test(message);

  if (call === 'GetCredentialsForIdentity' && (name === 'NotAuthorizedException' || name === 'InvalidParameterException')) {
    if (request.customRoleArn && (roleProblem || !/token/i.test(message))) {
      return say(
        `no credentials: the identity pool would not hand out ${request.customRoleArn} to "${username}", who ${inGroups}; ` +
          `a user may only ask for a role of a group they belong to (the token's cognito:roles). AWS said: ${message}`,
      );
    }
    if (/ambiguous/i.test(message) || (roleProblem && !claims['cognito:preferred_role'])) {
      return say(
        `no credentials: "${username}" ${inGroups}, so the ID token names no preferred role and the identity pool's ` +
          `ambiguous-role rule is Deny. Add the user to a group (npm run users -- create … --group <Group>). AWS said: ${message}`,
      );
    }
  }
  switch (name) {
    case 'NotAuthorizedException':
      if (/expired/i.test(message)) return say(`the ID token expired before the identity pool saw it: sign in again (${message})`);
      return say(`the identity pool refused the sign-in of "${username}" (${call}): ${message}`);
    case 'InvalidIdentityPoolConfigurationException':
      return say(
        `the identity pool could not assume the role for "${username}": its trust policy does not trust this identity ` +
          `pool (${message})`,
      );
    case 'ResourceNotFoundException':
      return say(`identity pool ${request.identityPoolId} (or the identity) does not exist: are the stack outputs current? (${message})`);
    case 'InvalidParameterException':
      return say(`the identity pool rejected ${call}: ${message}`);
    case 'TooManyRequestsException':
      return say(`the identity pool is throttling requests: try again in a moment (${message})`);
    case 'ExternalServiceException':
      return say(`the identity pool could not check the token with the user pool: ${message}`);
    default:
      return say(`${call} failed: ${name ? `${name}: ` : ''}${message}`);
  }
}
