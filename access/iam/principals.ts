import { isAccountId } from './caller';
import { isPlainObject, stringOrStringList } from './json';
import type { Reject } from './policy-error';
import type { Principal, PrincipalType } from './types';

/**
 * How a Principal element covers the caller. The level matters because "the principal ARN that is specified in
 * the policy determines whether implicit denies in other policy types are applicable to the final decision"
 * (Policy evaluation logic, Evaluating policies within a single account):
 * - `caller`: the caller's own ARN is named (an IAM user, a role session, a federated user session, a root
 *   user, a service or web identity provider), or the element is `*`, which names every caller;
 * - `role`: the role is named, and the caller is that role (or a session of it: "When you assume a role and
 *   make a request, the principal making the request is the IAM role session ARN and not the ARN of the role
 *   itself");
 * - `account`: only the caller's account is named. That delegates to the account, which must still grant the
 *   caller through identity policies ("You can specify AWS account identifiers in the Principal element ...
 *   This delegates authority to the account" - AWS JSON policy elements: Principal);
 * - `none`: not covered.
 */
export type PrincipalMatch = 'caller' | 'role' | 'account' | 'none';

export type PrincipalMatcher = (principal: Principal | undefined) => PrincipalMatch;

const PRINCIPAL_TYPES: ReadonlySet<string> = new Set<PrincipalType>(['AWS', 'Federated', 'Service', 'CanonicalUser']);
const ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;
const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const ASSUMED_ROLE_ARN = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

/** "The account ARN and the shortened account ID behave the same way." */
function normaliseAwsId(id: string): string {
  return isAccountId(id) ? `arn:aws:iam::${id}:root` : id;
}

function accountOf(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? parts[4] : undefined;
}

/**
 * Compiles Principal/NotPrincipal. Values are literal: "You cannot use a wildcard to match part of a
 * principal name or ARN"; only `"*"` and `{"AWS": "*"}` mean everyone, anonymous callers included
 * ("Principal": "*" and "Principal" : { "AWS" : "*" } are equivalent - Principal, All principals).
 */
export function compilePrincipal(raw: unknown, path: string, reject: Reject): PrincipalMatcher {
  if (raw === '*') return () => 'caller';
  if (!isPlainObject(raw)) return reject(path, 'expected "*" or an object keyed by AWS, Federated, Service or CanonicalUser');
  const named = new Map<PrincipalType, Set<string>>();
  const accounts = new Set<string>();
  const roles = new Set<string>();
  let everyone = false;
  for (const [type, value] of Object.entries(raw)) {
    const typePath = `${path}.${type}`;
    if (!PRINCIPAL_TYPES.has(type)) reject(typePath, `unknown principal type "${type}"`);
    const ids = stringOrStringList(value, typePath, reject);
    const set = named.get(type as PrincipalType) ?? new Set<string>();
    named.set(type as PrincipalType, set);
    for (const id of ids) {
      if (type !== 'AWS') {
        set.add(id);
        continue;
      }
      if (id === '*') everyone = true;
      const normalised = normaliseAwsId(id);
      set.add(normalised);
      const root = ROOT_ARN.exec(normalised);
      if (root) accounts.add(root[1]);
      const role = ROLE_ARN.exec(normalised);
      if (role) roles.add(`${role[1]}:${role[2]}:${role[3]}`);
    }
  }
  if (everyone) return () => 'caller';

  return (principal) => {
    if (principal === undefined) return 'none';
    const id = principal.type === 'AWS' ? normaliseAwsId(principal.id) : principal.id;
    if (named.get(principal.type)?.has(id)) return principal.type === 'AWS' && ROLE_ARN.test(id) ? 'role' : 'caller';
    if (principal.type !== 'AWS') return 'none';
    // A role session is covered by its role's ARN; the session ARN drops the role's path.
    const session = ASSUMED_ROLE_ARN.exec(id);
    if (session && roles.has(`${session[1]}:${session[2]}:${session[3]}`)) return 'role';
    const account = accountOf(id);
    return account !== undefined && accounts.has(account) ? 'account' : 'none';
  };
}
