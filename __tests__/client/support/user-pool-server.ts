import { createPublicKey, createSign, generateKeyPairSync, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { AwsError, RawRequest, startAwsJsonServer, StartedServer } from './aws-json-server';
import { expectedClaim, makeVerifier, PasswordVerifier, serverHello, ServerHello } from './srp-server';
import { verify } from './sigv4-verify';

/**
 * A stand-in Cognito user pool speaking the Cognito IDP JSON 1.1 protocol for exactly the calls the client makes:
 * AdminCreateUser, AdminAddUserToGroup, AdminSetUserPassword, AdminDeleteUser (SigV4-signed, checked), and
 * InitiateAuth USER_SRP_AUTH + RespondToAuthChallenge PASSWORD_VERIFIER / NEW_PASSWORD_REQUIRED (unsigned). It
 * stores SRP verifiers, never passwords, and issues RS256 ID tokens with Cognito's group claims.
 *
 * Why not cognito-local: its InitiateAuth supports USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH only and answers
 * USER_SRP_AUTH with "Unsupported", while this stack's app client allows SRP alone.
 */

export interface PoolGroup {
  name: string;
  precedence: number | null;
  roleArn: string | null;
}

export type UserStatus = 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED' | 'UNCONFIRMED';

export interface StoredUser {
  username: string;
  sub: string;
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  groups: Set<string>;
  password: PasswordVerifier;
}

export interface UserPoolOptions {
  region: string;
  poolId: string;
  clientId: string;
  groups: PoolGroup[];
  /** AWS credentials the admin API accepts (checked with SigV4, service cognito-idp). */
  admin: { accessKeyId: string; secretAccessKey: string };
  now?: () => Date;
}

export interface UserPoolStandIn extends StartedServer {
  users: Map<string, StoredUser>;
  publicKey: KeyObject;
  issuer: string;
  /** Puts a user in place directly, e.g. an UNCONFIRMED one the admin API cannot make. */
  seedUser(username: string, password: string, status: UserStatus, groups?: string[]): void;
}

interface SrpSession {
  username: string | undefined;
  A: bigint;
  hello: ServerHello;
  /** For unknown users: a verifier of nothing, so the answer looks the same (prevent user existence errors). */
  password: PasswordVerifier;
}

/** The pool's password policy (stacks/constructs/user-directory.ts): 12+, upper, lower, digit, symbol. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'Password not long enough';
  if (!/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (!/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (!/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (!/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password)) return 'Password must have symbol characters';
  return undefined;
}

export async function startUserPool(options: UserPoolOptions): Promise<UserPoolStandIn> {
  const { region, poolId, clientId } = options;
  const now = options.now ?? (() => new Date());
  const poolName = poolId.split('_')[1]!;
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const users = new Map<string, StoredUser>();
  const srpSessions = new Map<string, SrpSession>();
  const challengeSessions = new Map<string, string>();

  const setPassword = (username: string, password: string) => makeVerifier(poolName, username, password);
  const checkPassword = (password: unknown) => {
    const problem = passwordProblem(String(password ?? ''));
    if (problem) throw new AwsError('InvalidPasswordException', `Password does not conform to policy: ${problem}`);
  };
  const checkPool = (input: Record<string, unknown>) => {
    if (input.UserPoolId !== poolId) throw new AwsError('ResourceNotFoundException', `User pool ${String(input.UserPoolId)} does not exist.`);
  };
  const userOf = (input: Record<string, unknown>) => {
    const user = users.get(String(input.Username));
    if (!user) throw new AwsError('UserNotFoundException', 'User does not exist.');
    return user;
  };
  const admin = (request: RawRequest) => {
    const verdict = verify(request, {
      region,
      service: 'cognito-idp',
      now: now(),
      lookup: (id) => (id === options.admin.accessKeyId ? { secretAccessKey: options.admin.secretAccessKey } : undefined),
    });
    if (!verdict.ok) {
      const type = verdict.errorType === 'MissingAuthenticationTokenException' ? verdict.errorType : 'UnrecognizedClientException';
      throw new AwsError(type, verdict.message);
    }
  };
  const checkClient = (input: Record<string, unknown>) => {
    if (input.ClientId !== clientId) throw new AwsError('ResourceNotFoundException', `User pool client ${String(input.ClientId)} does not exist.`);
  };

  const jwt = (claims: Record<string, unknown>) => {
    const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const head = `${encode({ kid, alg: 'RS256' })}.${encode(claims)}`;
    return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
  };

  const tokens = (user: StoredUser) => {
    const iat = Math.floor(now().getTime() / 1000);
    const groups = options.groups.filter((g) => user.groups.has(g.name));
    const groupClaims: Record<string, unknown> = {};
    if (groups.length) {
      groupClaims['cognito:groups'] = groups.map((g) => g.name);
      const roles = [...new Set(groups.flatMap((g) => (g.roleArn ? [g.roleArn] : [])))];
      if (roles.length) groupClaims['cognito:roles'] = roles;
      const preferred = preferredRole(groups);
      if (preferred) groupClaims['cognito:preferred_role'] = preferred;
    }
    const common = { sub: user.sub, iss: issuer, event_id: randomUUID(), auth_time: iat, iat, exp: iat + 3600, jti: randomUUID(), origin_jti: randomUUID() };
    return {
      AuthenticationResult: {
        IdToken: jwt({ ...common, ...groupClaims, aud: clientId, token_use: 'id', 'cognito:username': user.username, ...user.attributes }),
        AccessToken: jwt({ ...common, ...groupClaims, client_id: clientId, token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: user.username }),
        RefreshToken: randomBytes(64).toString('base64url'),
        ExpiresIn: 3600,
        TokenType: 'Bearer',
      },
      ChallengeParameters: {},
    };
  };

  const server = await startAwsJsonServer('AWSCognitoIdentityProviderService', {
    AdminCreateUser: (input, request) => {
      admin(request);
      checkPool(input);
      const username = String(input.Username ?? '');
      if (users.has(username)) throw new AwsError('UsernameExistsException', 'User account already exists');
      const attributes = Object.fromEntries(
        ((input.UserAttributes ?? []) as Array<{ Name: string; Value: string }>).map((a) => [a.Name, a.Value]),
      );
      if (!attributes.email) throw new AwsError('InvalidParameterException', 'Attributes did not conform to the schema: email: The attribute is required');
      if (input.MessageAction !== 'SUPPRESS') throw new AwsError('InvalidParameterException', 'stand-in: only MessageAction SUPPRESS is supported');
      checkPassword(input.TemporaryPassword);
      const user: StoredUser = {
        username,
        sub: randomUUID(),
        attributes,
        status: 'FORCE_CHANGE_PASSWORD',
        enabled: true,
        groups: new Set(),
        password: setPassword(username, String(input.TemporaryPassword)),
      };
      users.set(username, user);
      return { User: { Username: username, UserStatus: user.status, Enabled: true, UserCreateDate: now().getTime() / 1000 } };
    },
    AdminAddUserToGroup: (input, request) => {
      admin(request);
      checkPool(input);
      const user = userOf(input);
      if (!options.groups.some((g) => g.name === input.GroupName)) throw new AwsError('ResourceNotFoundException', 'Group not found.');
      user.groups.add(String(input.GroupName));
      return {};
    },
    AdminSetUserPassword: (input, request) => {
      admin(request);
      checkPool(input);
      const user = userOf(input);
      checkPassword(input.Password);
      user.password = setPassword(user.username, String(input.Password));
      user.status = input.Permanent === true ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
      return {};
    },
    AdminDeleteUser: (input, request) => {
      admin(request);
      checkPool(input);
      users.delete(userOf(input).username);
      return {};
    },
    InitiateAuth: (input) => {
      checkClient(input);
      const flow = String(input.AuthFlow);
      if (flow !== 'USER_SRP_AUTH') throw new AwsError('InvalidParameterException', `${flow} flow not enabled for this client`);
      const parameters = (input.AuthParameters ?? {}) as Record<string, string>;
      if (!parameters.SRP_A) throw new AwsError('InvalidParameterException', 'Missing required parameter SRP_A');
      if (!parameters.USERNAME) throw new AwsError('InvalidParameterException', 'Missing required parameter USERNAME');
      const user = users.get(parameters.USERNAME) ?? [...users.values()].find((u) => u.attributes.email === parameters.USERNAME);
      const password = user?.password ?? setPassword(parameters.USERNAME, randomUUID());
      const hello = serverHello(password.verifier);
      const secretBlock = randomBytes(64).toString('base64');
      srpSessions.set(secretBlock, { username: user?.username, A: BigInt(`0x${parameters.SRP_A}`), hello, password });
      const userId = user?.username ?? parameters.USERNAME;
      return {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: {
          SALT: password.salt.toString(16),
          SECRET_BLOCK: secretBlock,
          SRP_B: hello.B.toString(16),
          USERNAME: userId,
          USER_ID_FOR_SRP: userId,
        },
      };
    },
    RespondToAuthChallenge: (input) => {
      checkClient(input);
      const responses = (input.ChallengeResponses ?? {}) as Record<string, string>;
      if (input.ChallengeName === 'PASSWORD_VERIFIER') {
        const session = srpSessions.get(responses.PASSWORD_CLAIM_SECRET_BLOCK ?? '');
        if (!session) throw new AwsError('NotAuthorizedException', 'Incorrect username or password.');
        srpSessions.delete(responses.PASSWORD_CLAIM_SECRET_BLOCK!);
        const user = session.username === undefined ? undefined : users.get(session.username);
        const expected = expectedClaim({
          A: session.A,
          hello: session.hello,
          verifier: session.password.verifier,
          poolName,
          userId: responses.USERNAME ?? '',
          secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK!,
          timestamp: responses.TIMESTAMP ?? '',
        });
        if (!user || !expected || expected !== responses.PASSWORD_CLAIM_SIGNATURE) {
          throw new AwsError('NotAuthorizedException', 'Incorrect username or password.');
        }
        if (!user.enabled) throw new AwsError('NotAuthorizedException', 'User is disabled.');
        if (user.status === 'UNCONFIRMED') throw new AwsError('UserNotConfirmedException', 'User is not confirmed.');
        if (user.status === 'FORCE_CHANGE_PASSWORD') {
          const session = randomBytes(48).toString('base64');
          challengeSessions.set(session, user.username);
          const { email } = user.attributes;
          return {
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session: session,
            ChallengeParameters: { USER_ID_FOR_SRP: user.username, requiredAttributes: '[]', userAttributes: JSON.stringify({ email }) },
          };
        }
        return tokens(user);
      }
      if (input.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
        const username = challengeSessions.get(String(input.Session ?? ''));
        const user = username === undefined ? undefined : users.get(username);
        if (!user || responses.USERNAME !== user.username) {
          throw new AwsError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
        }
        checkPassword(responses.NEW_PASSWORD);
        challengeSessions.delete(String(input.Session));
        user.password = setPassword(user.username, responses.NEW_PASSWORD!);
        user.status = 'CONFIRMED';
        return tokens(user);
      }
      throw new AwsError('InvalidParameterException', `stand-in: unsupported challenge ${String(input.ChallengeName)}`);
    },
  });

  return {
    ...server,
    users,
    publicKey: createPublicKey(privateKey),
    issuer,
    seedUser(username, password, status, groups = []) {
      users.set(username, {
        username,
        sub: randomUUID(),
        attributes: { email: `${username}@example.com` },
        status,
        enabled: true,
        groups: new Set(groups),
        password: setPassword(username, password),
      });
    },
  };
}

/** The lowest precedence wins; a tie between different roles leaves the claim out (Cognito developer guide). */
function preferredRole(groups: PoolGroup[]): string | undefined {
  const rank = (g: PoolGroup) => g.precedence ?? Number.POSITIVE_INFINITY;
  const withRoles = groups.filter((g) => g.roleArn);
  if (!withRoles.length) return undefined;
  const best = Math.min(...withRoles.map(rank));
  const roles = new Set(withRoles.filter((g) => rank(g) === best).map((g) => g.roleArn!));
  return roles.size === 1 ? [...roles][0] : undefined;
}
