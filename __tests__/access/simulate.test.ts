import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../access/iam';
import { CallResult, SimUser, Simulator } from '../../access/simulate';
import { ECHO, zipOne } from '../support/echo-lambda';
import { webIdentityTrust } from '../support/policy-docs';
import { synth } from '../support/synth';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}';
const IDENTITY_ID = new RegExp(`^us-east-1:${UUID}$`);
const MISSING_AUTH_TOKEN = '{"message":"Missing Authentication Token"}';
const session = (role: string) => `arn:aws:sts::123456789012:assumed-role/${role}/CognitoIdentityCredentials`;

const john: SimUser = { name: 'john', groups: ['User'] };
const rose: SimUser = { name: 'rose', groups: ['Admin', 'User'] };

describe('the office stack (policies/v1), synthesized once', () => {
  let sim: Simulator;
  let apiId: string;
  beforeAll(() => {
    // Pinned to policies/v1: its group policy only allows, so a denied call is an implicit deny. (policies/v2, being
    // written elsewhere, adds an explicit deny; see the last test of this block.)
    sim = Simulator.fromOutdir(synth({ settings: { policyVersion: 'v1' } }).outdir, 'office');
    apiId = sim.api!.apiId;
  });
  const resource = (route: string) => `arn:aws:execute-api:us-east-1:123456789012:${apiId}/api/${route}`;
  const notAuthorized = (role: string, route: string) =>
    JSON.stringify({ Message: `User: ${session(role)} is not authorized to perform: execute-api:Invoke on resource: ${resource(route)}` });

  test('the stack reads as one identity pool over one user pool and one API with stage "api"', () => {
    expect(sim.identityPool.poolId).toMatch(IDENTITY_ID);
    expect(sim.userPool.poolId).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(sim.userPool.groups).toEqual([
      { name: 'Admin', precedence: 0, roleArn: 'arn:aws:iam::123456789012:role/office-dev-Admin' },
      { name: 'User', precedence: 1, roleArn: 'arn:aws:iam::123456789012:role/office-dev-User' },
    ]);
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(sim.defaultStage).toBe('api');
  });

  test('John (User) GET /user → 200 "Hello user", called as office-dev-User, through every hop', async () => {
    const result = await sim.call(john, { method: 'GET', path: '/user' });
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({
      message: 'Hello user',
      caller: { cognitoIdentityId: expect.stringMatching(IDENTITY_ID), userArn: session('office-dev-User') },
    });
    expect(result.role).toBe('office-dev-User');
    expect(result.decision).toBe('allowed');
    expect(result.matched).toEqual([{ policy: 'aws_iam_role_policy.role-User-invoke.policy', sid: 'InvokeGroupRoutes', index: 0, effect: 'Allow' }]);
    expect(result.steps.map((s) => [s.hop, s.ok])).toEqual([
      ['token', true],
      ['identity-pool', true],
      ['trust', true],
      ['iam', true],
      ['api-gateway', true],
      ['handler', true],
    ]);
  });

  test('John GET /admin → 403 with API Gateway’s exact AWS_IAM message', async () => {
    // No identity policy of office-dev-User allows .../GET/admin: implicit deny, and API Gateway's 403 names the
    // assumed-role session and the method ARN under "Message".
    const result = await sim.call(john, { method: 'GET', path: '/admin' });
    expect(result.status).toBe(403);
    expect(result.body).toBe(
      `{"Message":"User: arn:aws:sts::123456789012:assumed-role/office-dev-User/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:${apiId}/api/GET/admin"}`,
    );
    expect(result.decision).toBe('implicitDeny');
    expect(result.matched).toEqual([]);
    expect(result.steps.at(-1)).toEqual({ hop: 'api-gateway', ok: false, detail: `403 for ${resource('GET/admin')}` });
  });

  test('Rose (Admin, User) gets office-dev-Admin (precedence 0 beats 1): GET /user and GET /admin → 200', async () => {
    // Lowest precedence wins cognito:preferred_role; Token mapping uses it.
    for (const [path, message] of [
      ['/user', 'Hello user'],
      ['/admin', 'Hello admin'],
    ]) {
      const result = await sim.call(rose, { method: 'GET', path: path! });
      expect([result.status, result.role, result.decision]).toEqual([200, 'office-dev-Admin', 'allowed']);
      expect(JSON.parse(result.body)).toEqual({
        message,
        caller: { cognitoIdentityId: expect.stringMatching(IDENTITY_ID), userArn: session('office-dev-Admin') },
      });
    }
  });

  test.each([
    ['POST', '/admin', 'no POST method on /admin'],
    ['GET', '/nothing', 'no such resource'],
    ['GET', '/Admin', 'paths are case-sensitive'],
  ])('Rose %s %s → 403 Missing Authentication Token (%s)', async (method, path) => {
    // API Gateway answers an unknown resource or method with 403 Missing Authentication Token, before any IAM check.
    const result = await sim.call(rose, { method, path });
    expect([result.status, result.body, result.decision]).toEqual([403, MISSING_AUTH_TOKEN, 'implicitDeny']);
    expect(result.reason).toBe('Missing Authentication Token: no such stage, resource or method');
    expect(result.steps.map((s) => s.hop)).not.toContain('iam');
  });

  test('a stage the API does not have → 403 Missing Authentication Token, even for Rose on a real path', async () => {
    const result = await sim.call(rose, { method: 'GET', path: '/admin', stage: 'prod' });
    expect([result.status, result.body]).toEqual([403, MISSING_AUTH_TOKEN]);
    expect(result.steps.at(-1)).toEqual({ hop: 'api-gateway', ok: false, detail: 'no method GET /admin on stage prod' });
  });

  test('Rose asking for her User role (CustomRoleArn in cognito:roles) gets it: /admin 403, /user 200', async () => {
    // "Use the GetCredentialsForIdentity CustomRoleArn parameter if it is set and it matches a role in the cognito:roles claim."
    const asUser: SimUser = { ...rose, customRole: 'User' };
    const admin = await sim.call(asUser, { method: 'GET', path: '/admin' });
    expect([admin.status, admin.role, admin.body]).toEqual([403, 'office-dev-User', notAuthorized('office-dev-User', 'GET/admin')]);
    expect((await sim.call(asUser, { method: 'GET', path: '/user' })).status).toBe(200);
  });

  const noCredentials = (result: CallResult, reason: string) => {
    expect(result).toMatchObject({ status: 'no-credentials', body: '', role: null, decision: 'no-credentials', reason, matched: [] });
    expect(result.steps.at(-1)).toEqual({ hop: 'identity-pool', ok: false, detail: reason });
  };

  test('John asking for the Admin role (CustomRoleArn not in his cognito:roles) → no credentials', async () => {
    // "If this parameter doesn't match a role in cognito:roles, deny access."
    noCredentials(
      await sim.call({ ...john, customRole: 'Admin' }, { method: 'GET', path: '/admin' }),
      "CustomRoleArn arn:aws:iam::123456789012:role/office-dev-Admin is not in the token's cognito:roles",
    );
  });

  test('a token from a user pool the identity pool does not list → no credentials, whatever its groups claim', async () => {
    noCredentials(
      await sim.call({ name: 'mallory', groups: ['Admin'], pool: 'foreign' }, { method: 'GET', path: '/admin' }),
      'Invalid login token: issuer https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Foreign000 with client foreignclient0000000000000 is not a provider of this identity pool',
    );
  });

  test('a user in no group → no credentials (Token mapping, AmbiguousRoleResolution Deny)', async () => {
    // No cognito:preferred_role and no CustomRoleArn: the Deny resolution gives nothing, not the default role.
    noCredentials(
      await sim.call({ name: 'nobody', groups: [] }, { method: 'GET', path: '/user' }),
      'the token has no cognito:preferred_role, and AmbiguousRoleResolution is Deny',
    );
  });

  test('a guest → no credentials (the pool does not allow unauthenticated identities)', async () => {
    noCredentials(
      await sim.call({ name: 'guest', groups: [], unauthenticated: true }, { method: 'GET', path: '/user' }),
      'Unauthenticated access is not supported for this identity pool.',
    );
  });

  test('the classic flow is off: John cannot use it to pick the Admin role', async () => {
    noCredentials(
      await sim.call({ ...john, classicFlow: true, customRole: 'Admin' }, { method: 'GET', path: '/admin' }),
      'Basic (classic) flow is not enabled for this identity pool.',
    );
  });

  test('the identity id the handler sees is the one the identity pool gave John, stable across calls', async () => {
    const credentials = sim.credentials(john);
    if (!credentials.ok) throw new Error(credentials.reason);
    expect(credentials.identityId).toMatch(IDENTITY_ID);
    expect(credentials.context).toEqual({
      'cognito-identity.amazonaws.com:aud': sim.identityPool.poolId,
      'cognito-identity.amazonaws.com:amr': [
        'authenticated',
        sim.userPool.providerName,
        expect.stringMatching(new RegExp(`^${sim.userPool.providerName}:CognitoSignIn:${UUID}$`)),
      ],
      'cognito-identity.amazonaws.com:sub': credentials.identityId,
      // IAM User Guide, "AWS global condition context keys", as set on a call with these role-session credentials:
      // the principal is the role (not the session), its user id is <role unique id>:<session name>.
      'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/office-dev-User',
      'aws:PrincipalAccount': '123456789012',
      'aws:PrincipalType': 'AssumedRole',
      'aws:userid': expect.stringMatching(/^AROA[A-Z0-9]{17}:CognitoIdentityCredentials$/),
      'aws:FederatedProvider': 'cognito-identity.amazonaws.com',
      // The simulated clock and caller address, fixed so answers do not drift (a scenario can set sourceIp).
      'aws:CurrentTime': '2026-01-01T12:00:00Z',
      'aws:EpochTime': '1767268800',
      'aws:TokenIssueTime': '2026-01-01T12:00:00Z',
      'aws:SecureTransport': 'true',
      'aws:RequestedRegion': 'us-east-1',
      'aws:SourceIp': '203.0.113.10',
    });
    const body = JSON.parse((await sim.call(john, { method: 'GET', path: '/user' })).body) as { caller: { cognitoIdentityId: string } };
    expect(body.caller.cognitoIdentityId).toBe(credentials.identityId);
    // The identity id is per user, not per group or role.
    expect(sim.identityIdOf('john')).toBe(credentials.identityId);
    expect(sim.credentials(rose)).toMatchObject({ ok: true, roleArn: 'arn:aws:iam::123456789012:role/office-dev-Admin' });
    expect((sim.credentials(rose) as { identityId: string }).identityId).not.toBe(credentials.identityId);
  });

  test('authorizeAction: a group role may do nothing beyond invoking its routes', () => {
    const result = sim.authorizeAction(rose, { action: 's3:ListBucket', resource: 'arn:aws:s3:::office-rbac-tfstate' });
    expect(result).toMatchObject({ decision: 'implicitDeny', role: 'office-dev-Admin', matched: [] });
    expect(sim.authorizeAction(rose, { action: 'execute-api:Invoke', resource: resource('GET/admin') }).decision).toBe('allowed');
    expect(sim.authorizeAction({ name: 'x', groups: [] }, { action: 's3:ListBucket', resource: '*' }).decision).toBe('no-credentials');
  });

  test('credentialsForGroups and invoke serve stand-in servers', async () => {
    const admin = sim.credentialsForGroups(['Admin', 'User']);
    expect(admin).toEqual({ ok: true, roleArn: 'arn:aws:iam::123456789012:role/office-dev-Admin', identityId: expect.stringMatching(IDENTITY_ID) });
    expect(sim.credentialsForGroups(['User'], { customRoleArn: 'arn:aws:iam::123456789012:role/office-dev-Admin' })).toEqual({
      ok: false,
      reason: "CustomRoleArn arn:aws:iam::123456789012:role/office-dev-Admin is not in the token's cognito:roles",
    });
    expect(sim.credentialsForGroups(['User'], { customRoleArn: 'arn:aws:iam::123456789012:role/elsewhere' })).toEqual({
      ok: false,
      reason: 'CustomRoleArn arn:aws:iam::123456789012:role/elsewhere is not a group role',
    });
    if (!admin.ok) throw new Error(admin.reason);
    const result = await sim.invoke(admin.roleArn, admin.identityId, { method: 'GET', path: '/admin' });
    expect([result.status, result.role]).toEqual([200, 'office-dev-Admin']);
    await expect(sim.invoke('arn:aws:iam::123456789012:role/nope', admin.identityId, { method: 'GET', path: '/admin' })).rejects.toThrow(
      'role arn:aws:iam::123456789012:role/nope does not exist in this stack',
    );
  });

  test('the office roles as the IAM hop reads them: group roles allow their routes, the default role denies everything', () => {
    const admin = sim.role('arn:aws:iam::123456789012:role/office-dev-Admin')!;
    expect(admin.identity.map((p) => p.name)).toEqual(['aws_iam_role_policy.role-Admin-invoke.policy']);
    expect(admin.boundaries).toEqual([]);
    const fallback = sim.role('arn:aws:iam::123456789012:role/office-dev-authenticated-default')!;
    const decision = evaluate({ action: 'execute-api:Invoke', resource: resource('GET/user') }, { identity: fallback.identity });
    // An explicit Deny overrides every Allow (IAM "Policy evaluation logic").
    expect(decision).toMatchObject({
      decision: 'explicitDeny',
      matched: [{ policy: 'aws_iam_role_policy.identities_default-authenticated-policy_23F12452.policy', sid: 'DenyEverything', index: 0, effect: 'Deny' }],
    });
    expect(sim.role('arn:aws:iam::123456789012:role/nobody')).toBeUndefined();
  });

  test('the API Gateway log role is judged by its AWS managed policy document: it may write logs, nothing else', () => {
    // AWS managed policy reference, AmazonAPIGatewayPushToCloudWatchLogs: logs:CreateLogGroup ... PutLogEvents on "*".
    const logs = sim.role('arn:aws:iam::123456789012:role/office-dev-apigateway-cloudwatch')!;
    expect(logs.identity.map((p) => p.name)).toEqual(['arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs.document']);
    const decide = (action: string) => evaluate({ action, resource: 'arn:aws:logs:us-east-1:123456789012:log-group:x' }, { identity: logs.identity }).decision;
    expect(decide('logs:PutLogEvents')).toBe('allowed');
    expect(decide('logs:DeleteLogGroup')).toBe('implicitDeny');
  });

  test('an unknown group name is a mistake in the scenario, not a denial', () => {
    expect(() => sim.credentials({ name: 'x', groups: ['Root'] })).toThrow(/^unknown group "Root" in user pool us-east-1_/);
    expect(() => sim.credentials({ ...john, customRole: 'Root' })).toThrow('unknown group "Root"');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Hand-built stacks, with a handler that echoes its event, for cases the office stack does not have.

interface FixtureOptions {
  allowUnauthenticated?: boolean;
  allowClassicFlow?: boolean;
  roleMapping?: Record<string, unknown>;
}

const EXEC = '${aws_api_gateway_rest_api.api.execution_arn}';
const API = '${aws_api_gateway_rest_api.api.id}';
const ROOT = '${aws_api_gateway_rest_api.api.root_resource_id}';
const POOL = '${aws_cognito_identity_pool.ids.id}';

const trustFor = (amr: 'authenticated' | 'unauthenticated') => webIdentityTrust(amr);
const invoke = (...resources: string[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: resources }] });

/**
 * Groups Admin (0) and User (1) mapped to fx-Admin / fx-User; a guest role; a default role with no policy.
 * Routes: GET /admin, GET /items, GET /items/{id}, ANY /files/{proxy+}, GET /broken (Lambda without a permission for
 * GET), GET /open (authorization NONE). Admin may invoke anything, User only GETs and files, guests GET /items.
 */
function fixture(options: FixtureOptions = {}): Simulator {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'echo.zip'), zipOne('index.js', ECHO));
  const resources: Record<string, [string, string]> = {
    admin: [ROOT, 'admin'],
    items: [ROOT, 'items'],
    item: ['${aws_api_gateway_resource.items.id}', '{id}'],
    files: [ROOT, 'files'],
    proxy: ['${aws_api_gateway_resource.files.id}', '{proxy+}'],
    broken: [ROOT, 'broken'],
    open: [ROOT, 'open'],
  };
  const methods: Record<string, [string, string, string, string]> = {
    admin: ['admin', 'GET', 'AWS_IAM', 'echo'],
    items: ['items', 'GET', 'AWS_IAM', 'echo'],
    item: ['item', 'GET', 'AWS_IAM', 'echo'],
    proxy: ['proxy', 'ANY', 'AWS_IAM', 'echo'],
    broken: ['broken', 'GET', 'AWS_IAM', 'broken'],
    open: ['open', 'GET', 'NONE', 'echo'],
  };
  const fn = (name: string) => ({ function_name: `fx-${name}`, handler: 'index.handler', filename: 'assets/echo.zip', role: 'x' });
  const json = {
    provider: { aws: [{ region: 'us-east-1' }] },
    resource: {
      aws_cognito_user_pool: { users: { name: 'fx-users' } },
      aws_cognito_user_pool_client: { client: { name: 'app', user_pool_id: '${aws_cognito_user_pool.users.id}' } },
      aws_cognito_user_group: {
        admin: { name: 'Admin', user_pool_id: '${aws_cognito_user_pool.users.id}', precedence: 0, role_arn: '${aws_iam_role.admin.arn}' },
        user: { name: 'User', user_pool_id: '${aws_cognito_user_pool.users.id}', precedence: 1, role_arn: '${aws_iam_role.user.arn}' },
      },
      aws_cognito_identity_pool: {
        ids: {
          identity_pool_name: 'fx',
          allow_unauthenticated_identities: options.allowUnauthenticated ?? false,
          allow_classic_flow: options.allowClassicFlow ?? false,
          cognito_identity_providers: [
            { client_id: '${aws_cognito_user_pool_client.client.id}', provider_name: '${aws_cognito_user_pool.users.endpoint}' },
          ],
        },
      },
      aws_cognito_identity_pool_roles_attachment: {
        roles: {
          identity_pool_id: POOL,
          roles: { authenticated: '${aws_iam_role.default.arn}', unauthenticated: '${aws_iam_role.guest.arn}' },
          role_mapping: [
            {
              identity_provider: '${aws_cognito_user_pool.users.endpoint}:${aws_cognito_user_pool_client.client.id}',
              ...(options.roleMapping ?? { type: 'Token', ambiguous_role_resolution: 'Deny' }),
            },
          ],
        },
      },
      aws_iam_role: {
        admin: { name: 'fx-Admin', assume_role_policy: trustFor('authenticated') },
        user: { name: 'fx-User', assume_role_policy: trustFor('authenticated') },
        default: { name: 'fx-default', assume_role_policy: trustFor('authenticated') },
        guest: { name: 'fx-guest', assume_role_policy: trustFor('unauthenticated') },
      },
      aws_iam_role_policy: {
        admin: { name: 'all', role: '${aws_iam_role.admin.id}', policy: invoke(`${EXEC}/*`) },
        user: { name: 'reads', role: '${aws_iam_role.user.name}', policy: invoke(`${EXEC}/*/GET/items`, `${EXEC}/*/GET/items/*`, `${EXEC}/*/*/files/*`, `${EXEC}/*/GET/broken`) },
        guest: { name: 'list', role: '${aws_iam_role.guest.id}', policy: invoke(`${EXEC}/*/GET/items`) },
      },
      aws_api_gateway_rest_api: { api: { name: 'fx' } },
      aws_api_gateway_resource: Object.fromEntries(
        Object.entries(resources).map(([name, [parent, pathPart]]) => [name, { rest_api_id: API, parent_id: parent, path_part: pathPart }]),
      ),
      aws_api_gateway_method: Object.fromEntries(
        Object.entries(methods).map(([name, [res, httpMethod, authorization]]) => [
          name,
          { rest_api_id: API, resource_id: `\${aws_api_gateway_resource.${res}.id}`, http_method: httpMethod, authorization },
        ]),
      ),
      aws_api_gateway_integration: Object.fromEntries(
        Object.entries(methods).map(([name, [, , , target]]) => [
          name,
          {
            rest_api_id: API,
            resource_id: `\${aws_api_gateway_method.${name}.resource_id}`,
            http_method: `\${aws_api_gateway_method.${name}.http_method}`,
            type: 'AWS_PROXY',
            integration_http_method: 'POST',
            uri: `\${aws_lambda_function.${target}.invoke_arn}`,
          },
        ]),
      ),
      aws_api_gateway_stage: { prod: { rest_api_id: API, stage_name: 'prod' } },
      aws_lambda_function: { echo: fn('echo'), broken: fn('broken') },
      aws_lambda_permission: {
        echo: { action: 'lambda:InvokeFunction', function_name: '${aws_lambda_function.echo.function_name}', principal: 'apigateway.amazonaws.com', source_arn: `${EXEC}/*/*/*` },
        // Lets API Gateway invoke fx-broken for POST only: GET /broken has no permission.
        broken: { action: 'lambda:InvokeFunction', function_name: '${aws_lambda_function.broken.arn}', principal: 'apigateway.amazonaws.com', source_arn: `${EXEC}/*/POST/broken` },
      },
    },
  };
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
  return Simulator.fromStackDir(dir, 'fx');
}

