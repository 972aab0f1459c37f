import {
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { ClientError } from '../../client/errors';
import { signIn, signInError, SignInRequest } from '../../client/sign-in';

/**
 * client/sign-in.ts against Cognito's documented USER_SRP_AUTH exchange (Amazon Cognito API Reference: InitiateAuth,
 * RespondToAuthChallenge; Developer Guide, "User pool authentication flow"): InitiateAuth with USERNAME and SRP_A,
 * then PASSWORD_VERIFIER answered with PASSWORD_CLAIM_SIGNATURE, PASSWORD_CLAIM_SECRET_BLOCK and TIMESTAMP, then
 * NEW_PASSWORD_REQUIRED or SOFTWARE_TOKEN_MFA if Cognito asks, each answer carrying the Session it was given.
 * The SRP proof itself is checked end to end against the stand-in user pool in flow.test.ts.
 */

const cognito = mockClient(CognitoIdentityProviderClient);
const PASSWORD = 'John-Permanent-Passw0rd!';
const NEW_PASSWORD = 'John-New-Passw0rd!';

const VERIFIER = {
  ChallengeName: 'PASSWORD_VERIFIER' as const,
  ChallengeParameters: {
    SALT: 'c0ffee0123456789',
    SECRET_BLOCK: Buffer.from('secret block from Cognito').toString('base64'),
    SRP_B: 'ab'.repeat(192),
    USERNAME: 'john',
    // What Cognito signs the proof over and wants back as USERNAME: the user's internal name (sub), not an alias.
    USER_ID_FOR_SRP: 'a1b2c3d4-john',
  },
};
const TOKENS = { AuthenticationResult: { IdToken: 'header.payload.signature', AccessToken: 'access-token', ExpiresIn: 3600, TokenType: 'Bearer' } };

function request(overrides: Partial<SignInRequest> = {}): SignInRequest & { asked: string[] } {
  const asked: string[] = [];
  return {
    client: new CognitoIdentityProviderClient({ region: 'us-east-1' }),
    userPoolId: 'us-east-1_AbCdEfGhI',
    clientId: 'client123',
    username: 'john',
    password: PASSWORD,
    newPassword: async () => {
      asked.push('new-password');
      return NEW_PASSWORD;
    },
    mfaCode: async () => {
      asked.push('mfa');
      return '123456';
    },
    endpoint: 'https://cognito-idp.us-east-1.amazonaws.com',
    asked,
    ...overrides,
  };
}

/** What the client sent, in order: the command name and its input. */
const sent = () => cognito.calls().map((c) => [c.args[0].constructor.name, c.args[0].input as Record<string, unknown>] as const);

const awsError = (name: string, message: string) =>
  new CognitoIdentityProviderServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });

async function failure(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  expect((error as ClientError).step).toBe('sign-in');
  return error as ClientError;
}

beforeEach(() => cognito.reset());

