import { compileArnMatcher } from './arn';
import { compileConditions, type CompiledCondition } from './conditions';
import type { RequestContext, ValueMatcher } from './context';
import { isPlainObject, stringOrStringList } from './json';
import { PolicyError, type Reject } from './policy-error';
import { compilePrincipal, type PrincipalMatcher } from './principals';
import type { MatchedStatement, PolicyKind } from './types';
import { compileGlob } from './wildcard';

/** A statement reduced to matchers; everything IAM would reject has been rejected already. */
export interface CompiledStatement {
  readonly effect: 'Allow' | 'Deny';
  /** Takes the lowercased action. NotAction is already folded in. */
  readonly action: (actionLower: string) => boolean;
  /** NotResource is already folded in; absent Resource in a resource/trust policy matches anything. */
  readonly resource: (resource: string, context: RequestContext) => boolean;
  /** NotPrincipal is already folded in; undefined in identity, boundary and session policies. */
  readonly principal: PrincipalMatcher | undefined;
  /** Written as NotPrincipal: with Deny it denies every caller that has a permissions boundary. */
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** Shared, frozen: results reuse it instead of allocating one per decision. */
  readonly matched: Readonly<MatchedStatement>;
  /** Reason heads, e.g. `policy "x" Statement[0] (Sid S) allows `; the request's target completes them. */
  readonly allows: string;
  readonly denies: string;
}

export interface CompiledPolicy {
  readonly name: string;
  readonly kind: PolicyKind;
  readonly statements: readonly CompiledStatement[];
}

const VARIABLES_VERSION = '2012-10-17';
const LEGACY_VERSION = '2008-10-17';
const TOP_LEVEL_ELEMENTS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS: ReadonlySet<string> = new Set([
  'Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition',
]);
/** "Actions/Conditions must be prefaced by a vendor" - IAM's own rejection; `*` alone is the only exception. */
const ACTION = /^(?:\*|[A-Za-z0-9-]+:[^:\s]+)$/;

const KIND_DESCRIPTION: Record<PolicyKind, string> = {
  identity: 'an identity policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
  resource: 'a resource policy',
  trust: 'a trust policy',
};

/**
 * Parses, validates and compiles a policy document (a JSON string or an already-parsed value).
 * Throws PolicyError naming the policy and the offending field; a returned policy is safe to evaluate.
 */
export function compilePolicy(document: unknown, name: string, kind: PolicyKind): CompiledPolicy {
  const reject: Reject = (field, problem) => {
    throw new PolicyError(name, field, problem);
  };
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document);
    } catch (error) {
      reject('', `document is not valid JSON (${(error as Error).message})`);
    }
  }
  if (!isPlainObject(parsed)) return reject('', 'document must be a JSON object');
  for (const element of Object.keys(parsed)) {
    if (!TOP_LEVEL_ELEMENTS.has(element)) reject(element, `unknown element "${element}"`);
  }
  const version = parsed.Version;
  if (version !== undefined && version !== VARIABLES_VERSION && version !== LEGACY_VERSION) {
    reject('Version', `unknown Version ${JSON.stringify(version)}: expected "${VARIABLES_VERSION}" or "${LEGACY_VERSION}"`);
  }
  if (parsed.Id !== undefined && typeof parsed.Id !== 'string') reject('Id', 'expected a string');
  // "If you don't include the Version element ... variables like ${aws:username} are treated as
  // literal strings in the policy" (IAM policy elements: Variables and tags).
  const variables = version === VARIABLES_VERSION;

  const raw = parsed.Statement;
  if (raw === undefined) return reject('Statement', 'missing: a policy needs at least one statement');
  if (!isPlainObject(raw) && !Array.isArray(raw)) return reject('Statement', 'expected an object or an array of objects');
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) reject('Statement', 'expected at least one statement');

  const sids = new Set<string>();
  const statements = list.map((statement, index) => {
    const path = Array.isArray(raw) ? `Statement[${index}]` : 'Statement';
    const compiled = compileStatement(statement, { path, index, name, kind, variables, reject });
    const sid = compiled.matched.sid;
    // "In IAM, the Sid value must be unique within a JSON policy" (IAM JSON policy elements: Sid); other
    // services set their own rules for the resource policies they store.
    if (sid !== undefined && kind !== 'resource') {
      if (sids.has(sid)) reject(`${path}.Sid`, `duplicate Sid "${sid}"`);
      sids.add(sid);
    }
    return compiled;
  });
  return Object.freeze({ name, kind, statements: Object.freeze(statements) });
}

interface StatementScope {
  readonly path: string;
  readonly index: number;
  readonly name: string;
  readonly kind: PolicyKind;
  readonly variables: boolean;
  readonly reject: Reject;
}

