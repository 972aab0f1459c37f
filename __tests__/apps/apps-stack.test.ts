import { STACKS } from '../../stacks/app';
import { appsFixture } from '../fixtures/configs';
import { findOf, onlyOf, ref, resourcesOf, synth, TfJson } from '../support/synth';

const EXEC = ref('aws_api_gateway_rest_api', 'apps_api', 'execution_arn');
let json: TfJson;
beforeAll(() => {
  json = synth().stack(STACKS.apps);
});

test('one group per (app, role): 30 groups app01-A … app10-C with precedences 0 … 29 in config order', () => {
  const groups = resourcesOf(json, 'aws_cognito_user_group').map((g) => [g.body.name, g.body.precedence]);
  const expected = appsFixture.apps.flatMap((app, i) => ['A', 'B', 'C'].map((role, j) => [`${app.name}-${role}`, i * 3 + j]));
  expect(groups.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual(expected);
  expect(expected[0]).toEqual(['app01-A', 0]);
  expect(expected[29]).toEqual(['app10-C', 29]);
});

test('group app01-B carries its own role, trusted by this identity pool only, allowed only app01’s B section', () => {
  const group = findOf(json, 'aws_cognito_user_group', 'name', 'app01-B');
  expect(group.body).toEqual({
    name: 'app01-B',
    description: 'Role B in app01',
    precedence: 1,
    user_pool_id: ref('aws_cognito_user_pool', 'users_pool_87CF6C50', 'id'),
    role_arn: ref('aws_iam_role', 'identities_role-app01-B_8FF1F4ED', 'arn'),
  });
  const role = findOf(json, 'aws_iam_role', 'name', 'apps-dev-app01-B');
  expect(JSON.parse(String(role.body.assume_role_policy)).Statement[0].Condition.StringEquals).toEqual({
    'cognito-identity.amazonaws.com:aud': ref('aws_cognito_identity_pool', 'identities_pool_22FAEEC8', 'id'),
  });
  const policy = resourcesOf(json, 'aws_iam_role_policy').find((p) => p.name === 'role-app01-B-invoke')!;
  expect(policy.body.name).toBe('invoke-app-role-routes');
  expect(policy.body.role).toBe(ref('aws_iam_role', 'identities_role-app01-B_8FF1F4ED', 'id'));
  const routes = [`${EXEC}/api/GET/app01/b`, `${EXEC}/api/GET/app01/b/*`];
  expect(JSON.parse(String(policy.body.policy))).toEqual({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'InvokeGroupRoutesOnDeployedStage', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: routes },
      { Sid: 'DenyEveryOtherInvoke', Effect: 'Deny', Action: 'execute-api:Invoke', NotResource: routes },
    ],
  });
});

test('apps_api: one AWS_IAM method GET /{app}/{proxy+} to one shared Lambda, whatever the number of apps', () => {
  expect(onlyOf(json, 'aws_api_gateway_rest_api').body).toMatchObject({ name: 'apps_api', endpoint_configuration: { types: ['REGIONAL'] } });
  expect(resourcesOf(json, 'aws_api_gateway_resource').map((r) => r.body.path_part).sort()).toEqual(['{app}', '{proxy+}']);
  expect(onlyOf(json, 'aws_api_gateway_method').body).toMatchObject({ http_method: 'GET', authorization: 'AWS_IAM' });
  expect(onlyOf(json, 'aws_api_gateway_integration').body).toMatchObject({
    type: 'AWS_PROXY',
    integration_http_method: 'POST',
    uri: ref('aws_lambda_function', 'fn-apps_function_A20FB62C', 'invoke_arn'),
  });
  expect(onlyOf(json, 'aws_lambda_permission').body).toEqual({
    statement_id: 'AllowApiGatewayInvoke',
    action: 'lambda:InvokeFunction',
    function_name: ref('aws_lambda_function', 'fn-apps_function_A20FB62C', 'function_name'),
    principal: 'apigateway.amazonaws.com',
    source_arn: `${EXEC}/*/GET/*/*`,
  });
  expect(onlyOf(json, 'aws_lambda_function').body).toMatchObject({ function_name: 'apps-dev-handler', runtime: 'nodejs22.x' });
  expect(onlyOf(json, 'aws_api_gateway_stage').body).toMatchObject({ stage_name: 'api', xray_tracing_enabled: true });
});

test('the API Gateway account log role is left to the office stack (one per account and region)', () => {
  expect(resourcesOf(json, 'aws_api_gateway_account')).toEqual([]);
  expect(resourcesOf(json, 'aws_iam_role').map((r) => r.body.name)).not.toContain('apps-dev-apigateway-cloudwatch');
  expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(32);
});

test('identity pool: Token mapping with Deny, so a client’s CustomRoleArn must be one of the token’s cognito:roles', () => {
  expect(onlyOf(json, 'aws_cognito_identity_pool_roles_attachment').body.role_mapping).toEqual([
    {
      identity_provider: `${ref('aws_cognito_user_pool', 'users_pool_87CF6C50', 'endpoint')}:${ref('aws_cognito_user_pool_client', 'users_client_C9CE1D58', 'id')}`,
      type: 'Token',
      ambiguous_role_resolution: 'Deny',
    },
  ]);
});

test('outputs: the pool, the API URL and every group’s role ARN, which each app’s client passes as CustomRoleArn', () => {
  const roleArns = json.output.group_role_arns!.value as Record<string, string>;
  expect(Object.keys(roleArns)).toHaveLength(30);
  expect(roleArns['app07-C']).toBe(ref('aws_iam_role', findOf(json, 'aws_iam_role', 'name', 'apps-dev-app07-C').name, 'arn'));
  expect(Object.keys(json.output).sort()).toEqual(['api_invoke_url', 'group_role_arns', 'identity_pool_id', 'region', 'user_pool_client_id', 'user_pool_id']);
  expect((json.terraform.backend as { s3: Record<string, unknown> }).s3).toMatchObject({ key: 'apps/apps.tfstate' });
});