describe('the USER_SRP_AUTH exchange', () => {
  test('InitiateAuth sends USERNAME and SRP_A, never the password; PASSWORD_VERIFIER is answered for USER_ID_FOR_SRP', async () => {
    cognito.on(InitiateAuthCommand).resolves(VERIFIER).on(RespondToAuthChallengeCommand).resolves(TOKENS);
    const r = request();
    await expect(signIn(r)).resolves.toEqual({ idToken: 'header.payload.signature', accessToken: 'access-token', expiresIn: 3600 });
    const calls = sent();
    expect(calls.map(([name]) => name)).toEqual(['InitiateAuthCommand', 'RespondToAuthChallengeCommand']);
    const [initiate, respond] = [calls[0]![1], calls[1]![1]];
    expect(initiate).toEqual({ ClientId: 'client123', AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'john', SRP_A: expect.stringMatching(/^[0-9a-f]{256,}$/) } });
    expect(respond).toMatchObject({
      ClientId: 'client123',
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: {
        USERNAME: 'a1b2c3d4-john',
        PASSWORD_CLAIM_SECRET_BLOCK: VERIFIER.ChallengeParameters.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
        // Cognito's format: "Tue Sep 25 00:09:40 UTC 2018".
        TIMESTAMP: expect.stringMatching(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d UTC \d{4}$/),
      },
    });
    expect(JSON.stringify(sent())).not.toContain(PASSWORD);
    expect(r.asked).toEqual([]);
  });

  test('first sign-in: NEW_PASSWORD_REQUIRED gets NEW_PASSWORD and the Session it came with', async () => {
    cognito
      .on(InitiateAuthCommand)
      .resolves(VERIFIER)
      .on(RespondToAuthChallengeCommand)
      .resolvesOnce({
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: 'session-after-verifier',
        ChallengeParameters: { USER_ID_FOR_SRP: 'a1b2c3d4-john', requiredAttributes: '[]', userAttributes: '{"email":"john@example.com"}' },
      })
      .resolves(TOKENS);
    const r = request();
    await expect(signIn(r)).resolves.toMatchObject({ idToken: 'header.payload.signature' });
    expect(sent()[2]).toEqual([
      'RespondToAuthChallengeCommand',
      {
        ClientId: 'client123',
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ChallengeResponses: { USERNAME: 'a1b2c3d4-john', NEW_PASSWORD },
        Session: 'session-after-verifier',
      },
    ]);
    expect(r.asked).toEqual(['new-password']);
  });

  test('TOTP MFA: SOFTWARE_TOKEN_MFA gets SOFTWARE_TOKEN_MFA_CODE; USERNAME falls back to the challenge USERNAME, then the typed name', async () => {
    cognito
      .on(InitiateAuthCommand)
      .resolves(VERIFIER)
      .on(RespondToAuthChallengeCommand)
      .resolvesOnce({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'mfa-session', ChallengeParameters: { USERNAME: 'john-from-cognito' } })
      .resolvesOnce({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'mfa-session-2' })
      .resolves(TOKENS);
    const r = request();
    await expect(signIn(r)).resolves.toMatchObject({ accessToken: 'access-token' });
    expect(sent().slice(2)).toEqual([
      [
        'RespondToAuthChallengeCommand',
        { ClientId: 'client123', ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeResponses: { USERNAME: 'john-from-cognito', SOFTWARE_TOKEN_MFA_CODE: '123456' }, Session: 'mfa-session' },
      ],
      [
        'RespondToAuthChallengeCommand',
        { ClientId: 'client123', ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeResponses: { USERNAME: 'john', SOFTWARE_TOKEN_MFA_CODE: '123456' }, Session: 'mfa-session-2' },
      ],
    ]);
    expect(r.asked).toEqual(['mfa', 'mfa']);
  });

  test('MFA asked with no way to read a code', async () => {
    cognito.on(InitiateAuthCommand).resolves(VERIFIER).on(RespondToAuthChallengeCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's' });
    expect((await failure(signIn(request({ mfaCode: undefined })))).message).toBe('john has MFA turned on: a one-time code is needed');
  });

  test('a challenge this client does not answer (SMS_MFA), or none named', async () => {
    cognito.on(InitiateAuthCommand).resolves(VERIFIER).on(RespondToAuthChallengeCommand).resolves({ ChallengeName: 'SMS_MFA', Session: 's' });
    expect((await failure(signIn(request()))).message).toBe(
      'Cognito asked for SMS_MFA, which this client does not handle; sign in once with the hosted UI or the AWS console to clear it',
    );
    cognito.reset();
    cognito.on(InitiateAuthCommand).resolves({});
    expect((await failure(signIn(request()))).message).toMatch(/^Cognito asked for an unnamed challenge, which this client does not handle/);
  });

  test('a challenge loop ends after 4 answers', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' }).on(RespondToAuthChallengeCommand).resolves({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 's',
    });
    const r = request();
    expect((await failure(signIn(r))).message).toBe('Cognito kept asking for challenges after 4 answers');
    expect(sent().map(([name]) => name)).toEqual(['InitiateAuthCommand', ...Array(4).fill('RespondToAuthChallengeCommand')]);
  });

  test('signed in without an ID token or an access token', async () => {
    for (const result of [{ AccessToken: 'a' }, { IdToken: 'i' }]) {
      cognito.reset();
      cognito.on(InitiateAuthCommand).resolves(VERIFIER).on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: result });
      expect((await failure(signIn(request()))).message).toBe('Cognito signed the user in but returned no ID token');
    }
  });

  test('an incomplete PASSWORD_VERIFIER challenge (no SRP_B)', async () => {
    const { SRP_B: _gone, ...rest } = VERIFIER.ChallengeParameters;
    cognito.on(InitiateAuthCommand).resolves({ ...VERIFIER, ChallengeParameters: rest });
    expect((await failure(signIn(request()))).message).toBe(
      "Cognito's SRP challenge was incomplete: Could not sign SRP session because of missing or undefined SRP_B in response.ChallengeResponses",
    );
  });

  test("errors of InitiateAuth and of an answer are Cognito's, in plain words", async () => {
    cognito.on(InitiateAuthCommand).rejects(awsError('UserNotFoundException', 'User does not exist.'));
    expect((await failure(signIn(request()))).message).toBe(
      'there is no user "john" in the user pool: create it with npm run users -- create john --group <Group>',
    );
    cognito.reset();
    cognito
      .on(InitiateAuthCommand)
      .resolves({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' })
      .on(RespondToAuthChallengeCommand)
      .rejects(awsError('InvalidParameterException', 'Invalid attributes given, email is missing'));
    expect((await failure(signIn(request()))).message).toBe('Cognito rejected the NEW_PASSWORD_REQUIRED request: Invalid attributes given, email is missing');
  });
});

