import type { Method, RestApi } from '../model';
import { Decision, EvaluationResult, evaluate, PolicySet } from './iam';

/** One REST API resource in the path tree. */
interface ApiNode {
  id: string;
  pathPart: string;
  children: ApiNode[];
  /** The resource's methods by HTTP method (ANY included), indexed once so routing stays cheap. */
  methods: Map<string, Method>;
}

export interface ApiView {
  api: RestApi;
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
  method: Method;
  resourcePath: string;
  pathParameters: Record<string, string>;
  authorization: string;
}

/** API Gateway's answer when no stage, resource or method matches: it looks like an auth error, by design. */
export const MISSING_AUTH_TOKEN = { status: 403, body: JSON.stringify({ message: 'Missing Authentication Token' }) };

export function apiView(api: RestApi): ApiView {
  const nodes = new Map<string, ApiNode>();
  const root: ApiNode = { id: api.rootResourceId, pathPart: '', children: [], methods: new Map() };
  nodes.set(root.id, root);
  for (const r of api.resources) nodes.set(r.id, { id: r.id, pathPart: r.pathPart, children: [], methods: new Map() });
  for (const r of api.resources) nodes.get(r.parentId)?.children.push(nodes.get(r.id)!);
  for (const m of api.methods) nodes.get(m.resourceId)?.methods.set(m.httpMethod, m);
  return { api, apiId: api.id, executionArn: api.executionArn, root, stages: api.stages.map((s) => s.stageName) };
}

/**
 * A request path as API Gateway reads it: the query string is not part of the resource path, nor of the
 * execute-api ARN (API Gateway developer guide, "Resource format of permissions for executing API").
 */
export function splitQuery(path: string): { path: string; query: Record<string, string> | null } {
  const at = path.indexOf('?');
  if (at < 0) return { path, query: null };
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(path.slice(at + 1))) query[key] = value;
  return { path: path.slice(0, at), query: Object.keys(query).length ? query : null };
}

/**
 * Finds the method for a request the way API Gateway routes: a literal path part beats `{param}`, which beats a
 * greedy `{proxy+}`; ANY serves every HTTP method the resource does not define itself. Paths are case-sensitive.
 */
export function routeRequest(view: ApiView, request: ApiRequest): RoutedMethod | undefined {
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
    authorization: method.authorization,
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

/**
 * The caller ARN of credentials from an identity pool: an STS assumed-role session of the role, in the role's own
 * partition and account, named CognitoIdentityCredentials (the path of the role is not part of it).
 */
export function assumedRoleArn(roleArn: string): string {
  const [, partition, , , account, resource] = roleArn.split(':');
  const name = (resource ?? '').split('/').pop();
  return `arn:${partition}:sts::${account}:assumed-role/${name}/CognitoIdentityCredentials`;
}

export interface IamAuthorization {
  decision: Decision;
  evaluation: EvaluationResult;
  /** 403 body when denied, in API Gateway's words. */
  denied?: { status: 403; body: string };
}

/**
 * AWS_IAM authorization: execute-api:Invoke on the method ARN, decided by the caller's policies together with the
 * API's resource policy when `policies.resource` holds one. For a same-account caller either may allow and an
 * explicit deny in either wins (API Gateway developer guide, "Policy evaluation outcome tables", Table A).
 */
export function authorizeIam(
  policies: PolicySet,
  callerArn: string,
  resourceArn: string,
  context: Record<string, string | string[]>,
): IamAuthorization {
  const evaluation = evaluate({ action: 'execute-api:Invoke', resource: resourceArn, principal: { type: 'AWS', id: callerArn }, context }, policies);
  if (evaluation.decision === 'allowed') return { decision: 'allowed', evaluation };
  const explicit = evaluation.decision === 'explicitDeny' ? ' with an explicit deny' : '';
  const message = `User: ${callerArn} is not authorized to perform: execute-api:Invoke on resource: ${resourceArn}${explicit}`;
  return { decision: evaluation.decision, evaluation, denied: { status: 403, body: JSON.stringify({ Message: message }) } };
}
