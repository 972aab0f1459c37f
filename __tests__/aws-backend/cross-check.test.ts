import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient, SimulateCustomPolicyCommand, SimulateCustomPolicyCommandInput } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { awsBackendAvailability } from '../../access/aws-backend/availability';
import { crossCheckScenario, formatCrossCheck } from '../../access/aws-backend/cross-check';
import { OutputsError, parseTerraformOutputs, readTerraformOutputsSync } from '../../access/aws-backend/outputs';
import { rolePolicyDocuments } from '../../access/aws-backend/policy-documents';
import { realValuesFor, RealValuesError } from '../../access/aws-backend/real-values';
import { roleView } from '../../access/role-policies';
import { Simulator } from '../../access/simulate';
import { modelOf } from '../support/model';
import { issueIdToken } from '../../access/user-pool';

/** A small office-like stack: two groups with roles, a boundary on User, an API with /user and /admin. */
const ref = (address: string) => `\${${address}}`;
const API = ref('aws_api_gateway_rest_api.api.execution_arn');
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('aws_cognito_identity_pool.ids.id') },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
    },
  ],
});
const invokePolicy = (paths: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Invoke', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: paths.map((p) => `${API}/api/GET/${p}`) },
      { Sid: 'DenyOthers', Effect: 'Deny', Action: 'execute-api:Invoke', NotResource: paths.map((p) => `${API}/api/GET/${p}`) },
      {
        Sid: 'OwnFolder',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::office-docs/private/$${cognito-identity.amazonaws.com:sub}/*',
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      },
    ],
  });

const STACK = {
  provider: { aws: [{ region: 'us-east-1' }] },
  resource: {
    aws_cognito_user_pool: { pool: { name: 'office-users' } },
    aws_cognito_user_pool_client: { client: { name: 'app', user_pool_id: ref('aws_cognito_user_pool.pool.id') } },
    aws_cognito_identity_pool: {
      ids: {
        identity_pool_name: 'ids',
        allow_unauthenticated_identities: false,
        allow_classic_flow: false,
        cognito_identity_providers: [
          { client_id: ref('aws_cognito_user_pool_client.client.id'), provider_name: ref('aws_cognito_user_pool.pool.endpoint'), server_side_token_check: true },
        ],
      },
    },
    aws_cognito_identity_pool_roles_attachment: {
      roles: {
        identity_pool_id: ref('aws_cognito_identity_pool.ids.id'),
        role_mapping: [
          {
            ambiguous_role_resolution: 'Deny',
            identity_provider: `${ref('aws_cognito_user_pool.pool.endpoint')}:${ref('aws_cognito_user_pool_client.client.id')}`,
            type: 'Token',
          },
        ],
        roles: { authenticated: ref('aws_iam_role.admin.arn') },
      },
    },
    aws_cognito_user_group: {
      admin: { name: 'Admin', precedence: 0, role_arn: ref('aws_iam_role.admin.arn'), user_pool_id: ref('aws_cognito_user_pool.pool.id') },
      user: { name: 'User', precedence: 1, role_arn: ref('aws_iam_role.user.arn'), user_pool_id: ref('aws_cognito_user_pool.pool.id') },
    },
    aws_iam_role: {
      admin: { name: 'office-Admin', assume_role_policy: trust },
      user: { name: 'office-User', assume_role_policy: trust, permissions_boundary: ref('aws_iam_policy.boundary.arn') },
    },
    aws_iam_policy: {
      boundary: {
        name: 'office-boundary',
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['execute-api:Invoke', 's3:GetObject'], Resource: '*' }],
        }),
      },
    },
    aws_iam_role_policy: {
      'admin-invoke': { name: 'invoke', role: ref('aws_iam_role.admin.id'), policy: invokePolicy(['user', 'admin']) },
      'user-invoke': { name: 'invoke', role: ref('aws_iam_role.user.id'), policy: invokePolicy(['user']) },
    },
    aws_api_gateway_rest_api: { api: { name: 'office_api' } },
    aws_api_gateway_resource: {
      user: { rest_api_id: ref('aws_api_gateway_rest_api.api.id'), parent_id: ref('aws_api_gateway_rest_api.api.root_resource_id'), path_part: 'user' },
      admin: { rest_api_id: ref('aws_api_gateway_rest_api.api.id'), parent_id: ref('aws_api_gateway_rest_api.api.root_resource_id'), path_part: 'admin' },
    },
    aws_api_gateway_method: {
      user: { authorization: 'AWS_IAM', http_method: 'GET', resource_id: ref('aws_api_gateway_resource.user.id'), rest_api_id: ref('aws_api_gateway_rest_api.api.id') },
      admin: { authorization: 'AWS_IAM', http_method: 'GET', resource_id: ref('aws_api_gateway_resource.admin.id'), rest_api_id: ref('aws_api_gateway_rest_api.api.id') },
    },
    aws_api_gateway_stage: { stage: { rest_api_id: ref('aws_api_gateway_rest_api.api.id'), stage_name: 'api' } },
  },
  output: {
    region: { value: 'us-east-1' },
    user_pool_id: { value: ref('aws_cognito_user_pool.pool.id') },
    user_pool_client_id: { value: ref('aws_cognito_user_pool_client.client.id') },
    identity_pool_id: { value: ref('aws_cognito_identity_pool.ids.id') },
    api_invoke_url: { value: ref('aws_api_gateway_stage.stage.invoke_url') },
    role_arn_Admin: { value: ref('aws_iam_role.admin.arn') },
    role_arn_User: { value: ref('aws_iam_role.user.arn') },
  },
};

/** What `terraform output -json` prints for the deployed stack. */
const OUTPUTS_JSON = JSON.stringify({
  api_invoke_url: { sensitive: false, type: 'string', value: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/api' },
  identity_pool_id: { sensitive: false, type: 'string', value: 'us-east-1:11111111-2222-4333-a444-555555555555' },
  region: { sensitive: false, type: 'string', value: 'us-east-1' },
  role_arn_Admin: { sensitive: false, type: 'string', value: 'arn:aws:iam::210987654321:role/office-Admin' },
  role_arn_User: { sensitive: false, type: 'string', value: 'arn:aws:iam::210987654321:role/office-User' },
  user_pool_client_id: { sensitive: false, type: 'string', value: 'realclient0000000000000001' },
  user_pool_id: { sensitive: false, type: 'string', value: 'us-east-1_RealPool1' },
  tags: { sensitive: false, type: ['map', 'string'], value: { app: 'office' } },
});
const OUTPUTS = parseTerraformOutputs(OUTPUTS_JSON);

const SCENARIO = {
  stack: 'office',
  users: [
    { name: 'John', groups: ['User'] },
    { name: 'Rose', groups: ['Admin', 'User'] },
    { name: 'Mallory', groups: ['Admin'], pool: 'foreign' },
  ],
  requests: [
    { method: 'GET', path: '/user' },
    { method: 'GET', path: '/admin' },
    { method: 'GET', path: '/nowhere' },
    { id: 'own file', action: 's3:GetObject', resource: 'arn:aws:s3:::office-docs/private/{sub}/a.txt', context: { 'aws:SecureTransport': 'true' } },
  ],
};

const REAL_EXEC = 'arn:aws:execute-api:us-east-1:210987654321:a1b2c3d4e5';
const ADMIN_POLICY =
  '{"Version":"2012-10-17","Statement":[' +
  `{"Sid":"Invoke","Effect":"Allow","Action":"execute-api:Invoke","Resource":["${REAL_EXEC}/api/GET/user","${REAL_EXEC}/api/GET/admin"]},` +
  `{"Sid":"DenyOthers","Effect":"Deny","Action":"execute-api:Invoke","NotResource":["${REAL_EXEC}/api/GET/user","${REAL_EXEC}/api/GET/admin"]},` +
  '{"Sid":"OwnFolder","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::office-docs/private/${cognito-identity.amazonaws.com:sub}/*",' +
  '"Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}';
const USER_POLICY =
  '{"Version":"2012-10-17","Statement":[' +
  `{"Sid":"Invoke","Effect":"Allow","Action":"execute-api:Invoke","Resource":["${REAL_EXEC}/api/GET/user"]},` +
  `{"Sid":"DenyOthers","Effect":"Deny","Action":"execute-api:Invoke","NotResource":["${REAL_EXEC}/api/GET/user"]},` +
  '{"Sid":"OwnFolder","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::office-docs/private/${cognito-identity.amazonaws.com:sub}/*",' +
  '"Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}';
const BOUNDARY_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["execute-api:Invoke","s3:GetObject"],"Resource":"*"}]}';

