import { writeFileSync } from 'node:fs';
import { explainResponse, signedRequest } from '../../client/sigv4-call';
import { commands, expectNoSecrets } from './support/commands';
import { StandIns, startStandIns } from './support/stand-ins';

/**
 * The whole client against local stand-ins: `npm run users` and `npm run call` run in-process; Cognito's user pool
 * (SRP), identity pool and API Gateway (SigV4 verified) answer on 127.0.0.1; access is decided by the access
 * simulator from the synthesized stack. Only the last hop, real AWS, is not exercised. Each sign-in costs about half a
 * second of SRP math in the client library, so error paths use credentials put in place directly where the sign-in
 * is not the point. Every test starts from empty stand-ins and seeds the users it needs: it runs alone (-t) and in
 * any order (--randomize).
 */

const JOHN_TEMPORARY = 'Temp-John-Passw0rd!';
const JOHN = 'John-Permanent-Passw0rd!';
const ROSE = 'Rose-Permanent-Passw0rd!';
const WRONG = 'Wrong-Passw0rd-2026!';

jest.setTimeout(20_000);

let s: StandIns;
const { users, call, printed } = commands(() => s);
const asJohn = { OFFICE_PASSWORD_JOHN: JOHN };
const asRose = { OFFICE_PASSWORD_ROSE: ROSE };

/** John (User) and Rose (Admin and User), both past their first sign-in: what `npm run users` leaves behind. */
const seedJohn = () => s.userPool.seedUser('john', JOHN, 'CONFIRMED', ['User']);
const seedRose = () => s.userPool.seedUser('rose', ROSE, 'CONFIRMED', ['Admin', 'User']);

/** Credentials as the stand-in identity pool would issue them for the User role, put in place without a sign-in. */
function userRoleKey(): { accessKeyId: string; secretAccessKey: string; sessionToken: string } {
  const key = { accessKeyId: 'ASIASTANDINUSER0001', secretAccessKey: 'stand-in/user+secret', sessionToken: 'stand-in-session-token' };
  s.keys.set(key.accessKeyId, {
    secretAccessKey: key.secretAccessKey,
    sessionToken: key.sessionToken,
    expiration: new Date(Date.now() + 3600_000),
    roleArn: s.outputs.role_arn_User!.value,
    identityId: 'us-east-1:00000000-0000-4000-8000-000000000001',
  });
  return key;
}

/** A signed GET with User-role credentials, without a sign-in. */
function withIssuedCredentials(path: string, change: { secretSuffix?: string } = {}) {
  const key = userRoleKey();
  return signedRequest({
    method: 'GET',
    url: new URL(`${s.outputs.api_invoke_url!.value}${path}`),
    region: 'us-east-1',
    credentials: { ...key, secretAccessKey: `${key.secretAccessKey}${change.secretSuffix ?? ''}` },
  });
}
const context = (path: string, username = 'rose') => ({ method: 'GET', path, stage: 'api', username });
/** What the stand-in API saw: path, status, role name. */
const apiSaw = () => s.api.seen.map((r) => [r.path, r.status, r.roleArn?.split('/').pop()]);

beforeAll(async () => {
  s = await startStandIns();
}, 30_000);
beforeEach(() => s.reset());
afterEach(() => {
  // Nothing a command printed holds a password, a token or a key.
  expectNoSecrets(printed.splice(0), s, [JOHN_TEMPORARY, JOHN, ROSE, WRONG]);
});
afterAll(async () => {
  await s?.close();
});

