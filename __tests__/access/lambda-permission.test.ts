import { lambdaFor } from '../../access/handler';
import type { Integration, LambdaFunction, Method, StackModel } from '../../model';
import { modelOf } from '../support/model';

/*
 * Whether API Gateway may invoke the Lambda behind a method. Lambda developer guide, "Using resource-based policies
 * in Lambda" / "Granting function access to AWS services": API Gateway needs lambda:InvokeFunction (lambda:* covers
 * it) for the principal apigateway.amazonaws.com, and a SourceArn, when given, must match the calling method's ARN
 * (wildcards allowed); without such a permission API Gateway answers 500 "Internal server error". API Gateway
 * developer guide, "Set up Lambda proxy integrations": the proxy integration type is AWS_PROXY.
 */

const EXEC = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5';
const SOURCE = `${EXEC}/prod/GET/items`;
const fn = (name: string) => ({ function_name: name, handler: 'index.handler', filename: 'assets/x.zip', role: 'arn:aws:iam::123456789012:role/x' });
const permission = (fnName: string, extra: Record<string, string>) => ({
  function_name: `\${aws_lambda_function.${fnName}.function_name}`,
  action: 'lambda:InvokeFunction',
  principal: 'apigateway.amazonaws.com',
  ...extra,
});

const STACK = {
  provider: { aws: [{ region: 'us-east-1' }] },
  resource: {
    aws_lambda_function: {
      exact: fn('fx-exact'),
      star: fn('fx-star'),
      anyapi: fn('fx-anyapi'),
      other: fn('fx-other'),
      wrongprincipal: fn('fx-wrong-principal'),
      wrongaction: fn('fx-wrong-action'),
      none: fn('fx-none'),
    },
    aws_lambda_permission: {
      exact: permission('exact', { source_arn: SOURCE }),
      star: permission('star', { action: 'lambda:*', source_arn: `${EXEC}/*/GET/*` }),
      anyapi: permission('anyapi', {}),
      other: permission('other', { source_arn: `${EXEC}/*/POST/*` }),
      wrongprincipal: permission('wrongprincipal', { principal: 'events.amazonaws.com', source_arn: `${EXEC}/*` }),
      wrongaction: permission('wrongaction', { action: 'lambda:GetFunction', source_arn: `${EXEC}/*` }),
    },
  },
};

let model: StackModel;
beforeAll(() => {
  model = modelOf(STACK);
});
const lambda = (name: string): LambdaFunction => model.functions.find((f) => f.functionName === name)!;

function method(integration: Partial<Integration> | undefined): Method {
  const node = (type: string) => ({ type, name: 'items', address: `${type}.items`, suppressions: [] });
  return {
    ...node('aws_api_gateway_method'),
    restApiId: 'a1b2c3d4e5',
    resourceId: 'items',
    httpMethod: 'GET',
    authorization: 'NONE',
    authorizer: undefined,
    apiKeyRequired: false,
    integration: integration && { ...node('aws_api_gateway_integration'), integrationType: 'AWS_PROXY', uri: undefined, ...integration },
  };
}
const proxyTo = (name: string) => method({ uri: lambda(name).invokeArn });
const allowed = (name: string, source = SOURCE) => lambdaFor(model, proxyTo(name), source);

test('a permission whose source_arn is the method ARN, or a pattern covering it, lets API Gateway invoke', () => {
  expect(allowed('fx-exact')).toEqual({ ok: true, fn: lambda('fx-exact') });
  expect(allowed('fx-star')).toEqual({ ok: true, fn: lambda('fx-star') }); // lambda:* includes lambda:InvokeFunction
  expect(allowed('fx-star', `${EXEC}/beta/GET/a/b`)).toMatchObject({ ok: true });
});

test('a permission without source_arn lets any API invoke the function', () => {
  expect(allowed('fx-anyapi', 'arn:aws:execute-api:eu-west-1:210987654321:zzzzzzzzzz/x/DELETE/y')).toMatchObject({ ok: true });
});

test.each([
  ['fx-exact', `${EXEC}/prod/GET/items/1`, 'a source_arn without wildcards covers only that method ARN'],
  ['fx-other', SOURCE, 'a source_arn for POST does not cover GET'],
  ['fx-wrong-principal', SOURCE, 'the permission is for another service principal'],
  ['fx-wrong-action', SOURCE, 'the permission grants another action'],
  ['fx-none', SOURCE, 'the function has no permission at all'],
])('%s for %s: refused (%s)', (name, source) => {
  expect(allowed(name, source)).toEqual({ ok: false, reason: `no aws_lambda_permission lets API Gateway invoke ${name} for ${source}` });
});

test('only an AWS_PROXY integration to a Lambda of the stack is simulated', () => {
  expect(lambdaFor(model, method(undefined), SOURCE)).toEqual({ ok: false, reason: 'the method has no integration' });
  expect(lambdaFor(model, method({ integrationType: 'AWS', uri: lambda('fx-exact').invokeArn }), SOURCE)).toEqual({
    ok: false,
    reason: 'only AWS_PROXY integrations are simulated',
  });
  const elsewhere = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:gone/invocations';
  expect(lambdaFor(model, method({ uri: elsewhere }), SOURCE)).toEqual({ ok: false, reason: `no Lambda with invoke ARN ${elsewhere}` });
});
