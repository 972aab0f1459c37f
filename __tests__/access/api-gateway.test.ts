import {
  apiView,
  ApiView,
  assumedRoleArn,
  authorizeIam,
  invokeArn,
  MISSING_AUTH_TOKEN,
  routeRequest,
} from '../../access/api-gateway';
import { compilePolicy } from '../../access/iam';
import type { StackModel } from '../../model';
import { modelOf } from '../support/model';

const API = '${aws_api_gateway_rest_api.api.id}';
const ROOT = '${aws_api_gateway_rest_api.api.root_resource_id}';
const resource = (parent: string, pathPart: string, api = API) => ({ rest_api_id: api, parent_id: parent, path_part: pathPart });
const id = (name: string) => `\${aws_api_gateway_resource.${name}.id}`;
const method = (resourceId: string, httpMethod: string, authorization = 'AWS_IAM', api = API) => ({
  rest_api_id: api,
  resource_id: resourceId,
  http_method: httpMethod,
  authorization,
});

/**
 * A REST API with a literal beside a {param}, a nested resource under the param, a greedy {proxy+} beside a literal,
 * ANY beside a specific method, and a second API in the same stack whose resources must not leak into the first.
 */
const STACK = {
  provider: { aws: [{ region: 'ap-southeast-2' }] },
  resource: {
    aws_api_gateway_rest_api: { api: { name: 'fx' }, other: { name: 'other' } },
    aws_api_gateway_resource: {
      items: resource(ROOT, 'items'),
      mine: resource(id('items'), 'mine'),
      item: resource(id('items'), '{id}'),
      parts: resource(id('item'), 'parts'),
      files: resource(ROOT, 'files'),
      readme: resource(id('files'), 'readme'),
      proxy: resource(id('files'), '{proxy+}'),
      foreign: resource('${aws_api_gateway_rest_api.other.root_resource_id}', 'secret', '${aws_api_gateway_rest_api.other.id}'),
    },
    aws_api_gateway_method: {
      root_get: method(ROOT, 'GET'),
      items_get: method(id('items'), 'GET'),
      mine_get: method(id('mine'), 'GET'),
      item_get: method(id('item'), 'GET'),
      item_delete: method(id('item'), 'DELETE'),
      parts_get: method(id('parts'), 'GET'),
      readme_get: method(id('readme'), 'GET'),
      proxy_any: method(id('proxy'), 'ANY'),
      proxy_post: method(id('proxy'), 'POST', 'NONE'),
      foreign_get: method(id('foreign'), 'GET', 'AWS_IAM', '${aws_api_gateway_rest_api.other.id}'),
    },
    aws_api_gateway_stage: {
      prod: { rest_api_id: API, stage_name: 'prod' },
      other: { rest_api_id: '${aws_api_gateway_rest_api.other.id}', stage_name: 'beta' },
    },
  },
};

let model: StackModel;
let view: ApiView;
beforeAll(() => {
  model = modelOf(STACK);
  expect(model.problems).toEqual([]);
  view = apiView(model.apis.find((a) => a.name === 'api')!);
});