function writeFixture(stack: object = STACK): { outdir: string; scenarioFile: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'aws-backend-'));
  mkdirSync(join(outdir, 'stacks', 'office'), { recursive: true });
  writeFileSync(join(outdir, 'stacks', 'office', 'cdk.tf.json'), JSON.stringify(stack));
  const scenarioFile = join(outdir, 'scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(SCENARIO));
  return { outdir, scenarioFile };
}

const sim = new Simulator(modelOf(STACK, 'office'));

describe('terraform outputs', () => {
  test('string outputs are kept, others dropped', () => {
    expect(OUTPUTS).toEqual({
      api_invoke_url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/api',
      identity_pool_id: 'us-east-1:11111111-2222-4333-a444-555555555555',
      region: 'us-east-1',
      role_arn_Admin: 'arn:aws:iam::210987654321:role/office-Admin',
      role_arn_User: 'arn:aws:iam::210987654321:role/office-User',
      user_pool_client_id: 'realclient0000000000000001',
      user_pool_id: 'us-east-1_RealPool1',
    });
  });

  test('no synthesized folder: a clear error before terraform runs', () => {
    expect(() => readTerraformOutputsSync('/nonexistent/stacks/office')).toThrow('/nonexistent/stacks/office: no such folder (synthesize the stack first)');
  });

  test('malformed output JSON is a clear error', () => {
    expect(() => parseTerraformOutputs('Error: no state', 'here')).toThrow(OutputsError);
    expect(() => parseTerraformOutputs('{"x":1}', 'here')).toThrow('here: output "x" has no "value"');
  });
});

