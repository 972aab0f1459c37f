import { ANONYMOUS, describeCaller, resourceAccountOf, type Caller } from './caller';
import type { CompiledPolicy, CompiledStatement } from './document';
import { actionRules, forbiddenChange, isKmsKeyRequest, type ActionRules } from './service-rules';
import type { Decision, EvaluationResult, MatchedStatement, Principal, Request } from './types';

/**
 * The policies that apply to one request. The caller's account and kind come from `request.principal`, the
 * resource's account from `request.resourceAccount` or the resource ARN (see Request).
 */
export interface PolicySet {
  /** The caller's identity-based policies (its own, its groups', the role's). */
  identity: CompiledPolicy[];
  /** Permissions boundaries of the caller's user or role; absent or empty means none is set. */
  boundaries?: CompiledPolicy[];
  /** Session policies passed when the caller's session was created; absent or empty means none was passed. */
  session?: CompiledPolicy[];
  /** The resource-based policy of the resource: a role's trust policy for STS actions, a key policy for KMS keys. */
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
/** Resource-policy allows by how they name the caller: itself (or `*`), its role, or only its account. */
const callerAllows: CompiledStatement[] = [];
const roleAllows: CompiledStatement[] = [];
const accountAllows: CompiledStatement[] = [];
const SCRATCH = [denies, identityAllows, boundaryAllows, sessionAllows, callerAllows, roleAllows, accountAllows];
const NONE: CompiledStatement[] = [];
/** The lists of an allow by identity policies alone, built once: the hot path allocates no list for it. */
const IDENTITY_GRANT = [identityAllows, boundaryAllows, sessionAllows];

/**
 * Callers evaluate many requests for the same action; remembering the last one skips a lowercase copy and
 * working out its service rules again.
 */
let lastAction = '';
let lastActionLower = '';
let lastRules: ActionRules = actionRules('');

function lowercaseAction(action: string): string {
  if (action !== lastAction) {
    lastAction = action;
    lastActionLower = action.toLowerCase();
    lastRules = actionRules(lastActionLower);
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

function scanResourcePolicy(policy: CompiledPolicy | undefined, request: Request, actionLower: string, hasBoundary: boolean): void {
  if (policy === undefined) return;
  for (const statement of policy.statements) {
    let covers = statement.principal === undefined ? 'caller' : statement.principal(request.principal);
    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions
    // boundary policy attached, regardless of the values specified in the NotPrincipal element" (Permissions
    // boundaries for IAM entities).
    if (statement.notPrincipal && statement.effect === 'Deny' && hasBoundary) covers = 'caller';
    if (covers === 'none' || !applies(statement, request, actionLower)) continue;
    // A Deny naming an account denies everyone in it; an Allow naming only the account is a delegation.
    if (statement.effect === 'Deny') denies.push(statement);
    else (covers === 'caller' ? callerAllows : covers === 'role' ? roleAllows : accountAllows).push(statement);
  }
}

/**
 * Decides one request the way IAM does (IAM User Guide, "Policy evaluation logic" and "Cross-account policy
 * evaluation logic"):
 * 1. sts:GetCallerIdentity is always allowed (see service-rules.ts).
 * 2. "An explicit deny in any policy overrides any allows" - identity, boundary, session or resource.
 * 3. Changes AWS reserves for itself (alias/aws/ aliases, AWS managed policies, aws-reserved roles) are never
 *    allowed.
 * 4. The caller's own account allows when an identity policy allows and every given permissions boundary and
 *    session policy allows too ("If a permissions boundary, Organizations SCP, or session policy is present, it
 *    might override the allow with an implicit deny").
 * 5. Within one account, a resource-policy allow also suffices, as far as the principal it names reaches
 *    (table "Resource-based policies and implicit denies in other policy types"): naming the role session, the
 *    IAM user or the federated user session escapes the implicit denies of identity policies and boundaries
 *    (sessions: session policies too); naming the role ARN is "limited by an implicit deny in a permissions
 *    boundary or session policy"; naming only the account delegates to the identity policies. Role trust
 *    policies and KMS key policies "must explicitly allow access for principals": there an identity allow
 *    counts only through such a delegation.
 * 6. Across accounts, "the request is allowed only if both evaluations return a decision of Allow": the
 *    caller's account (rule 4) and the resource policy (naming the caller, its role or its account).
 * 7. Otherwise the request is implicitly denied.
 */
export function evaluate(request: Request, policies: PolicySet): EvaluationResult {
  const actionLower = lowercaseAction(request.action);
  const rules = lastRules;
  if (rules.needsNoPermission) {
    return {
      decision: 'allowed',
      matched: [],
      reasons: [`${request.action} needs no permission, and no Deny can refuse it (AWS STS API Reference, GetCallerIdentity)`],
    };
  }
  for (const list of SCRATCH) if (list.length > 0) list.length = 0;
  const hasBoundary = policies.boundaries !== undefined && policies.boundaries.length > 0;
  scan(policies.identity, request, actionLower, identityAllows);
  scan(policies.boundaries, request, actionLower, boundaryAllows);
  scan(policies.session, request, actionLower, sessionAllows);
  scanResourcePolicy(policies.resource, request, actionLower, hasBoundary);

  const target = `${request.action} on ${request.resource}`;
  if (denies.length > 0) {
    const result = decided('explicitDeny', target, [denies]);
    result.reasons.push('an explicit Deny overrides every Allow');
    return result;
  }
  const forbidden = rules.mayChangeReserved ? forbiddenChange(actionLower, request.resource) : undefined;
  if (forbidden !== undefined) return implicitDeny(target, forbidden, [identityAllows, callerAllows, roleAllows]);

  const caller = request.principal === undefined ? ANONYMOUS : describeCaller(request.principal);
  const limits = callerLimits(caller, policies, hasBoundary, target);
  const resourceAccount = caller.account === undefined ? undefined : resourceAccountOf(request);
  if (resourceAccount !== undefined && resourceAccount !== caller.account) {
    return crossAccount(request, policies, target, limits, caller, resourceAccount);
  }
  const mustName = policies.resource?.kind === 'trust' || (rules.kms && isKmsKeyRequest(actionLower, request.resource));
  return mustName ? explicitResourceGrant(request, policies, target, limits, caller) : sameAccount(policies, target, limits, caller);
}

/** Whether the boundaries and session policies let an allow through, and if not, why. */
interface Limits {
  readonly boundaryOk: boolean;
  readonly sessionOk: boolean;
  readonly why: string | undefined;
}

/** No boundary, no session policy, not a federated user: nothing limits (shared, so the common case allocates nothing). */
const UNLIMITED: Limits = { boundaryOk: true, sessionOk: true, why: undefined };

function callerLimits(caller: Caller, policies: PolicySet, hasBoundary: boolean, target: string): Limits {
  const hasSession = policies.session !== undefined && policies.session.length > 0;
  if (!hasBoundary && !hasSession && caller.kind !== 'federated-user') return UNLIMITED;
  const boundaryOk = !hasBoundary || boundaryAllows.length > 0;
  // "If there is no session policy, the code checks whether the principal is a role session. If the principal
  // is a role session, then the request is Allowed. Otherwise, the request is implicitly denied": a federated
  // user session (GetFederationToken) has only what its session policies let through.
  const sessionOk = hasSession ? sessionAllows.length > 0 : caller.kind !== 'federated-user';
  let why: string | undefined;
  if (!boundaryOk) why = `no permissions boundary allows ${target}`;
  else if (!sessionOk) {
    why = hasSession ? `no session policy allows ${target}` : `a federated user session without session policies has no permissions from identity policies`;
  }
  return { boundaryOk, sessionOk, why };
}

/**
 * The caller's own account allows: an identity allow that boundaries and session policies let through. The root
 * user needs none: "all requests are implicitly denied with the exception of the AWS account root user, which has
 * full access" (How AWS enforcement code logic evaluates requests).
 */
function identityGrant(limits: Limits, caller: Caller): boolean {
  return (identityAllows.length > 0 || caller.kind === 'root') && limits.boundaryOk && limits.sessionOk;
}

const ROOT_ACCESS = 'the account root user has full access in its own account';

/** An allow; when the root user's own access decided it, the result says so. */
function allowed(target: string, lists: readonly (readonly CompiledStatement[])[], caller: Caller): EvaluationResult {
  const result = decided('allowed', target, lists);
  if (caller.kind === 'root' && identityAllows.length === 0) result.reasons.push(ROOT_ACCESS);
  return result;
}

/**
 * Resource-policy allows that hold on their own within the account. Naming the caller itself escapes every
 * implicit deny, except that an IAM user's grant is not said to escape a session policy; naming the role is
 * limited by boundaries and session policies.
 */
function directGrants(caller: Caller, limits: Limits): CompiledStatement[] {
  const callerOk = callerAllows.length > 0 && (caller.kind !== 'user' || limits.sessionOk);
  const roleOk = roleAllows.length > 0 && limits.boundaryOk && limits.sessionOk;
  if (callerOk && roleOk) return callerAllows.concat(roleAllows);
  return callerOk ? callerAllows : roleOk ? roleAllows : NONE;
}

function sameAccount(policies: PolicySet, target: string, limits: Limits, caller: Caller): EvaluationResult {
  const byIdentity = identityGrant(limits, caller);
  const direct = directGrants(caller, limits);
  if (byIdentity && direct.length === 0) return allowed(target, IDENTITY_GRANT, caller);
  if (byIdentity || direct.length > 0) {
    const lists = [byIdentity ? identityAllows : NONE, direct];
    // Boundaries and session policies are worth listing only when an allow had to pass them.
    if (byIdentity || direct !== callerAllows) lists.push(boundaryAllows, sessionAllows);
    return byIdentity ? allowed(target, lists, caller) : decided('allowed', target, lists);
  }
  const anyAllow = identityAllows.length + callerAllows.length + roleAllows.length > 0;
  const why = !anyAllow || limits.why === undefined
    ? `no identity-based${policies.resource === undefined ? '' : ' or resource-based'} policy allows ${target}`
    : limits.why;
  return implicitDeny(target, why, [identityAllows, callerAllows, roleAllows, limits.sessionOk ? NONE : boundaryAllows]);
}

/** Role trust policies and KMS key policies: the resource policy itself must allow, directly or by delegation. */
function explicitResourceGrant(request: Request, policies: PolicySet, target: string, limits: Limits, caller: Caller): EvaluationResult {
  const direct = directGrants(caller, limits);
  if (direct.length > 0) {
    return decided('allowed', target, direct === callerAllows ? [direct] : [direct, boundaryAllows, sessionAllows]);
  }
  if (accountAllows.length > 0 && identityGrant(limits, caller)) {
    return allowed(target, [accountAllows, identityAllows, boundaryAllows, sessionAllows], caller);
  }
  const resource = policies.resource;
  const label = resource?.kind === 'trust' ? 'trust policy' : 'key policy';
  const who = describe(request.principal);
  let why: string;
  if (resource === undefined) {
    why = `no key policy was given for ${request.resource}, and IAM policies alone cannot allow access to a KMS key`;
  } else if (accountAllows.length > 0 && identityAllows.length === 0) {
    why = `${label} "${resource.name}" names only the account of ${who}, and no identity-based policy allows ${target}`;
  } else if ((accountAllows.length > 0 || roleAllows.length > 0) && limits.why !== undefined) {
    why = limits.why;
  } else {
    why = `no statement in ${label} "${resource.name}" allows ${who} to perform ${request.action}`;
  }
  return implicitDeny(target, why, [identityAllows, accountAllows, roleAllows]);
}

/** "The request is allowed only if both evaluations return a decision of Allow." */
function crossAccount(request: Request, policies: PolicySet, target: string, limits: Limits, caller: Caller, resourceAccount: string): EvaluationResult {
  const callerAccount = caller.account;
  const resourceSide = callerAllows.concat(roleAllows, accountAllows);
  const byIdentity = identityGrant(limits, caller);
  if (byIdentity && resourceSide.length > 0) {
    return allowed(target, [resourceSide, identityAllows, boundaryAllows, sessionAllows], caller);
  }
  const crossing = `${describe(request.principal)} is in account ${callerAccount} and the resource in account ${resourceAccount}`;
  let why: string;
  if (!byIdentity) {
    why = identityAllows.length === 0 || limits.why === undefined
      ? `${crossing}: a cross-account request needs an identity-based policy in account ${callerAccount} to allow ${target}, and none does`
      : limits.why;
  } else if (policies.resource === undefined) {
    why = `${crossing}: a cross-account request needs the resource's policy to allow it, and the resource has none here`;
  } else {
    why = `${crossing}: a cross-account request needs the resource's policy to allow it, and no statement in "${policies.resource.name}" does`;
  }
  return implicitDeny(target, why, [identityAllows, resourceSide]);
}

/**
 * The deciding statements, each with its reason line. Written for the hot path: no rest parameters, and
 * the usual single deciding statement gets exact one-element arrays.
 */
function decided(decision: Decision, target: string, lists: readonly (readonly CompiledStatement[])[]): EvaluationResult {
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
function implicitDeny(target: string, why: string, partialAllows: readonly (readonly CompiledStatement[])[]): EvaluationResult {
  const reasons: string[] = [];
  for (const list of partialAllows) for (const statement of list) reasons.push(statement.allows + target);
  reasons.push(why);
  return { decision: 'implicitDeny', matched: [], reasons };
}

function describe(principal: Principal | undefined): string {
  return principal === undefined ? 'an anonymous caller' : `${principal.type} principal ${principal.id}`;
}
