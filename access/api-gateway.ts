import { Decision, EvaluationResult, evaluate, PolicySet } from './iam';
import { ACCOUNT_ID } from '../model/stand-ins';
import { TfResource, TfStack } from './terraform-reader';

/** One REST API resource in the path tree. */
interface ApiNode {
  id: string;
  pathPart: string;
  children: ApiNode[];
  /** The resource's methods by HTTP method (ANY included), indexed once so routing stays cheap. */
  methods: Map<string, TfResource>;
}

export interface ApiView {
  api: TfResource;
  apiId: string;
  executionArn: string;
  root: ApiNode;
  stages: string[];
}

export interface ApiRequest {
  method: string;
  path: string;
  stage: string;
}

/** A method that exists for the request, with what the request filled into its path. */
export interface RoutedMethod {
  method: TfResource;
  resourcePath: string;
  pathParameters: Record<string, string>;
  authorization: string;
}

/** API Gateway's answer when no stage, resource or method matches: it looks like an auth error, by design. */
export const MISSING_AUTH_TOKEN = { status: 403, body: JSON.stringify({ message: 'Missing Authentication Token' }) };

export function apiView(stack: TfStack, api: TfResource): ApiView {
  const apiId = stack.attr(api, 'id');
  const nodes = new Map<string, ApiNode>();
  const rootId = stack.attr(api, 'root_resource_id');
  const root: ApiNode = { id: rootId, pathPart: '', children: [], methods: new Map() };
  nodes.set(rootId, root);
  const resources = stack.resources('aws_api_gateway_resource').filter((r) => stack.attr(r, 'rest_api_id') === apiId);
  for (const r of resources) {
    nodes.set(stack.attr(r, 'id'), { id: stack.attr(r, 'id'), pathPart: stack.attr(r, 'path_part'), children: [], methods: new Map() });
  }
  for (const r of resources) nodes.get(stack.attr(r, 'parent_id'))?.children.push(nodes.get(stack.attr(r, 'id'))!);
  for (const m of stack.resources('aws_api_gateway_method')) {
    if (stack.attr(m, 'rest_api_id') === apiId) nodes.get(stack.attr(m, 'resource_id'))?.methods.set(stack.attr(m, 'http_method'), m);
  }
  const stages = stack
    .resources('aws_api_gateway_stage')
    .filter((s) => stack.attr(s, 'rest_api_id') === apiId)
    .map((s) => stack.attr(s, 'stage_name'));
  return { api, apiId, executionArn: stack.attr(api, 'execution_arn'), root, stages };
}

/**
 * Finds the method for a request the way API Gateway routes: a literal path part beats `{param}`, which beats a
 * greedy `{proxy+}`; ANY serves every HTTP method the resource does not define itself. Paths are case-sensitive.
 */
export function routeRequest(stack: TfStack, view: ApiView, request: ApiRequest): RoutedMethod | undefined {
  if (!view.stages.includes(request.stage)) return undefined;
  const segments = request.path.split('/').slice(1);
  const found = match(view.root, request.path === '/' ? [] : segments, {}, '');
  if (!found) return undefined;
  const method = found.node.methods.get(request.method) ?? found.node.methods.get('ANY');
  if (!method) return undefined;
  return {
    method,
    resourcePath: found.resourcePath || '/',
    pathParameters: found.parameters,
    authorization: stack.attr(method, 'authorization'),
  };
}

function match(
  node: ApiNode,
  segments: string[],
  parameters: Record<string, string>,
  resourcePath: string,
): { node: ApiNode; parameters: Record<string, string>; resourcePath: string } | undefined {
  if (segments.length === 0) return { node, parameters, resourcePath };
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '') return undefined;
  const literal = node.children.find((c) => c.pathPart === head);
  const viaLiteral = literal && match(literal, rest, parameters, `${resourcePath}/${literal.pathPart}`);
  if (viaLiteral) return viaLiteral;
  for (const child of node.children) {
    const param = /^\{([^}+]+)\}$/.exec(child.pathPart);
    if (!param) continue;
    const found = match(child, rest, { ...parameters, [param[1] as string]: head }, `${resourcePath}/${child.pathPart}`);
    if (found) return found;
  }
  const greedy = node.children.find((c) => /^\{[^}]+\+\}$/.test(c.pathPart));
  if (greedy) {
    const name = greedy.pathPart.slice(1, -2);
    return { node: greedy, parameters: { ...parameters, [name]: segments.join('/') }, resourcePath: `${resourcePath}/${greedy.pathPart}` };
  }
  return undefined;
}

/** The resource ARN AWS_IAM authorization checks: `<execution_arn>/<stage>/<METHOD>/<path>`. */
export function invokeArn(view: ApiView, request: ApiRequest): string {
  return `${view.executionArn}/${request.stage}/${request.method}/${request.path.replace(/^\//, '')}`;
}

/** The caller ARN of credentials from an identity pool: an STS assumed-role session. */
export function assumedRoleArn(roleName: string): string {
  return `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName}/CognitoIdentityCredentials`;
}

export interface IamAuthorization {
  decision: Decision;
  evaluation: EvaluationResult;
  /** 403 body when denied, in API Gateway's words. */
  denied?: { status: 403; body: string };
}

/** AWS_IAM authorization: the caller's policies must allow execute-api:Invoke on the method ARN. */
export function authorizeIam(
  policies: PolicySet,
  callerArn: string,
  resourceArn: string,
  context: Record<string, string | string[]>,
): IamAuthorization {
  const evaluation = evaluate({ action: 'execute-api:Invoke', resource: resourceArn, context }, policies);
  if (evaluation.decision === 'allowed') return { decision: 'allowed', evaluation };
  const explicit = evaluation.decision === 'explicitDeny' ? ' with an explicit deny' : '';
  const message = `User: ${callerArn} is not authorized to perform: execute-api:Invoke on resource: ${resourceArn}${explicit}`;
  return { decision: evaluation.decision, evaluation, denied: { status: 403, body: JSON.stringify({ Message: message }) } };
}
