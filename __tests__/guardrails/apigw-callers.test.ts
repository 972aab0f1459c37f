import { findings, policy, ref, type Resources } from './helpers';

/** One API with a GET / method of the given authorization, a prod stage, and optionally a resource policy. */
function api(method: Record<string, unknown>, resourcePolicy?: object[]): Resources {
  const id = ref('aws_api_gateway_rest_api.api.id');
  return {
    aws_api_gateway_rest_api: { api: { name: 'api' } },
    aws_api_gateway_resource: { reports: { rest_api_id: id, parent_id: ref('aws_api_gateway_rest_api.api.root_resource_id'), path_part: 'reports' } },
    aws_api_gateway_method: { get: { rest_api_id: id, resource_id: ref('aws_api_gateway_resource.reports.id'), http_method: 'GET', authorization: 'AWS_IAM', ...method } },
    aws_api_gateway_deployment: { deployment: { rest_api_id: id } },
    aws_api_gateway_stage: { prod: { rest_api_id: id, deployment_id: ref('aws_api_gateway_deployment.deployment.id'), stage_name: 'prod' } },
    aws_api_gateway_authorizer: {
      lambda: { name: 'lambda', rest_api_id: id, type: 'REQUEST', authorizer_uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations' },
      pool: { name: 'pool', rest_api_id: id, type: 'COGNITO_USER_POOLS', provider_arns: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_users'] },
    },
    ...(resourcePolicy ? { aws_api_gateway_rest_api_policy: { api: { rest_api_id: id, policy: policy(resourcePolicy) } } } : {}),
  };
}
const invoke = (Principal: unknown, extra: object = {}) => ({ Effect: 'Allow', Principal, Action: 'execute-api:Invoke', Resource: `${ref('aws_api_gateway_rest_api.api.execution_arn')}/*`, ...extra });
const messages = async (resources: Resources) => (await findings('APIG-001', resources)).map((f) => [f.resource, f.message]);
const FIX = "Use authorization: 'AWS_IAM' (IamRestApi does this for every route in stacks/config.ts).";
const KEY = ' (api_key_required does not help: an API key identifies a client, it does not authorize a caller)';

describe('APIG-001 authorization types', () => {
  // API Gateway Developer Guide, "Control and manage access to REST APIs": only AWS_IAM makes the caller's IAM role
  // (the group's role) decide; a Lambda authorizer or a Cognito user pool authorizer admits on their own terms.
  it('names the path and what decides instead of the group role, with the fix', async () => {
    const custom = await findings('APIG-001', api({ authorization: 'CUSTOM', authorizer_id: ref('aws_api_gateway_authorizer.lambda.id') }));
    expect(custom.map((f) => [f.resource, f.message, f.fix])).toEqual([
      ['aws_api_gateway_method.get', "GET /reports method has authorization CUSTOM: a Lambda authorizer whose code the guardrails cannot read decides, not the group's IAM role", FIX],
    ]);
  });

  it('says any user of the pool can call a COGNITO_USER_POOLS method', async () => {
    expect(await messages(api({ authorization: 'COGNITO_USER_POOLS', authorizer_id: ref('aws_api_gateway_authorizer.pool.id') }))).toEqual([
      ['aws_api_gateway_method.get', "GET /reports method has authorization COGNITO_USER_POOLS: any user of the user pool, in any group, can call it, not the group's IAM role"],
    ]);
  });

  it('adds that an API key does not help', async () => {
    // API Gateway Developer Guide, "Usage plans and API keys": API keys are not for authorization.
    expect(await messages(api({ authorization: 'NONE', api_key_required: true }))).toEqual([
      ['aws_api_gateway_method.get', `GET /reports method has authorization NONE: anyone can call it without credentials${KEY}`],
    ]);
  });
});

describe('APIG-001 which methods', () => {
  it('skips only an OPTIONS preflight that API Gateway answers itself (MOCK), not another verb with a MOCK integration', async () => {
    const mock = (httpMethod: string) => {
      const resources = api({ authorization: 'NONE', http_method: httpMethod });
      resources.aws_api_gateway_integration = {
        get: { rest_api_id: ref('aws_api_gateway_rest_api.api.id'), resource_id: ref('aws_api_gateway_resource.reports.id'), http_method: httpMethod, type: 'MOCK' },
      };
      return resources;
    };
    expect(await messages(mock('OPTIONS'))).toEqual([]);
    expect(await messages(mock('GET'))).toEqual([['aws_api_gateway_method.get', 'GET /reports method has authorization NONE: anyone can call it without credentials']]);
  });

  it('reports a CUSTOM method even when the resource policy admits only this account', async () => {
    const resources = api({ authorization: 'CUSTOM', authorizer_id: ref('aws_api_gateway_authorizer.lambda.id') }, [invoke({ AWS: 'arn:aws:iam::123456789012:root' })]);
    expect((await messages(resources)).map(([resource]) => resource)).toEqual(['aws_api_gateway_method.get']);
  });
});

describe('APIG-001 resource policies', () => {
  // API Gateway Developer Guide, "How API Gateway resource policies affect authorization workflow".
  it('lets NONE pass when the resource policy admits no anonymous caller, and checks the callers it names', async () => {
    expect(await messages(api({ authorization: 'NONE' }, [invoke({ AWS: 'arn:aws:iam::123456789012:root' })]))).toEqual([]);
    expect(await messages(api({ authorization: 'NONE' }, [invoke({ AWS: 'arn:aws:iam::999988887777:root' })]))).toEqual([
      [
        'aws_api_gateway_method.get',
        expect.stringMatching(/^GET \/reports: the API resource policy \(aws_api_gateway_rest_api_policy\.api\) lets principals of another account \(999988887777\) invoke arn:aws:execute-api:us-east-1:123456789012:\w+\/prod\/GET\/reports$/),
      ],
    ]);
  });

  it('reports NONE when the resource policy admits everyone', async () => {
    expect(await messages(api({ authorization: 'NONE' }, [invoke('*')]))).toEqual([
      ['aws_api_gateway_method.get', 'GET /reports method has authorization NONE: anyone can call it without credentials'],
    ]);
  });

  it('reports an AWS_IAM method whose resource policy lets another account in, and passes one for this account only', async () => {
    expect(await messages(api({}, [invoke({ AWS: 'arn:aws:iam::123456789012:root' })]))).toEqual([]);
    const found = await findings('APIG-001', api({ api_key_required: true }, [invoke('*')]));
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/^GET \/reports: the API resource policy \(aws_api_gateway_rest_api_policy\.api\) lets principals of another account \(999988887777\) invoke arn:aws:execute-api:\S+\/prod\/GET\/reports \(api_key_required/)]);
    expect(found[0]!.fix).toBe("Allow only this account's principals in the API resource policy, or drop the policy (AWS_IAM plus the group role is enough).");
  });

  it('asks for a caller from outside the account\'s network (aws:SourceIp)', async () => {
    // A policy that admits everyone only from one address range admits no caller from elsewhere.
    const fromOffice = invoke('*', { Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } });
    expect(await messages(api({ authorization: 'NONE' }, [fromOffice]))).toEqual([]);
  });
});
