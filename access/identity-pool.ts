import type { IdentityPool, MappingRule, RoleMapping } from '../model';
import { Unreadable } from '../model';
import { standInUuid } from '../model/stand-ins';
import { IdTokenClaims } from './user-pool';

export interface IdentityPoolView {
  pool: IdentityPool;
  poolId: string;
  region: string;
  allowUnauthenticated: boolean;
  allowClassicFlow: boolean;
  providers: Array<{ providerName: string; clientId: string }>;
  roles: { authenticated?: string; unauthenticated?: string };
  /** Keyed by `<providerName>:<clientId>`, as role_mapping's identity_provider is. */
  roleMappings: Map<string, RoleMapping>;
}

/** Cognito identity pools accept at most 25 rules per role mapping. */
export const MAX_MAPPING_RULES = 25;

export type Login = { kind: 'token'; token: IdTokenClaims } | { kind: 'guest' };

export interface RoleRequest {
  /** GetCredentialsForIdentity's CustomRoleArn, or in the classic flow the role passed to AssumeRoleWithWebIdentity. */
  customRoleArn?: string;
  classicFlow?: boolean;
}

export type RoleChoice =
  | { ok: true; roleArn: string; identityId: string; how: string }
  | { ok: false; identityId?: string; reason: string };

export function identityPoolView(pool: IdentityPool, region: string): IdentityPoolView {
  const attachment = pool.attachment;
  const roleMappings = new Map<string, RoleMapping>();
  for (const mapping of attachment?.mappings ?? []) {
    if (mapping.rules.length > MAX_MAPPING_RULES) {
      throw new Unreadable(
        attachment!.address,
        mapping.field,
        `${mapping.rules.length} rules; Cognito allows at most ${MAX_MAPPING_RULES}`,
      );
    }
    roleMappings.set(mapping.identityProvider, mapping);
  }
  return {
    pool,
    poolId: pool.id,
    region,
    allowUnauthenticated: pool.allowUnauthenticated,
    allowClassicFlow: pool.allowClassicFlow,
    providers: pool.cognitoProviders.map((p) => ({ providerName: p.providerName, clientId: p.clientId })),
    roles: attachment?.roles ?? {},
    roleMappings,
  };
}

/**
 * Which role the identity pool hands out, following the Cognito developer guide ("Role-based access control" and
 * "Identity pools authentication flow"). The trust policy of the chosen role is checked by the next hop.
 */
