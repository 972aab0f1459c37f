import type { CompiledPolicy, CompiledStatement } from './document';
import type { Decision, EvaluationResult, MatchedStatement, Principal, Request } from './types';

export interface PolicySet {
  identity: CompiledPolicy[];
  /** Permissions boundaries. */
  boundaries?: CompiledPolicy[];
  /** Session policies. */
  session?: CompiledPolicy[];
  /** The resource-based (or role trust) policy of the resource, assumed to be in the caller's account. */
  resource?: CompiledPolicy;
}

/*
 * Scratch lists reused by every call. evaluate is synchronous and calls no user code, so no two
 * evaluations can interleave; sharing them keeps the scan allocation-free until the result is built.
 */
const denies: CompiledStatement[] = [];
const identityAllows: CompiledStatement[] = [];
const boundaryAllows: CompiledStatement[] = [];
const sessionAllows: CompiledStatement[] = [];
/** Resource-policy allows that name the caller (or `*`), and those that only name its account. */
const resourceAllows: CompiledStatement[] = [];
const accountAllows: CompiledStatement[] = [];
const SCRATCH = [denies, identityAllows, boundaryAllows, sessionAllows, resourceAllows, accountAllows];

/** Callers evaluate many requests for the same action; remembering the last one skips a lowercase copy. */
let lastAction = '';
let lastActionLower = '';

function lowercaseAction(action: string): string {
  if (action !== lastAction) {
    lastAction = action;
    lastActionLower = action.toLowerCase();
  }
  return lastActionLower;
}

function applies(statement: CompiledStatement, request: Request, actionLower: string): boolean {
  if (!statement.action(actionLower) || !statement.resource(request.resource, request.context)) return false;
  for (const condition of statement.conditions) if (!condition(request.context)) return false;
  return true;
}

function scan(policies: readonly CompiledPolicy[] | undefined, request: Request, actionLower: string, allows: CompiledStatement[]): void {
  if (policies === undefined) return;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (applies(statement, request, actionLower)) (statement.effect === 'Deny' ? denies : allows).push(statement);
    }
  }
}

function scanResourcePolicy(policy: CompiledPolicy | undefined, request: Request, actionLower: string): void {
  if (policy === undefined) return;
  for (const statement of policy.statements) {
    const covers = statement.principal === undefined ? 'direct' : statement.principal(request.principal);
    if (covers === 'none' || !applies(statement, request, actionLower)) continue;
    // A Deny naming an account denies everyone in it; an Allow naming only the account is a delegation.
    if (statement.effect === 'Deny') denies.push(statement);
    else (covers === 'direct' ? resourceAllows : accountAllows).push(statement);
  }
}

/**
 * Decides one request the way IAM does within a single account (IAM "Policy evaluation logic"):
 * 1. "An explicit deny in any policy overrides any allows" - identity, boundary, session or resource.
 * 2. "If an action is allowed by an identity-based policy, a resource-based policy, or both, then AWS
 *    allows the action" - except role trust policies, which "must explicitly allow access for principals"
 *    (a trust statement that names only the caller's account delegates, so an identity policy must allow too).
 * 3. "If a permissions boundary, Organizations SCP, or session policy is present, it might override the
 *    allow with an implicit deny": a given boundary and a given session policy must each allow as well.
 *    This holds for resource-policy allows too, which is exact for principals named by role ARN ("limited
 *    by an implicit deny in a permissions boundary or session policy"); grants naming a role session or
 *    IAM user directly, which escape that limit in AWS, are not modelled separately.
 * 4. Otherwise the request is implicitly denied.
 */
export function evaluate(request: Request, policies: PolicySet): EvaluationResult {
  for (const list of SCRATCH) if (list.length > 0) list.length = 0;
  const actionLower = lowercaseAction(request.action);
  scan(policies.identity, request, actionLower, identityAllows);
  scan(policies.boundaries, request, actionLower, boundaryAllows);
  scan(policies.session, request, actionLower, sessionAllows);
  scanResourcePolicy(policies.resource, request, actionLower);

  const target = `${request.action} on ${request.resource}`;
  if (denies.length > 0) {
    const result = decided('explicitDeny', target, [denies]);
    result.reasons.push('an explicit Deny overrides every Allow');
    return result;
  }

  const trust = policies.resource?.kind === 'trust' ? policies.resource : undefined;
  const granted = trust === undefined ? (resourceAllows.length === 0 ? identityAllows : identityAllows.concat(resourceAllows)) : trustGrant();
  if (granted.length === 0) {
    let why: string;
    if (trust === undefined) {
      why = `no identity-based${policies.resource === undefined ? '' : ' or resource-based'} policy allows ${target}`;
    } else if (accountAllows.length > 0) {
      why = `trust policy "${trust.name}" names only the account of ${describe(request.principal)}, and no identity-based policy allows ${target}`;
    } else {
      why = `no statement in trust policy "${trust.name}" allows ${describe(request.principal)} to perform ${request.action}`;
    }
    return implicitDeny(target, why, [identityAllows, accountAllows]);
  }
  if (policies.boundaries !== undefined && policies.boundaries.length > 0 && boundaryAllows.length === 0) {
    return implicitDeny(target, `no permissions boundary allows ${target}`, [granted]);
  }
  if (policies.session !== undefined && policies.session.length > 0 && sessionAllows.length === 0) {
    return implicitDeny(target, `no session policy allows ${target}`, [granted, boundaryAllows]);
  }
  return decided('allowed', target, [granted, boundaryAllows, sessionAllows]);
}

/**
 * The deciding statements, each with its reason line. Written for the hot path: no rest parameters, and
 * the usual single deciding statement gets exact one-element arrays.
 */
function decided(decision: Decision, target: string, lists: readonly CompiledStatement[][]): EvaluationResult {
  const deny = decision === 'explicitDeny';
  let count = 0;
  for (const list of lists) count += list.length;
  if (count === 1) {
    for (const [only] of lists) {
      if (only !== undefined) return { decision, matched: [only.matched], reasons: [(deny ? only.denies : only.allows) + target] };
    }
  }
  const matched: MatchedStatement[] = [];
  const reasons: string[] = [];
  for (const list of lists) {
    for (const statement of list) {
      matched.push(statement.matched);
      reasons.push((deny ? statement.denies : statement.allows) + target);
    }
  }
  return { decision, matched, reasons };
}

/** No statement decided; the allows that did match still explain how far the request got. */
function implicitDeny(target: string, why: string, partialAllows: readonly CompiledStatement[][]): EvaluationResult {
  const reasons: string[] = [];
  for (const list of partialAllows) for (const statement of list) reasons.push(statement.allows + target);
  reasons.push(why);
  return { decision: 'implicitDeny', matched: [], reasons };
}

/** A trust policy grants on its own when it names the caller; naming only the account needs an identity allow too. */
function trustGrant(): CompiledStatement[] {
  if (resourceAllows.length > 0) return resourceAllows;
  return accountAllows.length > 0 && identityAllows.length > 0 ? accountAllows.concat(identityAllows) : [];
}

function describe(principal: Principal | undefined): string {
  return principal === undefined ? 'an anonymous caller' : `${principal.type} principal ${principal.id}`;
}