describe('npm run users', () => {
  test('create john (User) with a temporary password, and rose (Admin, User) with a permanent one', async () => {
    const john = await users(['create', 'john', '--group', 'User'], { OFFICE_PASSWORD_JOHN: JOHN_TEMPORARY });
    // The stand-ins are overrides: one line on stderr says where the calls went instead of AWS.
    expect(john).toMatchObject({ code: 0, err: `[users] endpoint override, not AWS: user pool ${s.userPool.url} (COGNITO_IDP_ENDPOINT)` });
    expect(john.out).toContain(`created john <john@example.com> in user pool ${s.sim.userPool.poolId}, groups: User`);
    expect(john.out).toContain('the password is temporary: the first sign-in');
    expect(s.userPool.users.get('john')).toMatchObject({ status: 'FORCE_CHANGE_PASSWORD', groups: new Set(['User']) });

    const rose = await users(['create', 'rose', '--group', 'Admin', '--group', 'User', '--permanent'], { OFFICE_PASSWORD: ROSE });
    expect(rose.code).toBe(0);
    expect(s.userPool.users.get('rose')).toMatchObject({ status: 'CONFIRMED', groups: new Set(['Admin', 'User']) });
    expect(s.userPool.calls.map((c) => c.operation)).toEqual([
      'AdminCreateUser',
      'AdminAddUserToGroup',
      'AdminCreateUser',
      'AdminAddUserToGroup',
      'AdminAddUserToGroup',
      'AdminSetUserPassword',
    ]);
    expect(s.userPool.calls[0]!.input).toMatchObject({ MessageAction: 'SUPPRESS', Username: 'john' });
  });

  test('refusals in plain words: unknown group, existing user, weak password, no password', async () => {
    seedJohn();
    expect(await users(['create', 'eve', '--group', 'Visitor'], { OFFICE_PASSWORD: ROSE })).toMatchObject({
      code: 2,
      failure: "[users] usage: a --group value is not a group of the stack: its groups are Admin, User",
    });
    expect(await users(['create', 'john', '--group', 'User'], { OFFICE_PASSWORD: ROSE })).toMatchObject({
      code: 1,
      failure: '[users] users failed: "john" already exists in the user pool: delete it first (npm run users -- delete john)',
    });
    const weak = await users(['create', 'eve', '--group', 'User'], { OFFICE_PASSWORD: 'short' });
    expect(weak.code).toBe(1);
    expect(weak.failure).toMatch(/the password for "eve" was refused .*Password does not conform to policy: Password not long enough/);
    expect(await users(['create', 'eve', '--group', 'User'])).toMatchObject({
      code: 1,
      failure: '[users] password failed: the password of "eve" is needed: set OFFICE_PASSWORD_EVE or OFFICE_PASSWORD, or run in a terminal to type it',
    });
    expect(s.userPool.users.has('eve')).toBe(false);
  });
});

describe('npm run call', () => {
  test('John’s first sign-in sets his permanent password; he gets 200 on /user', async () => {
    s.userPool.seedUser('john', JOHN_TEMPORARY, 'FORCE_CHANGE_PASSWORD', ['User']);
    const run = await call(['--user', 'john', '--path', '/user'], { OFFICE_PASSWORD_JOHN: JOHN_TEMPORARY, OFFICE_NEW_PASSWORD_JOHN: JOHN });
    expect(run.code).toBe(0);
    expect(run.err.split('\n')).toEqual([
      `[call] endpoint override, not AWS: user pool ${s.userPool.url} (COGNITO_IDP_ENDPOINT), identity pool ${s.identityPool.url} (COGNITO_IDENTITY_ENDPOINT)`,
      '[call] first sign-in of john: setting a permanent password',
      expect.stringMatching(/^\[call\] signed in as john \(groups: User\)$/),
      expect.stringMatching(/^\[call\] credentials for identity us-east-1:[0-9a-f-]+ \(role office-dev-User\)$/),
    ]);
    expect(run.out).toContain(`GET ${s.outputs.api_invoke_url!.value}/user`);
    expect(run.out).toContain('user:     john (groups: User)');
    expect(run.out).toContain('role:     office-dev-User (group User); from the caller ARN API Gateway passed to the handler');
    expect(run.out).toContain('status:   200 OK');
    expect(run.out).toMatch(
      /body: {5}\{"message":"Hello user","caller":\{"cognitoIdentityId":"us-east-1:[0-9a-f-]+","userArn":"arn:aws:sts::123456789012:assumed-role\/office-dev-User\/CognitoIdentityCredentials"\}\}/,
    );
    expect(s.userPool.users.get('john')!.status).toBe('CONFIRMED');
    expect(apiSaw()).toEqual([['/api/user', 200, 'office-dev-User']]);
  });

  test('John gets 403 on /admin, with AWS’s message and the reason in plain words', async () => {
    seedJohn();
    const run = await call(['--user', 'john', '--path', '/admin'], asJohn);
    expect(run.code).toBe(1);
    expect(run.out).toContain('status:   403 Forbidden');
    expect(run.out).toContain("role:     office-dev-User (group User); the ID token's preferred role");
    expect(run.failure).toMatch(
      /^\[call\] api failed: "john" may not call GET \/admin: the role office-dev-User has no permission for it \(HTTP 403\)\. AWS said: User: arn:aws:sts::123456789012:assumed-role\/office-dev-User\/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:\w+\/api\/GET\/admin(?: with an explicit deny)?$/,
    );
    expect(apiSaw()).toEqual([['/api/admin', 403, 'office-dev-User']]);
  });

  test('Rose gets 200 on /user and /admin, as Admin (the lower precedence wins)', async () => {
    seedRose();
    for (const [path, message] of [
      ['/user', 'Hello user'],
      ['/admin', 'Hello admin'],
    ] as const) {
      const run = await call(['--user', 'rose', '--path', path], asRose);
      expect(run.code).toBe(0);
      expect(run.out).toContain('user:     rose (groups: Admin, User)');
      expect(run.out).toContain('role:     office-dev-Admin (group Admin); from the caller ARN');
      expect(run.out).toContain(`"message":"${message}"`);
    }
    expect(apiSaw()).toEqual([
      ['/api/user', 200, 'office-dev-Admin'],
      ['/api/admin', 200, 'office-dev-Admin'],
    ]);
  });

  test('--role User makes Rose a User (CustomRoleArn): 403 on /admin', async () => {
    seedRose();
    const run = await call(['--user', 'rose', '--path', '/admin', '--role', 'User'], asRose);
    expect(run.code).toBe(1);
    expect(run.out).toContain('role:     office-dev-User (group User); the role asked for with --role');
    expect(run.out).toContain('status:   403 Forbidden');
    expect(s.identityPool.calls.at(-1)).toMatchObject({
      operation: 'GetCredentialsForIdentity',
      input: { CustomRoleArn: 'arn:aws:iam::123456789012:role/office-dev-User' },
    });
    expect(apiSaw()).toEqual([['/api/admin', 403, 'office-dev-User']]);
  });

  test('a bad signature and an unknown path: API Gateway’s words, and ours', async () => {
    const forged = await withIssuedCredentials('/user', { secretSuffix: 'x' });
    expect(forged.status).toBe(403);
    expect(forged.headers['x-amzn-errortype']).toBe('InvalidSignatureException');
    expect(JSON.parse(forged.body).message).toMatch(
      /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\./,
    );
    expect(explainResponse(forged, context('/user'))).toMatch(/^API Gateway computed a different SigV4 signature for GET \/user/);

    const unknown = await withIssuedCredentials('/nope');
    expect(unknown.status).toBe(403);
    expect(explainResponse(unknown, context('/nope'))).toBe(
      'there is no GET /nope on stage "api" (API Gateway answers unknown routes with 403 Missing Authentication Token). AWS said: Missing Authentication Token',
    );
  });
});