describe('apiView', () => {
  test('the API’s id, execution ARN in the provider’s region, and only its own stages and resources', () => {
    expect(view.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(view.executionArn).toBe(`arn:aws:execute-api:ap-southeast-2:123456789012:${view.apiId}`);
    expect(view.stages).toEqual(['prod']);
    expect(view.root.pathPart).toBe('');
    expect(view.root.children.map((c) => c.pathPart).sort()).toEqual(['files', 'items']);
    const items = view.root.children.find((c) => c.pathPart === 'items')!;
    expect(items.children.map((c) => c.pathPart).sort()).toEqual(['mine', '{id}']);
  });
});

describe('routeRequest: how API Gateway picks the resource and method', () => {
  const route = (httpMethod: string, path: string, stage = 'prod') => {
    const routed = routeRequest(view, { method: httpMethod, path, stage });
    return routed && { method: routed.method.name, resourcePath: routed.resourcePath, pathParameters: routed.pathParameters, authorization: routed.authorization };
  };

  test.each([
    // [method, path, method resource, resource path, path parameters, why]
    ['GET', '/', 'root_get', '/', {}, 'the root resource has its own methods'],
    ['GET', '/items', 'items_get', '/items', {}, 'a literal path part'],
    ['GET', '/items/mine', 'mine_get', '/items/mine', {}, 'a literal path part beats a {param} sibling'],
    ['GET', '/items/42', 'item_get', '/items/{id}', { id: '42' }, '{param} matches exactly one segment'],
    ['DELETE', '/items/42', 'item_delete', '/items/{id}', { id: '42' }, 'the method is chosen on the matched resource'],
    ['GET', '/items/42/parts', 'parts_get', '/items/{id}/parts', { id: '42' }, 'parameters carry through nested resources'],
    ['GET', '/files/readme', 'readme_get', '/files/readme', {}, 'a literal beats a greedy {proxy+} sibling'],
    ['GET', '/files/readme/old', 'proxy_any', '/files/{proxy+}', { proxy: 'readme/old' }, '{proxy+} takes the remaining segments'],
    ['GET', '/files/a/b/c', 'proxy_any', '/files/{proxy+}', { proxy: 'a/b/c' }, 'greedy across several segments'],
    ['PATCH', '/files/a', 'proxy_any', '/files/{proxy+}', { proxy: 'a' }, 'ANY serves methods the resource does not define'],
  ] as const)('%s %s → %s (%s)', (httpMethod, path, methodName, resourcePath, pathParameters, _why) => {
    expect(route(httpMethod, path)).toEqual({ method: methodName, resourcePath, pathParameters, authorization: 'AWS_IAM' });
  });

  test('a method the resource defines beats ANY on it', () => {
    expect(route('POST', '/files/upload')).toEqual({
      method: 'proxy_post',
      resourcePath: '/files/{proxy+}',
      pathParameters: { proxy: 'upload' },
      authorization: 'NONE',
    });
  });

  test.each([
    ['PUT', '/items/42', 'the resource exists but has no PUT and no ANY'],
    ['POST', '/items', 'no POST on /items'],
    ['GET', '/files', '{proxy+} needs at least one segment and /files has no method of its own'],
    ['GET', '/Items', 'paths are case-sensitive'],
    ['GET', '/nothing', 'no such resource'],
    ['GET', '/items/42/parts/7', 'no resource below /parts'],
    ['GET', '/secret', 'a resource of another API in the same stack'],
  ])('%s %s → no method (%s)', (httpMethod, path) => {
    expect(route(httpMethod, path)).toBeUndefined();
  });

  test('a stage the API does not have → no method, even for a path that exists', () => {
    expect(route('GET', '/items', 'beta')).toBeUndefined();
    expect(route('GET', '/items', 'Prod')).toBeUndefined();
  });

  test('"no method" is answered like a missing signature: 403 Missing Authentication Token', () => {
    // API Gateway returns 403 {"message":"Missing Authentication Token"} for a resource or method that does not exist.
    expect(MISSING_AUTH_TOKEN).toEqual({ status: 403, body: '{"message":"Missing Authentication Token"}' });
  });
});

describe('AWS_IAM authorization', () => {
  const caller = assumedRoleArn('arn:aws:iam::123456789012:role/team/fx-User');
  const target = () => invokeArn(view, { method: 'GET', path: '/items/42', stage: 'prod' });
  const policy = (statements: object[]) => compilePolicy({ Version: '2012-10-17', Statement: statements }, 'fx-policy', 'identity');

  test('the resource checked is <execution ARN>/<stage>/<METHOD>/<path>', () => {
    // execute-api ARNs: arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<resource-path>.
    expect(target()).toBe(`${view.executionArn}/prod/GET/items/42`);
    expect(invokeArn(view, { method: 'GET', path: '/', stage: 'prod' })).toBe(`${view.executionArn}/prod/GET/`);
  });

  test('credentials from an identity pool act as an assumed-role session named CognitoIdentityCredentials', () => {
    expect(caller).toBe('arn:aws:sts::123456789012:assumed-role/fx-User/CognitoIdentityCredentials');
  });

  test('an identity policy that allows the ARN → allowed, no 403', () => {
    const identity = [policy([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${view.executionArn}/*/GET/items/*` }])];
    const result = authorizeIam({ identity }, caller, target(), {});
    expect(result.decision).toBe('allowed');
    expect(result.denied).toBeUndefined();
    expect(result.evaluation.matched).toEqual([{ policy: 'fx-policy', index: 0, effect: 'Allow' }]);
  });

  test('nothing allows it → 403 with API Gateway’s own words, under "Message"', () => {
    const identity = [policy([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${view.executionArn}/*/GET/items` }])];
    const result = authorizeIam({ identity }, caller, target(), {});
    expect(result.decision).toBe('implicitDeny');
    expect(result.denied).toEqual({
      status: 403,
      body: JSON.stringify({
        Message: `User: arn:aws:sts::123456789012:assumed-role/fx-User/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: ${view.executionArn}/prod/GET/items/42`,
      }),
    });
  });

  test('an explicit deny → the same 403 message ending "with an explicit deny"', () => {
    const identity = [
      policy([
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
        { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: `${view.executionArn}/*/DELETE/*` },
      ]),
    ];
    const denied = invokeArn(view, { method: 'DELETE', path: '/items/42', stage: 'prod' });
    const result = authorizeIam({ identity }, caller, denied, {});
    expect(result.decision).toBe('explicitDeny');
    expect(JSON.parse(result.denied!.body)).toEqual({
      Message: `User: ${caller} is not authorized to perform: execute-api:Invoke on resource: ${view.executionArn}/prod/DELETE/items/42 with an explicit deny`,
    });
  });

  test('a permissions boundary that does not allow the ARN → 403 although the identity policy allows it', () => {
    const identity = [policy([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }])];
    const boundaries = [compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }, 'b', 'boundary')];
    expect(authorizeIam({ identity, boundaries }, caller, target(), {}).denied?.status).toBe(403);
  });
});