export function chooseRole(view: IdentityPoolView, login: Login, request: RoleRequest = {}): RoleChoice {
  if (login.kind === 'guest') {
    const identityId = `${view.region}:${standInUuid(`${view.poolId}/guest`)}`;
    if (!view.allowUnauthenticated) {
      return { ok: false, identityId, reason: 'Unauthenticated access is not supported for this identity pool.' };
    }
    if (request.classicFlow && request.customRoleArn) return classic(view, identityId, request.customRoleArn);
    if (!view.roles.unauthenticated) return { ok: false, identityId, reason: 'the identity pool has no unauthenticated role' };
    return { ok: true, identityId, roleArn: view.roles.unauthenticated, how: 'the pool’s unauthenticated role' };
  }

  const { token } = login;
  const provider = view.providers.find((p) => `https://${p.providerName}` === token.iss && p.clientId === token.aud);
  if (!provider) {
    return { ok: false, reason: `Invalid login token: issuer ${token.iss} with client ${token.aud} is not a provider of this identity pool` };
  }
  const identityId = identityIdFor(view, token.sub);
  if (request.classicFlow) {
    if (!request.customRoleArn) return { ok: false, identityId, reason: 'the classic flow needs a role ARN to assume' };
    return classic(view, identityId, request.customRoleArn);
  }

  const mapping = view.roleMappings.get(`${provider.providerName}:${provider.clientId}`);
  if (!mapping) return defaultRole(view, identityId, 'no role mapping for this provider: the pool’s authenticated role');

  if (mapping.type === 'Token') {
    const roles = token['cognito:roles'] ?? [];
    if (request.customRoleArn) {
      if (!roles.includes(request.customRoleArn)) {
        return { ok: false, identityId, reason: `CustomRoleArn ${request.customRoleArn} is not in the token's cognito:roles` };
      }
      return { ok: true, identityId, roleArn: request.customRoleArn, how: 'CustomRoleArn, found in cognito:roles' };
    }
    const preferred = token['cognito:preferred_role'];
    if (preferred) return { ok: true, identityId, roleArn: preferred, how: 'the token’s cognito:preferred_role' };
    return ambiguous(view, mapping, identityId, 'the token has no cognito:preferred_role');
  }

  const matching = mapping.rules.filter((r) => ruleMatches(r, token[r.claim]));
  const rule = matching[0];
  if (!rule) return ambiguous(view, mapping, identityId, 'no mapping rule matched the token');
  // "the IAM role for the first matching rule is used, unless CustomRoleArn is specified to override the order"
  if (request.customRoleArn) {
    const chosen = matching.find((r) => r.roleArn === request.customRoleArn);
    if (!chosen) {
      return { ok: false, identityId, reason: `CustomRoleArn ${request.customRoleArn} is not the role of any rule that matches the token` };
    }
    return { ok: true, identityId, roleArn: chosen.roleArn, how: `CustomRoleArn, matched by rule ${describeRule(chosen)}` };
  }
  return { ok: true, identityId, roleArn: rule.roleArn, how: `rule ${describeRule(rule)}` };
}

/** The identity id Cognito keeps for one user of one pool: `<region>:<uuid>`, stable across sign-ins. */
export function identityIdFor(view: IdentityPoolView, userSub: string): string {
  return `${view.region}:${standInUuid(`${view.poolId}/${userSub}`)}`;
}

function describeRule(rule: MappingRule): string {
  return `${rule.claim} ${rule.matchType} "${rule.value}"`;
}

/**
 * Rules compare one claim; a list claim such as cognito:groups matches when any of its values does. A claim the
 * token lacks matches nothing: "If the match type is NotEqual and the claim doesn't exist, the rule is not evaluated."
 */
export function ruleMatches(rule: MappingRule, claim: string | string[] | undefined): boolean {
  if (claim === undefined) return false;
  const values = Array.isArray(claim) ? claim : [claim];
  switch (rule.matchType) {
    case 'Equals':
      return values.includes(rule.value);
    case 'NotEqual':
      return !values.includes(rule.value);
    case 'StartsWith':
      return values.some((v) => v.startsWith(rule.value));
    case 'Contains':
      return values.some((v) => v.includes(rule.value));
  }
}

function ambiguous(view: IdentityPoolView, mapping: RoleMapping, identityId: string, why: string): RoleChoice {
  if (mapping.ambiguousRoleResolution === 'AuthenticatedRole') {
    return defaultRole(view, identityId, `${why}; AmbiguousRoleResolution AuthenticatedRole`);
  }
  return { ok: false, identityId, reason: `${why}, and AmbiguousRoleResolution is Deny` };
}

function defaultRole(view: IdentityPoolView, identityId: string, how: string): RoleChoice {
  if (!view.roles.authenticated) return { ok: false, identityId, reason: `${how}, but the pool has none` };
  return { ok: true, identityId, roleArn: view.roles.authenticated, how };
}

/** The basic (classic) flow: GetOpenIdToken, then the client assumes any role whose trust policy lets it. */
function classic(view: IdentityPoolView, identityId: string, roleArn: string): RoleChoice {
  if (!view.allowClassicFlow) return { ok: false, identityId, reason: 'Basic (classic) flow is not enabled for this identity pool.' };
  return { ok: true, identityId, roleArn, how: 'classic flow: the client picked the role; only its trust policy decides' };
}
