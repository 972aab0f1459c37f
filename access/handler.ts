import { join } from 'node:path';
import { globToRegExp } from './glob';
import { loadHandler } from './lambda-bundle';
import { TfResource, TfStack } from './terraform-reader';

/** API Gateway's body when it cannot get a usable answer from the integration. */
export const INTERNAL_ERROR = JSON.stringify({ message: 'Internal server error' });

/** The caller as API Gateway's AWS_IAM authorization fills `requestContext.identity`. */
export interface ProxyCaller {
  identityId: string;
  identityPoolId: string;
  authenticated: boolean;
  userArn: string;
  /** The principal id of the assumed-role session: `<role unique id>:<session name>`. */
  caller: string;
}

export interface ProxyRequest {
  method: string;
  path: string;
  stage: string;
  resourcePath: string;
  pathParameters: Record<string, string>;
}

export type HandlerOutcome = { ok: true; status: number; body: string; detail: string } | { ok: false; status: 500 | 502; reason: string };

/**
 * The Lambda behind a method, if API Gateway may invoke it: an AWS_PROXY integration on the same API, and an
 * aws_lambda_permission for apigateway.amazonaws.com whose source_arn covers this call. Without the permission
 * AWS answers 500.
 */
export function lambdaFor(stack: TfStack, method: TfResource, sourceArn: string): { ok: true; fn: TfResource } | { ok: false; reason: string } {
  const s = stack;
  const integration = s
    .resources('aws_api_gateway_integration')
    .find(
      (i) =>
        s.attr(i, 'rest_api_id') === s.attr(method, 'rest_api_id') &&
        s.attr(i, 'resource_id') === s.attr(method, 'resource_id') &&
        s.attr(i, 'http_method') === s.attr(method, 'http_method'),
    );
  if (!integration) return { ok: false, reason: 'the method has no integration' };
  if (s.attr(integration, 'type') !== 'AWS_PROXY') return { ok: false, reason: 'only AWS_PROXY integrations are simulated' };
  const fn = s.findBy('aws_lambda_function', 'invoke_arn', s.attr(integration, 'uri'));
  if (!fn) return { ok: false, reason: `no Lambda with invoke ARN ${s.attr(integration, 'uri')}` };
  const permitted = s.resources('aws_lambda_permission').some((p) => {
    const name = s.attr(p, 'function_name');
    return (
      (name === s.attr(fn, 'function_name') || name === s.attr(fn, 'arn')) &&
      s.attr(p, 'principal') === 'apigateway.amazonaws.com' &&
      globToRegExp(s.optional(p, 'source_arn') ?? '*').test(sourceArn)
    );
  });
  if (!permitted) return { ok: false, reason: `no aws_lambda_permission lets API Gateway invoke ${s.attr(fn, 'function_name')} for ${sourceArn}` };
  return { ok: true, fn };
}

/**
 * Runs the real built handler with a REST API proxy event. A handler that throws, or answers without a
 * statusCode, gets API Gateway's 502.
 */
export async function invokeProxyHandler(stack: TfStack, fn: TfResource, request: ProxyRequest, caller: ProxyCaller): Promise<HandlerOutcome> {
  const handler = loadHandler(join(stack.dir, stack.attr(fn, 'filename')), stack.attr(fn, 'handler'));
  const event = {
    resource: request.resourcePath,
    path: request.path,
    httpMethod: request.method,
    headers: {},
    pathParameters: Object.keys(request.pathParameters).length ? request.pathParameters : null,
    queryStringParameters: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      stage: request.stage,
      httpMethod: request.method,
      resourcePath: request.resourcePath,
      identity: {
        cognitoIdentityId: caller.identityId,
        cognitoIdentityPoolId: caller.identityPoolId,
        cognitoAuthenticationType: caller.authenticated ? 'authenticated' : 'unauthenticated',
        userArn: caller.userArn,
        caller: caller.caller,
      },
    },
  };
  let response: { statusCode?: unknown; body?: unknown };
  try {
    response = ((await handler(event, {})) ?? {}) as typeof response;
  } catch (error) {
    return { ok: false, status: 502, reason: `the handler threw: ${(error as Error).message}` };
  }
  if (typeof response.statusCode !== 'number') {
    return { ok: false, status: 502, reason: 'the handler returned no statusCode: a malformed Lambda proxy response' };
  }
  return {
    ok: true,
    status: response.statusCode,
    body: String(response.body ?? ''),
    detail: `${stack.attr(fn, 'function_name')} answered ${response.statusCode}`,
  };
}
