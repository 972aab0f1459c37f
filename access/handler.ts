import { join } from 'node:path';
import { compileGlob } from './iam/wildcard';
import { loadHandler } from './lambda-bundle';
import type { LambdaFunction, Method, StackModel } from '../model';

/** API Gateway's body when it cannot get a usable answer from the integration. */
export const INTERNAL_ERROR = JSON.stringify({ message: 'Internal server error' });

/** The caller as API Gateway fills `requestContext`: an identity-pool session for AWS_IAM, claims for a user pool. */
export interface ProxyCaller {
  session?: {
    identityId: string;
    identityPoolId: string;
    authenticated: boolean;
    userArn: string;
    /** The principal id of the assumed-role session: `<role unique id>:<session name>`. */
    caller: string;
  };
  /** COGNITO_USER_POOLS: the ID token's claims, as `requestContext.authorizer.claims`. */
  claims?: Record<string, string>;
  sourceIp: string;
}

export interface ProxyRequest {
  method: string;
  path: string;
  stage: string;
  resourcePath: string;
  pathParameters: Record<string, string>;
  query: Record<string, string> | null;
}

export type HandlerOutcome = { ok: true; status: number; body: string; detail: string } | { ok: false; status: 500 | 502; reason: string };

/**
 * The Lambda behind a method, if API Gateway may invoke it: an AWS_PROXY integration of the method, and a Lambda
 * permission for apigateway.amazonaws.com whose source_arn covers this call. Without the permission AWS answers 500.
 */
export function lambdaFor(model: StackModel, method: Method, sourceArn: string): { ok: true; fn: LambdaFunction } | { ok: false; reason: string } {
  const integration = method.integration;
  if (!integration) return { ok: false, reason: 'the method has no integration' };
  if (integration.integrationType !== 'AWS_PROXY') return { ok: false, reason: 'only AWS_PROXY integrations are simulated' };
  const fn = model.functions.find((f) => f.invokeArn === integration.uri);
  if (!fn) return { ok: false, reason: `no Lambda with invoke ARN ${integration.uri}` };
  const permitted = fn.permissions.some(
    (p) =>
      (p.action === 'lambda:InvokeFunction' || p.action === 'lambda:*') &&
      p.principal === 'apigateway.amazonaws.com' &&
      compileGlob(p.sourceArn ?? '*')(sourceArn),
  );
  if (!permitted) return { ok: false, reason: `no aws_lambda_permission lets API Gateway invoke ${fn.functionName} for ${sourceArn}` };
  return { ok: true, fn };
}

/**
 * Runs the real built handler with a REST API proxy event. A handler that throws, or answers without a
 * statusCode, gets API Gateway's 502.
 */
export async function invokeProxyHandler(model: StackModel, fn: LambdaFunction, request: ProxyRequest, caller: ProxyCaller): Promise<HandlerOutcome> {
  if (!fn.filename || !fn.handler) return { ok: false, status: 502, reason: `${fn.address} has no filename or handler to run offline` };
  const handler = loadHandler(join(model.dir, fn.filename), fn.handler);
  const event = {
    resource: request.resourcePath,
    path: request.path,
    httpMethod: request.method,
    headers: {},
    pathParameters: Object.keys(request.pathParameters).length ? request.pathParameters : null,
    queryStringParameters: request.query,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      stage: request.stage,
      httpMethod: request.method,
      resourcePath: request.resourcePath,
      identity: {
        sourceIp: caller.sourceIp,
        cognitoIdentityId: caller.session?.identityId ?? null,
        cognitoIdentityPoolId: caller.session?.identityPoolId ?? null,
        cognitoAuthenticationType: caller.session ? (caller.session.authenticated ? 'authenticated' : 'unauthenticated') : null,
        userArn: caller.session?.userArn ?? null,
        caller: caller.session?.caller ?? null,
      },
      ...(caller.claims ? { authorizer: { claims: caller.claims } } : {}),
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
    detail: `${fn.functionName} answered ${response.statusCode}`,
  };
}
