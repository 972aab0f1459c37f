import { readFileSync } from 'node:fs';
import { Decision } from './iam';
import { overrideValueProblem, resourceAttributes } from './override-types';

/** A scenario or eval file that cannot be used; the message names the file and the field. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field}: ${detail}`);
    this.name = 'ScenarioError';
  }
}

export interface ScenarioUser {
  name: string;
  groups: string[];
  description?: string;
  customRole?: string;
  pool?: 'foreign';
  unauthenticated?: boolean;
  attributes?: Record<string, string>;
  classicFlow?: boolean;
  /** The caller's IP address (aws:SourceIp). */
  sourceIp?: string;
  /** Sends a valid API key with HTTP requests. */
  apiKey?: boolean;
}

/** `customRole` on a request asks for that group's role for this request only, as an app of a shared pool would. */
export type ScenarioRequest =
  | { kind: 'http'; key: string; method: string; path: string; stage?: string; customRole?: string }
  | { kind: 'action'; key: string; action: string; resource: string; context: Record<string, string | string[]>; customRole?: string };

/** An HTTP status, `no-credentials`, or for AWS-action requests an IAM decision. */
export type Expected = number | 'no-credentials' | Decision;

/** A what-if edit to the synthesized stack, applied in memory only: `set` these attributes on every matching resource. */
export interface StackOverride {
  type: string;
  name?: string;
  set: Record<string, unknown>;
}

export interface Scenario {
  file: string;
  stack: string;
  policyVersion?: string;
  description?: string;
  overrides: StackOverride[];
  users: ScenarioUser[];
  requests: ScenarioRequest[];
  expect: Map<string, Map<string, Expected>>;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const DECISIONS = new Set<string>(['allowed', 'explicitDeny', 'implicitDeny', 'no-credentials']);
const PATH = /^\/[^\s]*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** Claims Cognito writes into every ID token from its own data: groups, roles, identity and audience. */
const RESERVED_CLAIMS = /^(cognito:.*|sub|iss|aud|token_use|auth_time|iat|exp|event_id|origin_jti|jti)$/;

type Json = Record<string, unknown>;

/** Reads and checks a scenario file's shape. Names (stack, groups) are checked against the stack by `checkAgainst`. */
export function loadScenario(file: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ScenarioError(file, '(file)', `not a readable JSON file: ${(error as Error).message}`);
  }
  return parseScenario(raw, file);
}

export function parseScenario(raw: unknown, file: string): Scenario {
  const fail = (field: string, detail: string): never => {
    throw new ScenarioError(file, field, detail);
  };
  const doc = object(raw, '(root)', fail);
  allowOnly(doc, ['stack', 'policyVersion', 'description', 'overrides', 'users', 'requests', 'expect'], '', fail);
  const stack = string(doc.stack, 'stack', fail);
  const policyVersion = doc.policyVersion === undefined ? undefined : string(doc.policyVersion, 'policyVersion', fail);
  const description = doc.description === undefined ? undefined : string(doc.description, 'description', fail);

  const overrides = array(doc.overrides ?? [], 'overrides', fail).map((item, i) => {
    const o = object(item, `overrides[${i}]`, fail);
    allowOnly(o, ['type', 'name', 'set'], `overrides[${i}].`, fail);
    const override = {
      type: string(o.type, `overrides[${i}].type`, fail),
      name: o.name === undefined ? undefined : string(o.name, `overrides[${i}].name`, fail),
      set: object(o.set, `overrides[${i}].set`, fail),
    };
    checkOverrideTypes(override, `overrides[${i}]`, fail);
    return override;
  });

  const users = array(doc.users, 'users', fail).map((item, i) => parseUser(item, `users[${i}]`, fail));
  const names = new Set<string>();
  users.forEach((u, i) => {
    if (names.has(u.name)) fail(`users[${i}].name`, `duplicate user "${u.name}"`);
    names.add(u.name);
  });

  const requests = array(doc.requests, 'requests', fail).map((item, i) => parseRequest(item, `requests[${i}]`, fail));
  const keys = new Set<string>();
  requests.forEach((r, i) => {
    if (keys.has(r.key)) fail(`requests[${i}]`, `duplicate request "${r.key}"`);
    keys.add(r.key);
  });

  const expect = new Map<string, Map<string, Expected>>();
  if (doc.expect !== undefined) {
    for (const [user, cells] of Object.entries(object(doc.expect, 'expect', fail))) {
      if (!names.has(user)) fail(`expect.${user}`, `unknown user "${user}"`);
      const row = new Map<string, Expected>();
      for (const [key, value] of Object.entries(object(cells, `expect.${user}`, fail))) {
        if (!keys.has(key)) fail(`expect.${user}.${key}`, `unknown request "${key}"`);
        row.set(key, expected(value, `expect.${user}.${key}`, fail));
      }
      expect.set(user, row);
    }
  }
  return { file, stack, policyVersion, description, overrides, users, requests, expect };
}

