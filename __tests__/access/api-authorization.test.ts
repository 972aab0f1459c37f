import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimUser, Simulator } from '../../access/simulate';
import { ECHO, zipOne } from '../support/echo-lambda';
import { modelOf } from '../support/model';
import { IDENTITY_POOL_ID, policyDoc, webIdentityTrust } from '../support/policy-docs';

/*
 * How API Gateway decides a call beyond AWS_IAM, and what the session carries, on a hand-built stack:
 * API Gateway developer guide, "How API Gateway resource policies affect authorization workflow" (and its outcome
 * tables), "Require API keys on a method", "Control access to REST APIs using Amazon Cognito user pools"; Cognito
 * developer guide, "IAM roles" (the guest scope-down) and "Using attributes for access control" (principal tags).
 */

const API = '${aws_api_gateway_rest_api.api.id}';
const ROOT = '${aws_api_gateway_rest_api.api.root_resource_id}';
const EXEC = '${aws_api_gateway_rest_api.api.execution_arn}';
const POOL = IDENTITY_POOL_ID;
const doc = policyDoc;
const trust = (extraActions: string[] = []) => webIdentityTrust('authenticated', extraActions);

interface Options {
  /** The API's resource policy (the `policy` argument). */
  policy?: string;
  /** Attributes for access control on the pool's user pool provider. */
  principalTags?: Record<string, string>;
  /** Extra actions in the group role's trust statement, e.g. sts:TagSession. */
  trustActions?: string[];
  /** The group role's own policy. */
  rolePolicy?: string;
  preTokenTrigger?: boolean;
}