describe('stand-in → deployed values', () => {
  const real = realValuesFor(sim, OUTPUTS);
  const standInExec = sim.api!.executionArn;

  test('API id from api_invoke_url, account from a role ARN, ids from their outputs', () => {
    expect(real.arns).toEqual({ standInAccount: '123456789012', standInRegion: 'us-east-1', partition: 'aws', account: '210987654321', region: 'us-east-1' });
    expect(real.pairs.map((p) => [p.what, p.real])).toEqual([
      ['identity pool id', 'us-east-1:11111111-2222-4333-a444-555555555555'],
      ['user pool provider', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_RealPool1'],
      ['user pool id', 'us-east-1_RealPool1'],
      ['user pool client id', 'realclient0000000000000001'],
      ['API execution ARN', REAL_EXEC],
      ['REST API id', 'a1b2c3d4e5'],
      ['API invoke URL', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/api'],
    ]);
    expect(real.pairs.find((p) => p.what === 'API execution ARN')!.standIn).toBe(standInExec);
  });

  test('stand-ins are replaced in ARNs, ids and provider names; configured names stay', () => {
    expect(real.apply(`${standInExec}/api/GET/user`)).toBe(`${REAL_EXEC}/api/GET/user`);
    expect(real.apply(sim.identityPool.poolId)).toBe('us-east-1:11111111-2222-4333-a444-555555555555');
    expect(real.apply(`${sim.userPool.providerName}:CognitoSignIn:x`)).toBe('cognito-idp.us-east-1.amazonaws.com/us-east-1_RealPool1:CognitoSignIn:x');
    expect(real.apply('arn:aws:iam::123456789012:role/office-User')).toBe('arn:aws:iam::210987654321:role/office-User');
    expect(real.apply('arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*')).toBe('arn:aws:logs:us-east-1:210987654321:log-group:/aws/lambda/fn:*');
    expect(real.apply('arn:aws:s3:::office-docs/*')).toBe('arn:aws:s3:::office-docs/*');
    expect(real.applyContext({ aud: sim.identityPool.poolId, amr: ['authenticated', sim.userPool.providerName] })).toEqual({
      aud: 'us-east-1:11111111-2222-4333-a444-555555555555',
      amr: ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_RealPool1'],
    });
  });

  test('another deployed region and partition reach the stand-in ARNs and provider name', () => {
    const moved = realValuesFor(sim, {
      ...OUTPUTS,
      region: 'cn-north-1',
      api_invoke_url: 'https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/api',
      identity_pool_id: 'cn-north-1:11111111-2222-4333-a444-555555555555',
      user_pool_id: 'cn-north-1_RealPool1',
      role_arn_Admin: 'arn:aws-cn:iam::210987654321:role/office-Admin',
      role_arn_User: 'arn:aws-cn:iam::210987654321:role/office-User',
    });
    expect(moved.apply(`${standInExec}/api/GET/user`)).toBe('arn:aws-cn:execute-api:cn-north-1:210987654321:a1b2c3d4e5/api/GET/user');
    expect(moved.apply('arn:aws:dynamodb:us-east-1:123456789012:table/t')).toBe('arn:aws-cn:dynamodb:cn-north-1:210987654321:table/t');
    expect(moved.apply(sim.userPool.providerName)).toBe('cognito-idp.cn-north-1.amazonaws.com/cn-north-1_RealPool1');
  });

  test('missing outputs are named', () => {
    const { identity_pool_id: _i, role_arn_Admin: _a, role_arn_User: _u, ...rest } = OUTPUTS;
    expect(() => realValuesFor(sim, rest)).toThrow(/lack identity_pool_id, role_arn_<Group> \(is the stack deployed\?/);
  });

  test('a deployed stack that is not this synthesized stack is refused', () => {
    expect(() => realValuesFor(sim, { ...OUTPUTS, role_arn_User: 'arn:aws:iam::210987654321:role/renamed-User' })).toThrow(
      'output role_arn_User: deployed arn:aws:iam::210987654321:role/renamed-User, but the synthesized stack gives arn:aws:iam::210987654321:role/office-User',
    );
    expect(() => realValuesFor(sim, { ...OUTPUTS, api_invoke_url: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod' })).toThrow(
      /deployed stage "prod" but the synthesized stack says "api"/,
    );
    expect(() => realValuesFor(sim, { ...OUTPUTS, role_arn_User: 'office-User' })).toThrow(RealValuesError);
  });
});

describe('role policy documents', () => {
  test('the same documents roleView compiles, resolved, with $${...} unescaped', () => {
    for (const role of sim.model.roles) {
      const docs = rolePolicyDocuments(role);
      const view = roleView(role);
      expect(docs.identity.map((d) => d.label)).toEqual(view.identity.map((p) => p.name));
      expect(docs.boundaries.map((d) => d.label)).toEqual(view.boundaries.map((p) => p.name));
    }
    const user = rolePolicyDocuments(sim.model.roles.find((r) => r.name === 'user')!);
    expect(user.identity[0]!.text).toContain('"arn:aws:s3:::office-docs/private/${cognito-identity.amazonaws.com:sub}/*"');
    expect(user.boundaries.map((d) => d.text)).toEqual([BOUNDARY_POLICY]);
  });
});

describe('crossCheckScenario against a mocked IAM', () => {
  const iam = mockClient(IAMClient);
  beforeEach(() => iam.reset());

  /** IAM stand-in: answers each call from a table keyed by role policy and resource. */
  function answer(decide: (input: SimulateCustomPolicyCommandInput) => 'allowed' | 'explicitDeny' | 'implicitDeny') {
    iam.on(SimulateCustomPolicyCommand).callsFake((input: SimulateCustomPolicyCommandInput) => ({
      EvaluationResults: [{ EvalActionName: input.ActionNames![0], EvalResourceName: input.ResourceArns![0], EvalDecision: decide(input), MissingContextValues: [] }],
      IsTruncated: false,
    }));
  }

  test('every request goes out with deployed values, typed context, and the local decision agrees', async () => {
    const { outdir, scenarioFile } = writeFixture();
    answer((input) => {
      const resource = input.ResourceArns![0]!;
      const admin = input.PolicyInputList![0] === ADMIN_POLICY;
      if (resource.startsWith('arn:aws:s3:::')) return 'allowed';
      if (resource.endsWith('/GET/user') || (admin && resource.endsWith('/GET/admin'))) return 'allowed';
      return 'explicitDeny';
    });

    const rows = await crossCheckScenario(scenarioFile, { outdir, outputs: OUTPUTS, client: new IAMClient({}) });

    expect(rows.map((r) => [r.user, r.request, r.local, r.aws, r.agree])).toEqual([
      ['John', 'GET /user', 'allowed', 'allowed', true],
      ['John', 'GET /admin', 'explicitDeny', 'explicitDeny', true],
      ['John', 'GET /nowhere', 'explicitDeny', 'explicitDeny', true],
      ['John', 'own file', 'allowed', 'allowed', true],
      ['Rose', 'GET /user', 'allowed', 'allowed', true],
      ['Rose', 'GET /admin', 'allowed', 'allowed', true],
      ['Rose', 'GET /nowhere', 'explicitDeny', 'explicitDeny', true],
      ['Rose', 'own file', 'allowed', 'allowed', true],
      ['Mallory', 'GET /user', 'no-credentials', 'no-credentials', true],
      ['Mallory', 'GET /admin', 'no-credentials', 'no-credentials', true],
      ['Mallory', 'GET /nowhere', 'no-credentials', 'no-credentials', true],
      ['Mallory', 'own file', 'no-credentials', 'no-credentials', true],
    ]);
    expect(rows[2]!.note).toMatch(/no such method: it answers 403 Missing Authentication Token before IAM/);
    expect(rows[8]!.note).toMatch(/^no credentials, no IAM call: Invalid login token/);

    const calls = iam.commandCalls(SimulateCustomPolicyCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(8);
    const john = sim.identityIdOf('John');
    const johnSub = issueIdToken(sim.userPool, 'John', []).sub;
    const context = (identityId: string, userSub: string) => [
      { ContextKeyName: 'cognito-identity.amazonaws.com:aud', ContextKeyValues: ['us-east-1:11111111-2222-4333-a444-555555555555'], ContextKeyType: 'string' },
      {
        ContextKeyName: 'cognito-identity.amazonaws.com:amr',
        ContextKeyValues: [
          'authenticated',
          'cognito-idp.us-east-1.amazonaws.com/us-east-1_RealPool1',
          `cognito-idp.us-east-1.amazonaws.com/us-east-1_RealPool1:CognitoSignIn:${userSub}`,
        ],
        ContextKeyType: 'stringList',
      },
      { ContextKeyName: 'cognito-identity.amazonaws.com:sub', ContextKeyValues: [identityId], ContextKeyType: 'string' },
    ];
    expect(calls[0]).toEqual({
      PolicyInputList: [USER_POLICY],
      PermissionsBoundaryPolicyInputList: [BOUNDARY_POLICY],
      ActionNames: ['execute-api:Invoke'],
      ResourceArns: [`${REAL_EXEC}/api/GET/user`],
      ContextEntries: context(john, johnSub),
    });
    expect(calls[3]).toEqual({
      PolicyInputList: [USER_POLICY],
      PermissionsBoundaryPolicyInputList: [BOUNDARY_POLICY],
      ActionNames: ['s3:GetObject'],
      ResourceArns: [`arn:aws:s3:::office-docs/private/${john}/a.txt`],
      ContextEntries: [...context(john, johnSub), { ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['true'], ContextKeyType: 'boolean' }],
    });
    // Rose's preferred role is Admin (precedence 0): her calls carry the Admin policy and no boundary.
    expect(calls[5]).toEqual({
      PolicyInputList: [ADMIN_POLICY],
      ActionNames: ['execute-api:Invoke'],
      ResourceArns: [`${REAL_EXEC}/api/GET/admin`],
      ContextEntries: context(sim.identityIdOf('Rose'), issueIdToken(sim.userPool, 'Rose', []).sub),
    });
    for (const input of calls) expect(JSON.stringify(input)).not.toMatch(/123456789012|\$\$\{/);
  });

  test('a disagreement is reported, with what IAM found missing', async () => {
    const { outdir, scenarioFile } = writeFixture();
    iam.on(SimulateCustomPolicyCommand).callsFake((input: SimulateCustomPolicyCommandInput) => ({
      EvaluationResults: [
        { EvalActionName: input.ActionNames![0], EvalResourceName: input.ResourceArns![0], EvalDecision: 'implicitDeny', MissingContextValues: ['aws:SecureTransport'] },
      ],
    }));

    const rows = await crossCheckScenario(scenarioFile, { outdir, outputs: OUTPUTS, client: new IAMClient({}) });

    const johnUser = rows.find((r) => r.user === 'John' && r.request === 'GET /user')!;
    expect(johnUser).toMatchObject({ local: 'allowed', aws: 'implicitDeny', agree: false, role: 'office-User', missingContextValues: ['aws:SecureTransport'] });
    const report = formatCrossCheck(rows).split('\n');
    expect(report[0]).toBe('≠ John     GET /user     local allowed, IAM implicitDeny  missing context: aws:SecureTransport');
    expect(report[8]).toBe('= Mallory  GET /user     local no-credentials, IAM no-credentials');
    expect(report.at(-1)).toBe('8 of 12 cells differ');
  });
});

describe('ACCESS_BACKEND=aws gate (no network, terraform only once the rest is there)', () => {
  const { outdir } = writeFixture();
  const dir = join(outdir, 'stacks', 'office');
  const never = () => {
    throw new Error('must not read outputs');
  };

  test('off unless ACCESS_BACKEND=aws', () => {
    expect(awsBackendAvailability(dir, { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' }, never)).toEqual({ enabled: false, reason: 'ACCESS_BACKEND is not set' });
  });

  test('off without credentials in sight', () => {
    const env = { ACCESS_BACKEND: 'aws', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/c', AWS_CONFIG_FILE: '/nonexistent/f' };
    expect(awsBackendAvailability(dir, env, never)).toEqual({ enabled: false, reason: 'no AWS credentials in the environment or ~/.aws' });
  });

  test('off when nothing is deployed; on with outputs', () => {
    const env = { ACCESS_BACKEND: 'aws', AWS_PROFILE: 'dev' };
    expect(awsBackendAvailability(dir, env, () => ({}))).toMatchObject({ enabled: false, reason: expect.stringMatching(/not deployed/) });
    expect(
      awsBackendAvailability(dir, env, () => {
        throw new OutputsError('terraform output failed in x: Error: Backend initialization required\n(all Terraform said)');
      }),
    ).toEqual({ enabled: false, reason: 'no deployed outputs: terraform output failed in x: Error: Backend initialization required' });
    expect(awsBackendAvailability(dir, env, () => OUTPUTS)).toEqual({ enabled: true, outputs: OUTPUTS, credentials: 'AWS_PROFILE=dev' });
  });
});