function compileStatement(raw: unknown, scope: StatementScope): CompiledStatement {
  const { path, index, name, kind, variables, reject } = scope;
  if (!isPlainObject(raw)) return reject(path, 'expected an object');
  for (const element of Object.keys(raw)) {
    if (!STATEMENT_ELEMENTS.has(element)) reject(`${path}.${element}`, `unknown element "${element}"`);
  }
  const at = (element: string): string => `${path}.${element}`;

  const sid = raw.Sid;
  if (sid !== undefined && typeof sid !== 'string') reject(at('Sid'), 'expected a string');

  const effect = raw.Effect;
  if (effect === undefined) return reject(at('Effect'), 'missing: expected "Allow" or "Deny"');
  if (effect !== 'Allow' && effect !== 'Deny') {
    return reject(at('Effect'), `unknown Effect ${JSON.stringify(effect)}`);
  }

  const action = exclusivePair(raw, 'Action', 'NotAction', path, reject);
  if (action === undefined) return reject(at('Action'), 'missing: a statement needs Action or NotAction');

  const takesPrincipal = kind === 'resource' || kind === 'trust';
  const resource = exclusivePair(raw, 'Resource', 'NotResource', path, reject);
  if (resource === undefined && !takesPrincipal) {
    reject(at('Resource'), `missing: a statement in ${KIND_DESCRIPTION[kind]} needs Resource or NotResource`);
  }

  const principal = exclusivePair(raw, 'Principal', 'NotPrincipal', path, reject);
  if (principal !== undefined && !takesPrincipal) {
    // "You cannot use the Principal element in an identity-based policy" (AWS JSON policy elements: Principal).
    reject(at(principal.element), `not allowed in ${KIND_DESCRIPTION[kind]}`);
  }
  if (principal === undefined && takesPrincipal) {
    reject(at('Principal'), `missing: a statement in ${KIND_DESCRIPTION[kind]} needs Principal or NotPrincipal`);
  }
  if (principal?.negated && kind === 'trust') {
    // "You cannot use the NotPrincipal element in an IAM identity-based policy or in an IAM role trust policy."
    reject(at('NotPrincipal'), `not allowed in ${KIND_DESCRIPTION[kind]}`);
  }

  const sidText = typeof sid === 'string' ? sid : undefined;
  const label = `policy "${name}" Statement[${index}]${sidText === undefined ? '' : ` (Sid ${sidText})`} `;
  const matched: MatchedStatement = sidText === undefined ? { policy: name, index, effect } : { policy: name, sid: sidText, index, effect };
  return {
    effect,
    action: compileActions(action, at(action.element), reject),
    resource: resource === undefined ? () => true : compileResources(resource, at(resource.element), variables, reject),
    principal: principal === undefined ? undefined : compilePrincipalElement(principal, at(principal.element), reject),
    notPrincipal: principal?.negated ?? false,
    conditions: raw.Condition === undefined ? [] : compileConditions(raw.Condition, at('Condition'), variables, reject),
    matched: Object.freeze(matched),
    allows: `${label}allows `,
    denies: `${label}denies `,
  };
}

interface PairElement {
  readonly element: string;
  readonly negated: boolean;
  readonly value: unknown;
}

/** Action/NotAction, Resource/NotResource and Principal/NotPrincipal each allow one of the two forms. */
function exclusivePair(raw: Record<string, unknown>, positive: string, negative: string, path: string, reject: Reject): PairElement | undefined {
  const hasPositive = raw[positive] !== undefined;
  const hasNegative = raw[negative] !== undefined;
  if (hasPositive && hasNegative) reject(`${path}.${negative}`, `cannot be used together with ${positive}`);
  if (hasPositive) return { element: positive, negated: false, value: raw[positive] };
  if (hasNegative) return { element: negative, negated: true, value: raw[negative] };
  return undefined;
}

/** "The prefix and the action name are case insensitive" (IAM JSON policy elements: Action): lowercased once, here. */
function compileActions(pair: PairElement, path: string, reject: Reject): (actionLower: string) => boolean {
  const patterns = stringOrStringList(pair.value, path, reject).map((pattern, i) => {
    if (!ACTION.test(pattern)) {
      reject(Array.isArray(pair.value) ? `${path}[${i}]` : path, `invalid action "${pattern}": expected "service:action" or "*"`);
    }
    return compileGlob(pattern.toLowerCase());
  });
  return anyAction(patterns, pair.negated);
}

function compileResources(pair: PairElement, path: string, variables: boolean, reject: Reject): ValueMatcher {
  const matchers = stringOrStringList(pair.value, path, reject).map((pattern) => compileArnMatcher(pattern, variables, 'resource'));
  return anyResource(matchers, pair.negated);
}

function compilePrincipalElement(pair: PairElement, path: string, reject: Reject): PrincipalMatcher {
  const matcher = compilePrincipal(pair.value, path, reject);
  if (!pair.negated) return matcher;
  // NotPrincipal applies to every caller it does not name, anonymous ones included. Naming the caller's
  // account does not exempt the caller: the docs list the account beside the user only so that IAM's
  // account-level check does not deny the account as a whole.
  return (principal) => {
    const named = matcher(principal);
    return named === 'caller' || named === 'role' ? 'none' : 'caller';
  };
}

/** OR over the entries, inverted for the Not* forms. Two arities rather than rest parameters: this is the hot path. */
function anyAction(matchers: ((actionLower: string) => boolean)[], negated: boolean): (actionLower: string) => boolean {
  if (matchers.length === 1) {
    const only = matchers[0];
    return negated ? (action) => !only(action) : only;
  }
  return (action) => {
    for (const matcher of matchers) if (matcher(action)) return !negated;
    return negated;
  };
}

function anyResource(matchers: ValueMatcher[], negated: boolean): ValueMatcher {
  if (matchers.length === 1) {
    const only = matchers[0];
    return negated ? (resource, context) => !only(resource, context) : only;
  }
  return (resource, context) => {
    for (const matcher of matchers) if (matcher(resource, context)) return !negated;
    return negated;
  };
}