interface Echo {
  resource: string;
  path: string;
  httpMethod: string;
  pathParameters: Record<string, string> | null;
  stage: string;
  identity: Record<string, string>;
}
const echo = (result: CallResult) => JSON.parse(result.body) as Echo;

describe('a hand-built stack: routing and the handler’s event', () => {
  let sim: Simulator;
  let exec: string;
  beforeAll(() => {
    sim = fixture();
    exec = sim.api!.executionArn;
  });

  test('{id} fills pathParameters; the event carries resource, path, method and stage', async () => {
    const result = await sim.call(john, { method: 'GET', path: '/items/42' });
    expect(result.status).toBe(200);
    expect(echo(result)).toMatchObject({ resource: '/items/{id}', path: '/items/42', httpMethod: 'GET', pathParameters: { id: '42' }, stage: 'prod' });
  });

  test('the caller identity in the event is the Cognito identity and its assumed-role session', async () => {
    // API Gateway context: cognitoAuthenticationType is "authenticated" for a signed-in identity; userArn is the
    // assumed-role session; caller is the principal id of that session: <role unique id (AROA...)>:<session name>.
    const result = await sim.call(john, { method: 'GET', path: '/items' });
    const credentials = sim.credentials(john) as { identityId: string };
    expect(echo(result).identity).toEqual({
      cognitoIdentityId: credentials.identityId,
      cognitoIdentityPoolId: sim.identityPool.poolId,
      cognitoAuthenticationType: 'authenticated',
      userArn: session('fx-User'),
      caller: expect.stringMatching(/^AROA[A-Z0-9]{17}:CognitoIdentityCredentials$/),
      sourceIp: '203.0.113.10',
    });
    expect(echo(result).pathParameters).toBeNull();
  });

  test('greedy {proxy+} with ANY: every method, every depth', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const result = await sim.call(john, { method, path: '/files/a/b/c.txt' });
      expect(result.status).toBe(200);
      expect(echo(result)).toMatchObject({ resource: '/files/{proxy+}', httpMethod: method, pathParameters: { proxy: 'a/b/c.txt' } });
    }
    // {proxy+} needs at least one segment: /files itself has no method.
    expect((await sim.call(john, { method: 'GET', path: '/files' })).body).toBe(MISSING_AUTH_TOKEN);
  });

  test('IAM is checked against the ARN of the actual method, not ANY', async () => {
    // Admin may invoke everything; the user policy allows only GET, and */files/* for any method.
    const denied = await sim.call(john, { method: 'GET', path: '/admin' });
    expect(denied.body).toBe(
      JSON.stringify({ Message: `User: ${session('fx-User')} is not authorized to perform: execute-api:Invoke on resource: ${exec}/prod/GET/admin` }),
    );
    expect((await sim.call(rose, { method: 'GET', path: '/admin' })).status).toBe(200);
  });

  test('a Lambda without an aws_lambda_permission for this method → 500 Internal server error', async () => {
    // API Gateway cannot invoke a function whose resource policy does not let it: the client sees 500.
    const result = await sim.call(john, { method: 'GET', path: '/broken' });
    expect(result.status).toBe(500);
    expect(result.body).toBe('{"message":"Internal server error"}');
    expect(result.decision).toBe('allowed');
    expect(result.reason).toBe(`no aws_lambda_permission lets API Gateway invoke fx-broken for ${exec}/prod/GET/broken`);
    expect(result.steps.at(-1)).toEqual({ hop: 'handler', ok: false, detail: result.reason });
  });

  test('authorization NONE skips IAM: any credentials reach the handler', async () => {
    const result = await sim.call(john, { method: 'GET', path: '/open' });
    expect([result.status, result.decision, result.matched]).toEqual([200, 'allowed', []]);
    expect(result.steps.map((s) => s.hop)).toEqual(['token', 'identity-pool', 'trust', 'api-gateway', 'handler']);
  });

  test('no guests and no classic flow unless the pool enables them', async () => {
    expect((await sim.call({ name: 'g', groups: [], unauthenticated: true }, { method: 'GET', path: '/items' })).status).toBe('no-credentials');
    expect((await sim.call({ ...john, classicFlow: true, customRole: 'Admin' }, { method: 'GET', path: '/admin' })).status).toBe(
      'no-credentials',
    );
  });
});

