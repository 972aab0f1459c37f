import { ApiCaller, authorizeMethod, MISSING_AUTH_TOKEN_BODY } from '../../access/api-authorization';
import { compilePolicy } from '../../access/iam';
import type { IdTokenClaims } from '../../access/user-pool';
import type { Authorizer, Doc, Method, RestApi } from '../../model';
import { Unreadable } from '../../model';

/*
 * authorizeMethod on hand-built API objects, one rule at a time. Sources: API Gateway developer guide, "How API
 * Gateway resource policies affect authorization workflow" (outcome tables A and C), "Control access to a REST
 * API using Amazon Cognito user pools as an authorizer", "Require an API key on a method", and the knowledge
 * center's "Missing Authentication Token" answer for an unsigned call to an AWS_IAM method.
 */

const ACCOUNT = '123456789012';
const EXEC = `arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5`;
const RESOURCE = `${EXEC}/prod/GET/items`;
const CALLER = `arn:aws:sts::${ACCOUNT}:assumed-role/fx-staff/CognitoIdentityCredentials`;
const POOL_ARN = `arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/us-east-1_Pool1`;
const OTHER_POOL_ARN = `arn:aws:cognito-idp:eu-west-1:${ACCOUNT}:userpool/eu-west-1_Pool2`;

const node = (type: string, name: string) => ({ type, name, address: `${type}.${name}`, suppressions: [] });
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

function policyDoc(json: object): Doc {
  return {
    address: 'aws_api_gateway_rest_api.api',
    field: 'policy',
    kind: 'resource',
    text: JSON.stringify(json),
    json: json as Doc['json'],
    compiled: compilePolicy(json, 'aws_api_gateway_rest_api.api.policy', 'resource'),
    error: undefined,
  };
}

function api(policy?: Doc): RestApi {
  return { ...node('aws_api_gateway_rest_api', 'api'), id: 'a1b2c3d4e5', rootResourceId: 'root', executionArn: EXEC, policy, resources: [], methods: [], stages: [], authorizers: [] };
}

const authorizer: Authorizer = { ...node('aws_api_gateway_authorizer', 'users'), id: 'auth', authorizerType: 'COGNITO_USER_POOLS', providerArns: [OTHER_POOL_ARN, POOL_ARN] };

function method(authorization: string, apiKeyRequired = false): Method {
  return {
    ...node('aws_api_gateway_method', 'items'),
    restApiId: 'a1b2c3d4e5',
    resourceId: 'items',
    httpMethod: 'GET',
    authorization,
    authorizer: authorization === 'COGNITO_USER_POOLS' ? authorizer : undefined,
    apiKeyRequired,
    integration: undefined,
  };
}