function parseUser(raw: unknown, field: string, fail: (f: string, d: string) => never): ScenarioUser {
  const u = object(raw, field, fail);
  allowOnly(u, ['name', 'groups', 'description', 'customRole', 'pool', 'unauthenticated', 'attributes', 'classicFlow', 'sourceIp', 'apiKey'], `${field}.`, fail);
  const user: ScenarioUser = {
    name: string(u.name, `${field}.name`, fail),
    groups: array(u.groups ?? [], `${field}.groups`, fail).map((g, j) => string(g, `${field}.groups[${j}]`, fail)),
  };
  if (u.description !== undefined) user.description = string(u.description, `${field}.description`, fail);
  if (u.customRole !== undefined) user.customRole = string(u.customRole, `${field}.customRole`, fail);
  if (u.pool !== undefined) {
    if (u.pool !== 'foreign') fail(`${field}.pool`, `expected "foreign", got ${JSON.stringify(u.pool)}`);
    user.pool = 'foreign';
  }
  if (u.unauthenticated !== undefined) user.unauthenticated = boolean(u.unauthenticated, `${field}.unauthenticated`, fail);
  if (u.classicFlow !== undefined) user.classicFlow = boolean(u.classicFlow, `${field}.classicFlow`, fail);
  if (u.apiKey !== undefined) user.apiKey = boolean(u.apiKey, `${field}.apiKey`, fail);
  if (u.sourceIp !== undefined) {
    user.sourceIp = string(u.sourceIp, `${field}.sourceIp`, fail);
    if (!IPV4.test(user.sourceIp) && !user.sourceIp.includes(':')) fail(`${field}.sourceIp`, `"${user.sourceIp}" is not an IPv4 or IPv6 address`);
  }
  if (u.attributes !== undefined) {
    user.attributes = Object.fromEntries(
      Object.entries(object(u.attributes, `${field}.attributes`, fail)).map(([k, v]) => {
        if (RESERVED_CLAIMS.test(k)) fail(`${field}.attributes.${k}`, 'Cognito sets this claim itself; no user can put it in a token');
        return [k, string(v, `${field}.attributes.${k}`, fail)];
      }),
    );
  }
  return user;
}

function parseRequest(raw: unknown, field: string, fail: (f: string, d: string) => never): ScenarioRequest {
  const r = object(raw, field, fail);
  if ('action' in r) {
    allowOnly(r, ['id', 'action', 'resource', 'context', 'customRole'], `${field}.`, fail);
    const action = string(r.action, `${field}.action`, fail);
    if (!/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) fail(`${field}.action`, `"${action}" is not service:Action`);
    const resource = string(r.resource, `${field}.resource`, fail);
    const context: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(object(r.context ?? {}, `${field}.context`, fail))) {
      context[k] = Array.isArray(v) ? v.map((x, j) => string(x, `${field}.context.${k}[${j}]`, fail)) : string(v, `${field}.context.${k}`, fail);
    }
    const key = r.id === undefined ? `${action} ${resource}` : string(r.id, `${field}.id`, fail);
    return { kind: 'action', key, action, resource, context, ...customRoleOf(r, field, fail) };
  }
  allowOnly(r, ['id', 'method', 'path', 'stage', 'customRole'], `${field}.`, fail);
  const method = string(r.method, `${field}.method`, fail);
  if (!METHODS.has(method)) fail(`${field}.method`, `unknown method "${method}" (use one of ${[...METHODS].join(', ')})`);
  const path = string(r.path, `${field}.path`, fail);
  if (!PATH.test(path)) fail(`${field}.path`, `"${path}" must start with / and contain no spaces`);
  const stage = r.stage === undefined ? undefined : string(r.stage, `${field}.stage`, fail);
  const key = r.id !== undefined ? string(r.id, `${field}.id`, fail) : stage ? `${method} /${stage}${path}` : `${method} ${path}`;
  return { kind: 'http', key, method, path, stage, ...customRoleOf(r, field, fail) };
}

function customRoleOf(r: Json, field: string, fail: (f: string, d: string) => never): { customRole?: string } {
  return r.customRole === undefined ? {} : { customRole: string(r.customRole, `${field}.customRole`, fail) };
}

function expected(value: unknown, field: string, fail: (f: string, d: string) => never): Expected {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599) return value;
  if (typeof value === 'string' && DECISIONS.has(value)) return value as Expected;
  return fail(field, `expected an HTTP status, "no-credentials", "allowed", "explicitDeny" or "implicitDeny", got ${JSON.stringify(value)}`);
}

/** Each overridden attribute must exist on the resource type and hold a value of its type (the provider's schema). */
function checkOverrideTypes(override: StackOverride, field: string, fail: (f: string, d: string) => never): void {
  const kinds = resourceAttributes(override.type);
  if (!kinds) fail(`${field}.type`, `"${override.type}" is not a resource type of the pinned AWS provider`);
  for (const [name, value] of Object.entries(override.set)) {
    const kind = kinds!.get(name);
    if (!kind) fail(`${field}.set.${name}`, `${override.type} has no attribute "${name}"`);
    const problem = overrideValueProblem(kind!, value);
    if (problem) fail(`${field}.set.${name}`, problem);
  }
}

function object(value: unknown, field: string, fail: (f: string, d: string) => never): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(field, 'expected an object');
  return value as Json;
}

function array(value: unknown, field: string, fail: (f: string, d: string) => never): unknown[] {
  if (!Array.isArray(value)) return fail(field, 'expected an array');
  return value;
}

function string(value: unknown, field: string, fail: (f: string, d: string) => never): string {
  if (typeof value !== 'string' || value === '') return fail(field, 'expected a non-empty string');
  return value;
}

function boolean(value: unknown, field: string, fail: (f: string, d: string) => never): boolean {
  if (typeof value !== 'boolean') return fail(field, 'expected true or false');
  return value;
}

function allowOnly(value: Json, keys: string[], prefix: string, fail: (f: string, d: string) => never): void {
  for (const key of Object.keys(value)) if (!keys.includes(key)) fail(`${prefix}${key}`, `unknown field (allowed: ${keys.join(', ')})`);
}