describe('a hand-built stack that allows guests and the classic flow', () => {
  let sim: Simulator;
  let exec: string;
  beforeAll(() => {
    sim = fixture({ allowUnauthenticated: true, allowClassicFlow: true });
    exec = sim.api!.executionArn;
  });

  test('a guest of the enhanced flow gets the unauthenticated role, scoped down by Cognito: execute-api is not in the scope-down', async () => {
    // Cognito developer guide, "IAM roles": unauthenticated sessions of the enhanced flow carry the session policy
    // AmazonCognitoUnAuthedIdentitiesSessionPolicy, which lists no execute-api action: the role's grant is cut off.
    const listed = await sim.call({ name: 'g', groups: [], unauthenticated: true }, { method: 'GET', path: '/items' });
    expect([listed.status, listed.role, listed.decision]).toEqual([403, 'fx-guest', 'implicitDeny']);
    expect(listed.reason).toMatch(/session polic/i);
    // An action the scope-down lists (translate:TranslateText) still needs the role's own grant, which it lacks.
    const action = sim.authorizeAction({ name: 'g', groups: [], unauthenticated: true }, { action: 'translate:TranslateText', resource: '*' });
    expect([action.decision, action.role]).toEqual(['implicitDeny', 'fx-guest']);
  });

  test('the unauthenticated role, assumed through the basic flow, reaches only its grants and the handler sees a guest', async () => {
    const guestRole = 'arn:aws:iam::123456789012:role/fx-guest';
    const creds = sim.credentials({ name: 'g', groups: [], unauthenticated: true });
    if (!creds.ok) throw new Error(creds.reason);
    // The same role without Cognito's scope-down: what a classic-flow guest holds.
    const listed = await sim.invoke(guestRole, creds.identityId, { method: 'GET', path: '/items' });
    expect(listed.status).toBe(200);
    const item = await sim.invoke(guestRole, creds.identityId, { method: 'GET', path: '/items/1' });
    expect(item.body).toBe(
      JSON.stringify({ Message: `User: ${session('fx-guest')} is not authorized to perform: execute-api:Invoke on resource: ${exec}/prod/GET/items/1` }),
    );
  });

  test('classic flow: John (User) assumes the Admin role and the trust policy lets him — the classic-flow risk', async () => {
    // Basic flow: the client calls AssumeRoleWithWebIdentity with any role ARN. Role mapping never runs; the trust
    // policy (aud = this pool, amr authenticated) is all that stands in the way, and every group role passes it.
    const result = await sim.call({ ...john, classicFlow: true, customRole: 'Admin' }, { method: 'GET', path: '/admin' });
    expect([result.status, result.role, result.decision]).toEqual([200, 'fx-Admin', 'allowed']);
    expect(echo(result).identity.userArn).toBe(session('fx-Admin'));
    expect(result.steps.find((s) => s.hop === 'identity-pool')?.detail).toBe(
      'role arn:aws:iam::123456789012:role/fx-Admin (classic flow: the client picked the role; only its trust policy decides)',
    );
  });

  test('classic flow is still bounded by trust: a guest cannot assume a role trusted only for "authenticated"', async () => {
    const result = await sim.call({ name: 'g', groups: [], unauthenticated: true, classicFlow: true, customRole: 'Admin' }, { method: 'GET', path: '/admin' });
    expect(result).toMatchObject({ status: 'no-credentials', reason: "fx-Admin's trust policy does not allow sts:AssumeRoleWithWebIdentity (implicitDeny)" });
  });
});

