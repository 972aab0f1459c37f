import type { UserPool } from '../model';
import { standInUuid } from '../model/stand-ins';

/** A group as Cognito sees it when it issues a token. */
export interface PoolGroup {
  name: string;
  /** Cognito allows a group without precedence; it ranks after every group that has one. */
  precedence: number | null;
  roleArn: string | null;
}

/** The user pool and app client an identity pool trusts, with the pool's groups. */
export interface UserPoolView {
  pool: UserPool;
  poolId: string;
  /** `cognito-idp.<region>.amazonaws.com/<poolId>`: the token issuer without its scheme. */
  providerName: string;
  clientId: string;
  groups: PoolGroup[];
}

/** The claims of a Cognito ID token that access decisions read. */
export interface IdTokenClaims {
  sub: string;
  iss: string;
  aud: string;
  token_use: 'id';
  'cognito:username': string;
  'cognito:groups'?: string[];
  'cognito:roles'?: string[];
  'cognito:preferred_role'?: string;
  [claim: string]: string | string[] | undefined;
}

export function userPoolView(pool: UserPool, clientId: string): UserPoolView {
  const groups = pool.groups.map((group) => ({ name: group.groupName, precedence: group.precedence, roleArn: group.roleArn }));
  return { pool, poolId: pool.id, providerName: pool.endpoint, clientId, groups };
}

/**
 * `cognito:preferred_role`, per the Cognito developer guide ("Assigning precedence values to groups"): the role of
 * the group with the lowest precedence; a group without precedence ranks last; if the best groups tie with
 * different roles the claim is left out, and with the same role that role is used. Groups without a role take no
 * part: they have no role to prefer.
 */
export function preferredRole(groups: PoolGroup[]): string | undefined {
  const rank = (g: PoolGroup) => (g.precedence === null ? Number.POSITIVE_INFINITY : g.precedence);
  const withRoles = groups.filter((g) => g.roleArn !== null);
  if (withRoles.length === 0) return undefined;
  const best = Math.min(...withRoles.map(rank));
  const roles = new Set(withRoles.filter((g) => rank(g) === best).map((g) => g.roleArn as string));
  return roles.size === 1 ? [...roles][0] : undefined;
}

/** The ID token Cognito would issue to a member of `groupNames` signed in through the view's app client. */
export function issueIdToken(
  view: UserPoolView,
  username: string,
  groupNames: string[],
  attributes: Record<string, string> = {},
): IdTokenClaims {
  const groups = groupNames.map((name) => {
    const group = view.groups.find((g) => g.name === name);
    if (!group) throw new Error(`unknown group "${name}" in user pool ${view.poolId}`);
    return group;
  });
  // Cognito writes cognito:* claims from its own records only; an attribute can never supply them.
  const userClaims = Object.fromEntries(Object.entries(attributes).filter(([key]) => !key.startsWith('cognito:')));
  const claims: IdTokenClaims = {
    ...userClaims,
    sub: standInUuid(`${view.poolId}/${username}`),
    iss: `https://${view.providerName}`,
    aud: view.clientId,
    token_use: 'id',
    'cognito:username': username,
  };
  if (groups.length > 0) {
    claims['cognito:groups'] = groups.map((g) => g.name);
    const roles = [...new Set(groups.flatMap((g) => (g.roleArn ? [g.roleArn] : [])))];
    if (roles.length > 0) claims['cognito:roles'] = roles;
    const preferred = preferredRole(groups);
    if (preferred) claims['cognito:preferred_role'] = preferred;
  }
  return claims;
}