/** Routes: GET /iam (AWS_IAM), GET /open (NONE), GET /keyed (AWS_IAM + API key), GET /pool (user pool authorizer), GET /custom (Lambda authorizer). */
function stack(options: Options = {}): object {
  const routes: Record<string, [string, Record<string, unknown>]> = {
    iam: ['AWS_IAM', {}],
    open: ['NONE', {}],
    keyed: ['AWS_IAM', { api_key_required: 'true' }],
    pool: ['COGNITO_USER_POOLS', { authorizer_id: '${aws_api_gateway_authorizer.users.id}' }],
    custom: ['CUSTOM', { authorizer_id: '${aws_api_gateway_authorizer.lambda.id}' }],
  };
  return {
    provider: { aws: [{ region: 'us-east-1' }] },
    resource: {
      aws_cognito_user_pool: {
        users: { name: 'fx-users', ...(options.preTokenTrigger ? { lambda_config: { pre_token_generation: '${aws_lambda_function.echo.arn}' } } : {}) },
      },
      aws_cognito_user_pool_client: { client: { name: 'app', user_pool_id: '${aws_cognito_user_pool.users.id}' } },
      aws_cognito_user_group: {
        staff: { name: 'Staff', user_pool_id: '${aws_cognito_user_pool.users.id}', precedence: 0, role_arn: '${aws_iam_role.staff.arn}' },
      },
      aws_cognito_identity_pool: {
        ids: {
          identity_pool_name: 'fx',
          allow_unauthenticated_identities: true,
          cognito_identity_providers: [{ client_id: '${aws_cognito_user_pool_client.client.id}', provider_name: '${aws_cognito_user_pool.users.endpoint}' }],
        },
      },
      aws_cognito_identity_pool_roles_attachment: {
        roles: {
          identity_pool_id: POOL,
          roles: { unauthenticated: '${aws_iam_role.guest.arn}' },
          role_mapping: [
            { identity_provider: '${aws_cognito_user_pool.users.endpoint}:${aws_cognito_user_pool_client.client.id}', type: 'Token', ambiguous_role_resolution: 'Deny' },
          ],
        },
      },
      ...(options.principalTags
        ? {
            aws_cognito_identity_pool_provider_principal_tag: {
              tags: { identity_pool_id: POOL, identity_provider_name: '${aws_cognito_user_pool.users.endpoint}', principal_tags: options.principalTags, use_defaults: false },
            },
          }
        : {}),
      aws_iam_role: {
        staff: { name: 'fx-Staff', assume_role_policy: trust(options.trustActions) },
        guest: {
          name: 'fx-guest',
          assume_role_policy: webIdentityTrust('unauthenticated'),
        },
      },
      aws_iam_role_policy: {
        staff: { name: 'invoke', role: '${aws_iam_role.staff.id}', policy: options.rolePolicy ?? doc({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${EXEC}/*/GET/*` }) },
        // The guest role grants more than the scope-down lets through: the intersection decides.
        guest: {
          name: 'broad',
          role: '${aws_iam_role.guest.id}',
          policy: doc({ Effect: 'Allow', Action: ['execute-api:Invoke', 'translate:TranslateText', 'polly:SynthesizeSpeech', 's3:PutObject'], Resource: '*' }),
        },
      },
      aws_api_gateway_rest_api: { api: { name: 'fx', ...(options.policy ? { policy: options.policy } : {}) } },
      aws_api_gateway_authorizer: {
        users: { name: 'users', rest_api_id: API, type: 'COGNITO_USER_POOLS', provider_arns: ['${aws_cognito_user_pool.users.arn}'] },
        lambda: { name: 'lambda', rest_api_id: API, type: 'TOKEN', authorizer_uri: '${aws_lambda_function.echo.invoke_arn}' },
      },
      aws_api_gateway_resource: Object.fromEntries(Object.keys(routes).map((name) => [name, { rest_api_id: API, parent_id: ROOT, path_part: name }])),
      aws_api_gateway_method: Object.fromEntries(
        Object.entries(routes).map(([name, [authorization, extra]]) => [
          name,
          { rest_api_id: API, resource_id: `\${aws_api_gateway_resource.${name}.id}`, http_method: 'GET', authorization, ...extra },
        ]),
      ),
      aws_api_gateway_integration: Object.fromEntries(
        Object.keys(routes).map((name) => [
          name,
          {
            rest_api_id: API,
            resource_id: `\${aws_api_gateway_resource.${name}.id}`,
            http_method: 'GET',
            type: 'AWS_PROXY',
            integration_http_method: 'POST',
            uri: '${aws_lambda_function.echo.invoke_arn}',
          },
        ]),
      ),
      aws_api_gateway_stage: { prod: { rest_api_id: API, stage_name: 'prod', deployment_id: 'd' } },
      aws_lambda_function: { echo: { function_name: 'fx-echo', handler: 'index.handler', filename: 'assets/echo.zip', role: 'arn:aws:iam::123456789012:role/x' } },
      aws_lambda_permission: {
        echo: { action: 'lambda:InvokeFunction', function_name: '${aws_lambda_function.echo.function_name}', principal: 'apigateway.amazonaws.com', source_arn: `${EXEC}/*/*/*` },
      },
    },
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'api-authorization-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'echo.zip'), zipOne('index.js', ECHO));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sim = (options: Options = {}) => new Simulator(modelOf(stack(options), 'fx', dir));
const staff: SimUser = { name: 'sam', groups: ['Staff'] };
const nobody: SimUser = { name: 'nina', groups: [] };
const guest: SimUser = { name: 'g', groups: [], unauthenticated: true };
const get = (s: Simulator, user: SimUser, path: string) => s.call(user, { method: 'GET', path });
const body = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('authorization NONE', () => {
  test('answers without credentials: a user the identity pool gives nothing still gets 200', async () => {
    const result = await get(sim(), nobody, '/open');
    expect([result.status, result.role, result.decision]).toEqual([200, null, 'allowed']);
    // No identity-pool session reaches the handler: API Gateway fills no Cognito identity for an unsigned call.
    expect(body(result.body).identity).toMatchObject({ cognitoIdentityId: null, userArn: null, sourceIp: '203.0.113.10' });
  });

  test('with a resource policy, only an explicit Allow admits the caller ("resource policy only")', async () => {
    const fromOffice = doc({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${EXEC}/*`, Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } });
    const s = sim({ policy: fromOffice });
    expect((await get(s, { ...nobody, sourceIp: '198.51.100.7' }, '/open')).status).toBe(200);
    const outside = await get(s, nobody, '/open');
    expect([outside.status, outside.decision]).toEqual([403, 'implicitDeny']);
    expect(body(outside.body).Message).toMatch(/^User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:/);
  });
});

describe('the API resource policy with AWS_IAM (outcome table A, same account)', () => {
  test('an explicit Deny in the resource policy wins over the role’s Allow', async () => {
    const denyIam = doc({ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: `${EXEC}/*/GET/iam` });
    const result = await get(sim({ policy: denyIam }), staff, '/iam');
    expect([result.status, result.decision, result.role]).toEqual([403, 'explicitDeny', 'fx-Staff']);
    expect(body(result.body).Message).toMatch(/with an explicit deny$/);
  });

  test('a same-account Allow in the resource policy that names the role needs no identity Allow', async () => {
    const noIdentity = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::nothing/*' });
    const namesRole = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/fx-Staff' }, Action: 'execute-api:Invoke', Resource: `${EXEC}/*/GET/iam` });
    expect((await get(sim({ rolePolicy: noIdentity }), staff, '/iam')).status).toBe(403);
    expect((await get(sim({ rolePolicy: noIdentity, policy: namesRole }), staff, '/iam')).status).toBe(200);
  });

  test('a resource policy that is silent leaves the identity policy to decide', async () => {
    const other = doc({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${EXEC}/*/GET/open` });
    expect((await get(sim({ policy: other }), staff, '/iam')).status).toBe(200);
  });
});

describe('api_key_required', () => {
  test('403 Forbidden without a key, even when IAM allows; 200 with one', async () => {
    const s = sim();
    const without = await get(s, staff, '/keyed');
    expect([without.status, body(without.body)]).toEqual([403, { message: 'Forbidden' }]);
    expect((await get(s, { ...staff, apiKey: true }, '/keyed')).status).toBe(200);
  });
});

describe('COGNITO_USER_POOLS', () => {
  test('the ID token decides: a signed-in user gets 200 with the claims; no IAM role is involved', async () => {
    const result = await get(sim(), nobody, '/pool');
    expect([result.status, result.role]).toEqual([200, null]);
    expect(body(result.body).claims).toMatchObject({ 'cognito:username': 'nina', token_use: 'id' });
  });

  test('a token from another user pool, or none, is 401 Unauthorized', async () => {
    expect((await get(sim(), { ...staff, pool: 'foreign' }, '/pool')).status).toBe(401);
    const anonymous = await get(sim(), guest, '/pool');
    expect([anonymous.status, anonymous.body]).toEqual([401, JSON.stringify({ message: 'Unauthorized' })]);
  });
});

test('a Lambda (CUSTOM) authorizer cannot be answered offline: the call is refused with the method named', async () => {
  await expect(get(sim(), staff, '/custom')).rejects.toThrow('aws_api_gateway_method.custom.authorization: a Lambda (CUSTOM) authorizer decides at run time');
});

test('a query string is split off the path: routing and the ARN ignore it, the handler sees the parameters', async () => {
  const result = await get(sim(), staff, '/iam?b=2&a=x%20y');
  expect(result.status).toBe(200);
  expect(body(result.body)).toMatchObject({ path: '/iam', query: { a: 'x y', b: '2' } });
  expect(result.steps.find((s) => s.hop === 'api-gateway')?.detail).toMatch(/\/prod\/GET\/iam$/);
});

describe('guests of the enhanced flow are scoped down by Cognito', () => {
  test('only actions both the role and AmazonCognitoUnAuthedIdentitiesSessionPolicy allow', () => {
    const s = sim();
    const decide = (action: string) => s.authorizeAction(guest, { action, resource: '*' }).decision;
    // The scope-down lists translate:*, polly:* ... but no execute-api or s3 action.
    expect(decide('translate:TranslateText')).toBe('allowed');
    expect(decide('polly:SynthesizeSpeech')).toBe('allowed');
    expect(decide('s3:PutObject')).toBe('implicitDeny');
  });

  test('an AWS_IAM method the guest role allows is still denied', async () => {
    const result = await get(sim(), guest, '/iam');
    expect([result.status, result.role, result.decision]).toEqual([403, 'fx-guest', 'implicitDeny']);
  });
});

describe('principal tags need sts:TagSession in the trust policy', () => {
  const byDept = doc({
    Effect: 'Allow',
    Action: 'execute-api:Invoke',
    Resource: `${EXEC}/*/GET/*`,
    Condition: { StringEquals: { 'aws:PrincipalTag/dept': 'ops' } },
  });

  test('without it the identity pool gets no credentials at all', async () => {
    const result = await get(sim({ principalTags: { dept: 'custom:dept' }, rolePolicy: byDept }), { ...staff, attributes: { 'custom:dept': 'ops' } }, '/iam');
    expect(result.status).toBe('no-credentials');
    expect(result.reason).toBe('the identity pool passes principal tags (dept), and fx-Staff\'s trust policy does not allow sts:TagSession');
  });

  test('with it, the tag is aws:PrincipalTag/dept on every request', async () => {
    const s = sim({ principalTags: { dept: 'custom:dept' }, trustActions: ['sts:TagSession'], rolePolicy: byDept });
    expect((await get(s, { ...staff, attributes: { 'custom:dept': 'ops' } }, '/iam')).status).toBe(200);
    expect((await get(s, { ...staff, attributes: { 'custom:dept': 'sales' } }, '/iam')).status).toBe(403);
    const credentials = s.credentials({ ...staff, attributes: { 'custom:dept': 'ops' } });
    expect(credentials.ok && credentials.context['aws:PrincipalTag/dept']).toBe('ops');
  });
});

test('aws:SourceIp comes from the scenario user; other session keys are set as AWS sets them', () => {
  const s = sim();
  const credentials = s.credentials({ ...staff, sourceIp: '192.0.2.44' });
  if (!credentials.ok) throw new Error(credentials.reason);
  expect(credentials.context).toMatchObject({
    'aws:SourceIp': '192.0.2.44',
    'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/fx-Staff',
    'aws:PrincipalType': 'AssumedRole',
    'aws:RequestedRegion': 'us-east-1',
  });
});

test('a pre-token-generation trigger is named in the why chain: it can rewrite the claims that pick the role', () => {
  const credentials = sim({ preTokenTrigger: true }).credentials(staff);
  expect(credentials.steps[0]).toEqual({
    hop: 'token',
    ok: true,
    detail: expect.stringContaining('note: the pre-token-generation trigger arn:aws:lambda:us-east-1:123456789012:function:fx-echo runs before issue and can rewrite these claims'),
  });
  expect(sim().credentials(staff).steps[0]!.detail).not.toContain('pre-token-generation');
});