const invokeItems = compilePolicy(doc({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${EXEC}/*/GET/items` }), 'role', 'identity');
const invokeNothing = compilePolicy(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), 'role', 'identity');
const context = { 'aws:SourceIp': '203.0.113.10', 'aws:SecureTransport': 'true' };
const signed = (identity = invokeItems, extra: Partial<ApiCaller> = {}): ApiCaller => ({
  credentials: { policies: { identity: [identity] }, callerArn: CALLER },
  apiKey: false,
  context,
  ...extra,
});
const anonymous = (extra: Partial<ApiCaller> = {}): ApiCaller => ({ apiKey: false, context, ...extra });

function token(iss: string): IdTokenClaims {
  return { sub: 'sub-1', iss, aud: 'client', token_use: 'id', 'cognito:username': 'sam' };
}
const POOL_ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1';

const denyMessage = (who: string, explicit: boolean) =>
  JSON.stringify({ Message: `User: ${who} is not authorized to perform: execute-api:Invoke on resource: ${RESOURCE}${explicit ? ' with an explicit deny' : ''}` });

describe('AWS_IAM', () => {
  test('an unsigned request gets 403 "Missing Authentication Token", before any policy is read', () => {
    const result = authorizeMethod(api(), method('AWS_IAM'), RESOURCE, anonymous());
    expect(result).toEqual({ ok: false, status: 403, body: MISSING_AUTH_TOKEN_BODY, decision: 'implicitDeny', matched: [], reason: 'AWS_IAM: the request is not signed' });
    expect(JSON.parse(MISSING_AUTH_TOKEN_BODY)).toEqual({ message: 'Missing Authentication Token' });
  });

  test('the caller’s identity policy allows without any resource policy', () => {
    const result = authorizeMethod(api(), method('AWS_IAM'), RESOURCE, signed());
    expect(result).toMatchObject({ ok: true, decision: 'allowed', matched: [{ policy: 'role', index: 0, effect: 'Allow' }] });
    expect(result.ok && result.detail).toBe(`policy "role" Statement[0] allows execute-api:Invoke on ${RESOURCE}`);
  });

  test('no allow anywhere: 403 with API Gateway’s "not authorized" message naming the session', () => {
    const result = authorizeMethod(api(), method('AWS_IAM'), RESOURCE, signed(invokeNothing));
    expect(result).toMatchObject({ ok: false, status: 403, decision: 'implicitDeny', matched: [], body: denyMessage(CALLER, false) });
  });

  test('table A: a same-account resource policy that names the caller allows on its own; its Deny wins over an identity Allow', () => {
    const allowCaller = api(policyDoc(doc({ Effect: 'Allow', Principal: { AWS: CALLER }, Action: 'execute-api:Invoke', Resource: `${EXEC}/*` })));
    expect(authorizeMethod(allowCaller, method('AWS_IAM'), RESOURCE, signed(invokeNothing))).toMatchObject({ ok: true, decision: 'allowed' });
    const denyAll = api(policyDoc(doc({ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: `${EXEC}/*` })));
    const result = authorizeMethod(denyAll, method('AWS_IAM'), RESOURCE, signed());
    expect(result).toMatchObject({ ok: false, status: 403, decision: 'explicitDeny', body: denyMessage(CALLER, true) });
    expect(!result.ok && result.matched).toEqual([{ policy: 'aws_api_gateway_rest_api.api.policy', index: 0, effect: 'Deny' }]);
  });
});

describe('NONE', () => {
  test('without a resource policy anyone may call', () => {
    expect(authorizeMethod(api(), method('NONE'), RESOURCE, anonymous())).toEqual({
      ok: true,
      decision: 'allowed',
      matched: [],
      detail: 'authorization NONE and no resource policy: anyone may call',
    });
  });

  test('with a resource policy only its explicit Allow admits; otherwise 403 naming an anonymous caller', () => {
    const fromOffice = api(
      policyDoc(doc({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${EXEC}/*`, Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } })),
    );
    const inside = authorizeMethod(fromOffice, method('NONE'), RESOURCE, anonymous({ context: { 'aws:SourceIp': '198.51.100.7' } }));
    expect(inside).toMatchObject({ ok: true, decision: 'allowed', matched: [{ effect: 'Allow', index: 0 }] });
    expect(inside.ok && inside.detail).toBe(`policy "aws_api_gateway_rest_api.api.policy" Statement[0] allows execute-api:Invoke on ${RESOURCE}`);
    const outside = authorizeMethod(fromOffice, method('NONE'), RESOURCE, anonymous());
    expect(outside).toMatchObject({ ok: false, status: 403, decision: 'implicitDeny', matched: [], body: denyMessage('anonymous', false) });
  });

  test('a signed caller is judged as its session principal, and named in the refusal', () => {
    // A resource policy Principal names the caller's session ARN; an unsigned request has no principal to match.
    const onlyCaller = api(policyDoc(doc({ Effect: 'Allow', Principal: { AWS: CALLER }, Action: 'execute-api:Invoke', Resource: `${EXEC}/*` })));
    expect(authorizeMethod(onlyCaller, method('NONE'), RESOURCE, signed(invokeNothing))).toMatchObject({ ok: true });
    expect(authorizeMethod(onlyCaller, method('NONE'), RESOURCE, anonymous())).toMatchObject({ ok: false, body: denyMessage('anonymous', false) });
    const other = `arn:aws:sts::${ACCOUNT}:assumed-role/fx-other/CognitoIdentityCredentials`;
    const refused = authorizeMethod(onlyCaller, method('NONE'), RESOURCE, { ...signed(invokeNothing), credentials: { policies: { identity: [] }, callerArn: other } });
    expect(refused).toMatchObject({ ok: false, status: 403, body: denyMessage(other, false) });
  });

  test('an explicit Deny is reported as one', () => {
    const denyAll = api(policyDoc(doc({ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: `${EXEC}/*` })));
    expect(authorizeMethod(denyAll, method('NONE'), RESOURCE, anonymous())).toMatchObject({
      ok: false,
      status: 403,
      decision: 'explicitDeny',
      matched: [{ effect: 'Deny', index: 0 }],
      body: denyMessage('anonymous', true),
    });
  });
});

describe('COGNITO_USER_POOLS', () => {
  test('an ID token from any of the authorizer’s pools is accepted, matched on region and pool id', () => {
    // POOL_ARN is the second provider ARN: any listed pool will do.
    expect(authorizeMethod(api(), method('COGNITO_USER_POOLS'), RESOURCE, anonymous({ token: token(POOL_ISSUER) }))).toEqual({
      ok: true,
      decision: 'allowed',
      matched: [],
      detail: 'the user pool authorizer accepted the ID token',
    });
    const otherIssuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool2';
    expect(authorizeMethod(api(), method('COGNITO_USER_POOLS'), RESOURCE, anonymous({ token: token(otherIssuer) }))).toMatchObject({ ok: true });
  });

  test('no token, or one from a pool the authorizer does not list (same id, other region), is 401 Unauthorized', () => {
    const unauthorized = JSON.stringify({ message: 'Unauthorized' });
    expect(authorizeMethod(api(), method('COGNITO_USER_POOLS'), RESOURCE, anonymous())).toEqual({
      ok: false,
      status: 401,
      body: unauthorized,
      decision: 'implicitDeny',
      matched: [],
      reason: 'no ID token in the Authorization header',
    });
    const wrongRegion = 'https://cognito-idp.us-west-2.amazonaws.com/us-east-1_Pool1';
    expect(authorizeMethod(api(), method('COGNITO_USER_POOLS'), RESOURCE, anonymous({ token: token(wrongRegion) }))).toMatchObject({
      ok: false,
      status: 401,
      body: unauthorized,
      reason: `the ID token's issuer ${wrongRegion} is not a user pool of aws_api_gateway_authorizer.users`,
    });
    const noAuthorizer = { ...method('COGNITO_USER_POOLS'), authorizer: undefined };
    expect(authorizeMethod(api(), noAuthorizer, RESOURCE, anonymous({ token: token(POOL_ISSUER) }))).toMatchObject({ ok: false, status: 401 });
  });

  test('after the authorizer accepts, only an explicit Deny of the resource policy refuses (table C)', () => {
    const silent = api(policyDoc(doc({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: `${EXEC}/*/POST/*` })));
    expect(authorizeMethod(silent, method('COGNITO_USER_POOLS'), RESOURCE, anonymous({ token: token(POOL_ISSUER) }))).toEqual({
      ok: true,
      decision: 'allowed',
      matched: [],
      detail: 'the user pool authorizer accepted the ID token',
    });
    const fromOffice = api(
      policyDoc(doc({ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: `${EXEC}/*`, Condition: { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } })),
    );
    expect(authorizeMethod(fromOffice, method('COGNITO_USER_POOLS'), RESOURCE, anonymous({ token: token(POOL_ISSUER) }))).toMatchObject({
      ok: false,
      status: 403,
      decision: 'explicitDeny',
      matched: [{ effect: 'Deny', index: 0 }],
      body: denyMessage('anonymous', true),
    });
    const office = anonymous({ token: token(POOL_ISSUER), context: { 'aws:SourceIp': '198.51.100.9' } });
    expect(authorizeMethod(fromOffice, method('COGNITO_USER_POOLS'), RESOURCE, office)).toMatchObject({ ok: true, matched: [] });
  });
});

describe('api_key_required', () => {
  test('an authorized call without a valid key is 403 Forbidden; with one it passes', () => {
    const forbidden = { ok: false, status: 403, body: JSON.stringify({ message: 'Forbidden' }), decision: 'implicitDeny', matched: [], reason: 'api_key_required: the request has no valid API key' };
    expect(authorizeMethod(api(), method('NONE', true), RESOURCE, anonymous())).toEqual(forbidden);
    expect(authorizeMethod(api(), method('AWS_IAM', true), RESOURCE, signed())).toEqual(forbidden);
    expect(authorizeMethod(api(), method('AWS_IAM', true), RESOURCE, signed(invokeItems, { apiKey: true }))).toMatchObject({ ok: true });
    expect(authorizeMethod(api(), method('NONE', false), RESOURCE, anonymous())).toMatchObject({ ok: true });
  });

  test('an authorization failure is reported as itself, not as the missing key', () => {
    expect(authorizeMethod(api(), method('AWS_IAM', true), RESOURCE, anonymous())).toMatchObject({ status: 403, body: MISSING_AUTH_TOKEN_BODY });
    expect(authorizeMethod(api(), method('COGNITO_USER_POOLS', true), RESOURCE, anonymous())).toMatchObject({ status: 401 });
  });
});

describe('what the simulator refuses to guess', () => {
  test('a Lambda (CUSTOM) authorizer, and an authorization type API Gateway does not define', () => {
    expect(() => authorizeMethod(api(), method('CUSTOM'), RESOURCE, signed())).toThrow(
      new Unreadable('aws_api_gateway_method.items', 'authorization', 'a Lambda (CUSTOM) authorizer decides at run time; the simulator cannot answer for it'),
    );
    expect(() => authorizeMethod(api(), method('IAM'), RESOURCE, signed())).toThrow(
      new Unreadable('aws_api_gateway_method.items', 'authorization', 'unknown authorization type "IAM"'),
    );
  });

  test('a resource policy API Gateway would refuse stops the decision, whatever the method', () => {
    const broken: Doc = { ...policyDoc(doc({ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke' })), compiled: undefined, error: 'Statement: bad' };
    const expected = new Unreadable('aws_api_gateway_rest_api.api', 'policy', 'API Gateway would refuse this resource policy: Statement: bad');
    expect(() => authorizeMethod(api(broken), method('NONE'), RESOURCE, anonymous())).toThrow(expected);
    expect(() => authorizeMethod(api({ ...broken, error: undefined }), method('AWS_IAM'), RESOURCE, signed())).toThrow(
      'API Gateway would refuse this resource policy: unknown error',
    );
  });
});
