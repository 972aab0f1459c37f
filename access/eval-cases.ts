import {
  compilePolicy,
  evaluate,
  isAccountId,
  PolicyError,
  type CompiledPolicy,
  type ContextValue,
  type Decision,
  type PolicyKind,
  type Principal,
  type Request,
} from './iam';
import { ScenarioError } from './scenario';

/** One line of `access eval` output: the decision, or why a policy of that case could not be read. */
export type EvalCaseResult = { id: string; decision: Decision } | { id: string; error: string };

interface EvalCase {
  id: string;
  identityPolicies: unknown[];
  permissionsBoundaries?: unknown[];
  sessionPolicies?: unknown[];
  resourcePolicy?: unknown;
  request: Request;
}

type Bad = (field: string, detail: string) => never;

const CASE_FIELDS: ReadonlySet<string> = new Set([
  'id', 'identityPolicies', 'permissionsBoundaries', 'sessionPolicies', 'resourcePolicy', 'principal', 'action', 'resource', 'resourceAccount', 'context',
]);
const PRINCIPAL_TYPES: ReadonlySet<string> = new Set(['AWS', 'Federated', 'Service', 'CanonicalUser']);

/**
 * Decides each case of an eval file. The whole file is checked before anything is evaluated, and a
 * malformed case throws a ScenarioError (`cases.json: [3].action: expected a string`), which the CLI
 * reports as bad input. A malformed policy is not bad input: IAM would refuse that policy, and the
 * answer for that case is the refusal.
 */
export function runEvalCases(input: unknown, source: string): EvalCaseResult[] {
  const bad: Bad = (field, detail) => {
    throw new ScenarioError(source, field, detail);
  };
  if (!Array.isArray(input)) return bad('(top level)', 'expected a JSON array of cases');
  const seen = new Set<string>();
  const cases = input.map((raw, i) => {
    const parsed = parseCase(raw, `[${i}]`, bad);
    if (seen.has(parsed.id)) bad(`[${i}].id`, `duplicate id "${parsed.id}"`);
    seen.add(parsed.id);
    return parsed;
  });
  return cases.map(runCase);
}

function runCase(evalCase: EvalCase): EvalCaseResult {
  const { id, request } = evalCase;
  try {
    const compileAll = (documents: unknown[] | undefined, field: string, kind: PolicyKind): CompiledPolicy[] | undefined =>
      documents?.map((document, i) => compilePolicy(document, `${field}[${i}]`, kind));
    // A role's resource policy is its trust policy, and only STS actions are decided by one.
    const resourceKind: PolicyKind = request.action.toLowerCase().startsWith('sts:') ? 'trust' : 'resource';
    const decision = evaluate(request, {
      identity: compileAll(evalCase.identityPolicies, 'identityPolicies', 'identity') ?? [],
      boundaries: compileAll(evalCase.permissionsBoundaries, 'permissionsBoundaries', 'boundary'),
      session: compileAll(evalCase.sessionPolicies, 'sessionPolicies', 'session'),
      resource: evalCase.resourcePolicy === undefined ? undefined : compilePolicy(evalCase.resourcePolicy, 'resourcePolicy', resourceKind),
    }).decision;
    return { id, decision };
  } catch (error) {
    if (error instanceof PolicyError) return { id, error: error.message };
    throw error;
  }
}

function parseCase(raw: unknown, at: string, bad: Bad): EvalCase {
  if (!isObject(raw)) return bad(at, 'expected an object');
  for (const field of Object.keys(raw)) {
    if (!CASE_FIELDS.has(field)) bad(`${at}.${field}`, 'unknown field');
  }
  const text = (field: string): string => {
    const value = raw[field];
    if (typeof value !== 'string') return bad(`${at}.${field}`, 'expected a string');
    if (value === '') return bad(`${at}.${field}`, 'expected a non-empty string');
    return value;
  };
  const id = text('id');
  const request: Request = { action: text('action'), resource: text('resource') };
  if (raw.principal !== undefined) request.principal = parsePrincipal(raw.principal, `${at}.principal`, bad);
  if (raw.context !== undefined) request.context = parseContext(raw.context, `${at}.context`, bad);
  // The caller's account comes from the principal; the resource's from its ARN, or from this field when the
  // ARN names none (S3). A different account makes the case a cross-account request.
  const account = raw.resourceAccount;
  if (account !== undefined) {
    if (typeof account !== 'string' || !isAccountId(account)) return bad(`${at}.resourceAccount`, 'expected a 12-digit account ID');
    request.resourceAccount = account;
  }
  return {
    id,
    identityPolicies: policyList(raw.identityPolicies, `${at}.identityPolicies`, bad) ?? [],
    permissionsBoundaries: policyList(raw.permissionsBoundaries, `${at}.permissionsBoundaries`, bad),
    sessionPolicies: policyList(raw.sessionPolicies, `${at}.sessionPolicies`, bad),
    resourcePolicy: raw.resourcePolicy === undefined ? undefined : policyDocument(raw.resourcePolicy, `${at}.resourcePolicy`, bad),
    request,
  };
}

function policyList(value: unknown, at: string, bad: Bad): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return bad(at, 'expected an array of policy documents');
  return value.map((document, i) => policyDocument(document, `${at}[${i}]`, bad));
}

/** The document's content is left to compilePolicy: a broken policy is a per-case answer, not bad input. */
function policyDocument(value: unknown, at: string, bad: Bad): unknown {
  return isObject(value) || typeof value === 'string' ? value : bad(at, 'expected a policy document (a JSON object or string)');
}

/** An ARN string is an AWS principal; otherwise exactly one of `{"Federated"|"Service"|"AWS"|"CanonicalUser": id}`. */
function parsePrincipal(value: unknown, at: string, bad: Bad): Principal {
  if (typeof value === 'string' && value !== '') return { type: 'AWS', id: value };
  const entries = isObject(value) ? Object.entries(value) : [];
  if (entries.length !== 1) return bad(at, 'expected an ARN string or an object with one of AWS, Federated, Service, CanonicalUser');
  const [type, id] = entries[0];
  if (!PRINCIPAL_TYPES.has(type)) return bad(`${at}.${type}`, 'unknown principal type: expected AWS, Federated, Service or CanonicalUser');
  if (typeof id !== 'string' || id === '') return bad(`${at}.${type}`, 'expected a non-empty string');
  return { type: type as Principal['type'], id };
}

function parseContext(value: unknown, at: string, bad: Bad): Record<string, ContextValue> {
  if (!isObject(value)) return bad(at, 'expected an object of condition keys');
  const context: Record<string, ContextValue> = {};
  for (const [key, entry] of Object.entries(value)) {
    const isStringList = Array.isArray(entry) && entry.every((item) => typeof item === 'string');
    if (typeof entry !== 'string' && !isStringList) bad(`${at}.${key}`, 'expected a string or an array of strings');
    context[key] = entry as ContextValue;
  }
  return context;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