describe('a hand-built stack with Rules role mapping', () => {
  const rules = (ambiguous: string) => ({
    type: 'Rules',
    ambiguous_role_resolution: ambiguous,
    mapping_rule: [
      { claim: 'custom:dept', match_type: 'Equals', value: 'Ops', role_arn: '${aws_iam_role.admin.arn}' },
      { claim: 'cognito:groups', match_type: 'Contains', value: 'User', role_arn: '${aws_iam_role.user.arn}' },
    ],
  });

  test('the first matching rule decides; groups’ preferred roles play no part', async () => {
    const sim = fixture({ roleMapping: rules('Deny') });
    // Rose is in Admin and User but has no dept: the first rule does not match, the second maps her to fx-User.
    expect((await sim.call(rose, { method: 'GET', path: '/admin' })).role).toBe('fx-User');
    // A claim is all it takes: whoever controls custom:dept controls the role ("Best practices for role-based access control").
    const ops = await sim.call({ ...john, attributes: { 'custom:dept': 'Ops' } }, { method: 'GET', path: '/admin' });
    expect([ops.status, ops.role]).toEqual([200, 'fx-Admin']);
    expect((await sim.call({ name: 'x', groups: [] }, { method: 'GET', path: '/items' })).reason).toBe(
      'no mapping rule matched the token, and AmbiguousRoleResolution is Deny',
    );
  });

  test('no rule matches + AuthenticatedRole → the default role, which may do nothing', async () => {
    const sim = fixture({ roleMapping: rules('AuthenticatedRole') });
    const result = await sim.call({ name: 'x', groups: [] }, { method: 'GET', path: '/items' });
    expect([result.status, result.role, result.decision]).toEqual([403, 'fx-default', 'implicitDeny']);
  });
});

describe('Token mapping with AmbiguousRoleResolution AuthenticatedRole', () => {
  test('a user whose token has no preferred role gets the default authenticated role', async () => {
    const sim = fixture({ roleMapping: { type: 'Token', ambiguous_role_resolution: 'AuthenticatedRole' } });
    const result = await sim.call({ name: 'nobody', groups: [] }, { method: 'GET', path: '/items' });
    expect([result.status, result.role]).toEqual([403, 'fx-default']);
    expect(result.steps.find((s) => s.hop === 'identity-pool')?.detail).toBe(
      'role arn:aws:iam::123456789012:role/fx-default (the token has no cognito:preferred_role; AmbiguousRoleResolution AuthenticatedRole)',
    );
  });
});