describe('errors of each step, in plain words: sign-in', () => {
  test('wrong password (NotAuthorizedException); SRP never sends the password', async () => {
    seedJohn();
    const run = await call(['--user', 'john', '--path', '/user'], { OFFICE_PASSWORD_JOHN: WRONG });
    expect(run).toMatchObject({
      code: 1,
      failure: '[call] sign-in failed: wrong password for "john" (or no such user): Cognito said "Incorrect username or password."',
    });
    const calls = s.userPool.calls;
    expect(calls.map((c) => c.operation)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    for (const c of calls) expect(JSON.stringify(c.input)).not.toContain(WRONG);
    expect(calls[1]!.input).toMatchObject({
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: { USERNAME: 'john', PASSWORD_CLAIM_SIGNATURE: expect.any(String), TIMESTAMP: expect.any(String) },
    });
  });

  test('user not confirmed (UserNotConfirmedException)', async () => {
    s.userPool.seedUser('carol', ROSE, 'UNCONFIRMED', ['User']);
    const run = await call(['--user', 'carol', '--path', '/user'], { OFFICE_PASSWORD: ROSE });
    expect(run.code).toBe(1);
    expect(run.failure).toMatch(/^\[call\] sign-in failed: "carol" is not confirmed yet, so Cognito will not sign it in/);
  });

  test('Cognito unreachable', async () => {
    const run = await call(['--user', 'john', '--path', '/user'], { ...asJohn, COGNITO_IDP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(run).toMatchObject({
      code: 1,
      failure: '[call] sign-in failed: could not reach Cognito at http://127.0.0.1:9 (ECONNREFUSED): nothing is listening there',
    });
  });
});

describe('errors: credentials', () => {
  test('none: a user in no group has no preferred role, and the pool denies ambiguous roles', async () => {
    s.userPool.seedUser('dave', ROSE, 'CONFIRMED', []);
    const run = await call(['--user', 'dave', '--path', '/user'], { OFFICE_PASSWORD: ROSE });
    expect(run.code).toBe(1);
    expect(run.failure).toMatch(
      /^\[call\] credentials failed: no credentials: "dave" is in no group, so the ID token names no preferred role and the identity pool's ambiguous-role rule is Deny\..* AWS said: The ambiguous role mapping rules for: cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_\w+ denied this request\./,
    );
  });

  test('none: John may not ask for the Admin role', async () => {
    seedJohn();
    const run = await call(['--user', 'john', '--path', '/admin', '--role', 'Admin'], asJohn);
    expect(run.code).toBe(1);
    expect(run.failure).toMatch(
      /^\[call\] credentials failed: no credentials: the identity pool would not hand out arn:aws:iam::123456789012:role\/office-dev-Admin to "john", who is in User; a user may only ask for a role of a group they belong to/,
    );
  });
});

describe('errors: API', () => {
  test('expired credentials: 403 "The security token included in the request is expired"', async () => {
    seedJohn();
    s.identityPool.options.credentialLifetimeSeconds = -60;
    const run = await call(['--user', 'john', '--path', '/user'], asJohn);
    expect(run.code).toBe(1);
    expect(run.out).toContain('status:   403 Forbidden');
    expect(run.failure).toMatch(
      /^\[call\] api failed: the temporary AWS credentials have expired \(they expired at \d{4}-\d\d-\d\dT[\d:.]+Z\): run the command again to get fresh ones\. AWS said: The security token included in the request is expired$/,
    );
  });

  test('clock skew, our clock slow: "Signature expired", with how far off the clock is', async () => {
    seedJohn();
    const run = await call(['--user', 'john', '--path', '/user'], asJohn, () => new Date(Date.now() - 20 * 60_000));
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/body: {5}\{"message":"Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)"\}/);
    expect(run.failure).toMatch(
      /^\[call\] api failed: this machine's clock is about 20 min behind AWS's \(signed at .*\); SigV4 allows 5 min\. Sync the clock .* AWS said: Signature expired: /,
    );
  });

  test('clock skew, AWS’s clock behind ours: "Signature not yet current"', async () => {
    s.setClock(() => new Date(Date.now() - 7 * 60_000));
    const response = await withIssuedCredentials('/user');
    expect(response.status).toBe(403);
    expect(explainResponse(response, context('/user', 'john'))).toMatch(
      /^this machine's clock is about 7 min ahead of AWS's .* AWS said: Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/,
    );
  });
});

describe('errors: outputs and usage', () => {
  test('a missing stack output is named', async () => {
    const { identity_pool_id: _gone, ...rest } = s.outputs;
    const file = `${s.outputsFile}.partial.json`;
    writeFileSync(file, JSON.stringify(rest));
    expect(await call(['--user', 'john', '--path', '/user', '--outputs', file], asJohn)).toMatchObject({
      code: 1,
      failure: `[call] outputs failed: stack "office" has no output "identity_pool_id" (${file}): redeploy it with this version of the code (npx cdktf deploy office)`,
    });
  });

  test('--role of a group the stack does not have names the missing role_arn_ output', async () => {
    expect((await call(['--user', 'john', '--path', '/user', '--role', 'Visitor'], asJohn)).failure).toBe(
      '[call] outputs failed: --role is not a group of stack "office" (it has no role_arn_<Group> output for it): its groups are Admin, User',
    );
  });

  test('no password and no terminal', async () => {
    expect((await call(['--user', 'john', '--path', '/user'])).failure).toBe(
      '[call] password failed: the password of "john" is needed: set OFFICE_PASSWORD_JOHN or OFFICE_PASSWORD, or run in a terminal to type it',
    );
  });

  test('usage errors exit 2', async () => {
    expect(await call(['--user', 'john'])).toMatchObject({ code: 2, failure: expect.stringContaining('[call] usage: --user and --path are required') });
    expect(await call(['--user', 'john', '--path', 'user'])).toMatchObject({ code: 2, failure: '[call] usage: --path must start with "/"' });
    expect(await call(['--bogus'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('[call] usage: argument 1 is not an option of this command (not repeated here, in case it is a secret)'),
    });
  });
});

describe('cleanup', () => {
  test('delete john; deleting again says there is no such user', async () => {
    seedJohn();
    expect(await users(['delete', 'john'])).toMatchObject({ code: 0, out: `deleted john from user pool ${s.sim.userPool.poolId}` });
    expect(s.userPool.users.has('john')).toBe(false);
    expect(await users(['delete', 'john'])).toMatchObject({
      code: 1,
      failure: `[users] users failed: there is no user "john" in the user pool ${s.sim.userPool.poolId}`,
    });
  });
});