describe("signInError: Cognito's documented errors (InitiateAuth, RespondToAuthChallenge)", () => {
  const who = { username: 'john', clientId: 'client123', endpoint: 'https://cognito-idp.us-east-1.amazonaws.com' };
  const cases: Array<[string, string, string, string?]> = [
    ['NotAuthorizedException', 'Incorrect username or password.', 'wrong password for "john" (or no such user): Cognito said "Incorrect username or password."'],
    ['NotAuthorizedException', 'Password attempts exceeded', 'too many failed sign-ins for "john": wait a while, then try again'],
    ['NotAuthorizedException', 'User is disabled.', '"john" is disabled in the user pool: an administrator must enable it'],
    [
      'NotAuthorizedException',
      'Temporary password has expired and must be reset by an administrator.',
      'the temporary password of "john" has expired: an administrator must set a new one (npm run users -- delete john, then create it again)',
    ],
    ['NotAuthorizedException', 'Invalid session for the user, session is expired.', 'Cognito refused the sign-in of "john": Invalid session for the user, session is expired.'],
    [
      'UserNotConfirmedException',
      'User is not confirmed.',
      '"john" is not confirmed yet, so Cognito will not sign it in: an administrator can confirm it (aws cognito-idp admin-confirm-sign-up), or recreate it with npm run users -- create john',
    ],
    ['PasswordResetRequiredException', 'Password reset required for the user', '"john" must reset the password before signing in (an administrator asked for a reset)'],
    ['UserNotFoundException', 'User does not exist.', 'there is no user "john" in the user pool: create it with npm run users -- create john --group <Group>'],
    ['InvalidPasswordException', 'Password does not conform to policy: Password not long enough', 'the new password for "john" was refused: Password does not conform to policy: Password not long enough'],
    ['InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.', 'the app client client123 does not allow SRP sign-in: USER_SRP_AUTH is not enabled for the client.'],
    ['InvalidParameterException', 'Auth flow not enabled for this client', 'the app client client123 does not allow SRP sign-in: Auth flow not enabled for this client'],
    ['InvalidParameterException', 'Missing required parameter USERNAME', 'Cognito rejected the sign-in request: Missing required parameter USERNAME'],
    ['InvalidParameterException', 'Invalid attributes given', 'Cognito rejected the NEW_PASSWORD_REQUIRED request: Invalid attributes given', 'NEW_PASSWORD_REQUIRED'],
    [
      'ResourceNotFoundException',
      'User pool client client123 does not exist.',
      'the user pool app client client123 does not exist: are the stack outputs current? (User pool client client123 does not exist.)',
    ],
    ['CodeMismatchException', 'Invalid code received for user', 'the MFA code for "john" was wrong: Invalid code received for user'],
    ['ExpiredCodeException', 'Invalid session for the user.', 'the sign-in session expired while answering a challenge: sign in again (Invalid session for the user.)'],
    ['TooManyRequestsException', 'Rate exceeded', 'Cognito is throttling sign-ins: try again in a moment (Rate exceeded)'],
    ['InternalErrorException', 'Internal error', 'sign-in of "john" failed: InternalErrorException: Internal error'],
  ];

  // One rest parameter: with four named ones, Jest would take the last for a `done` callback on 3-element rows.
  test.each(cases)('%s "%s"', (...row) => {
    const [name, message, expected, challenge] = row;
    const error = signInError(awsError(name, message), who, challenge);
    expect([error.step, error.message]).toEqual(['sign-in', expected]);
    expect(error.cause).toBeInstanceOf(CognitoIdentityProviderServiceException);
  });

  test('no answer at all: where it tried, and the network code', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(signInError(refused, who).message).toBe('could not reach Cognito at https://cognito-idp.us-east-1.amazonaws.com (ECONNREFUSED): nothing is listening there');
  });

  test('an error without a service name, and a ClientError passed through as it is', () => {
    expect(signInError(new Error('socket hang up'), who).message).toBe('sign-in of "john" failed: socket hang up');
    const own = new ClientError('password', 'cancelled');
    expect(signInError(own, who)).toBe(own);
  });
});
