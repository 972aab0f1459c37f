import { evaluate, type ContextValue, type Principal, type Request } from '../access/iam';
import { webIdentityContext } from '../access/trust';
import type { IdentityPool, Role, StackModel } from '../model';
import { ACCOUNT_ID } from '../model/stand-ins';
import { ALLOW_ALL, AUD_KEY, COGNITO_IDENTITY } from './roles';

/** An account that is not the stack's: where an attacker's principals, pools and resources live. */
export const FOREIGN_ACCOUNT = '999988887777';

/** The stack's account: from the ARNs AWS assigned (state), else the stand-in account of a synth. */
export function accountOf(model: StackModel): string {
  for (const arn of [...model.roles.map((r) => r.arn), ...model.functions.map((f) => f.arn)]) {
    const account = arn.split(':')[4];
    if (account && /^\d{12}$/.test(account)) return account;
  }
  return ACCOUNT_ID;
}

/** One caller the trust questions try: a label for messages, its class, and the requests it would send. */
export interface Caller {
  label: string;
  /** `intended`: who the role is for; `guest`/`provider`: other callers of the same pool; `other-pool`: identities of other pools; `outsider`: anyone else. */
  kind: 'intended' | 'guest' | 'provider' | 'other-pool' | 'outsider';
  requests: Request[];
}

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];

/** Every way a principal can ask STS for the role: one request per assume action. */
function assume(role: Role, principal: Principal | undefined, context: Record<string, ContextValue>): Request[] {
  return ASSUME_ACTIONS.map((action) => ({ action, resource: role.arn, principal, context }));
}

const cognito: Principal = { type: 'Federated', id: COGNITO_IDENTITY };

/** Literal strings the trust compares with `key` (every value of every operator), so each is tried as a caller. */
function valuesFor(role: Role, key: string): string[] {
  const out = new Set<string>();
  const statements = role.trust.json?.Statement;
  for (const statement of Array.isArray(statements) ? statements : statements ? [statements] : []) {
    const condition = (statement as { Condition?: Record<string, Record<string, unknown>> }).Condition;
    for (const keys of Object.values(condition ?? {})) {
      for (const [name, value] of Object.entries(keys ?? {})) {
        if (name.toLowerCase() !== key.toLowerCase()) continue;
        for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string' && !/[*?]/.test(item)) out.add(item);
      }
    }
  }
  return [...out];
}

/** Principal ids of one type the trust names (literal, not `*`), so each is tried as a caller. */
function principalsNamed(role: Role, type: string): string[] {
  const out = new Set<string>();
  const statements = role.trust.json?.Statement;
  for (const statement of Array.isArray(statements) ? statements : statements ? [statements] : []) {
    const s = statement as { Principal?: unknown; NotPrincipal?: unknown };
    for (const principal of [s.Principal, s.NotPrincipal]) {
      if (principal === null || typeof principal !== 'object') continue;
      const ids = (principal as Record<string, unknown>)[type];
      for (const id of Array.isArray(ids) ? ids : [ids]) if (typeof id === 'string' && id !== '*') out.add(id);
    }
  }
  return [...out];
}

/**
 * The callers a role's trust is asked about (Cognito Developer Guide, "Role trust and permissions"; IAM User Guide,
 * "Available keys for OIDC federation"): this pool's signed-in users through each Cognito provider (the intended
 * callers when the provider is one of `intendedProviders`, or the guests for a guest role), this pool's guests and
 * its users from other providers, identities of another identity pool in this account or another (including one
 * that federates this very user pool, since an app client id is no secret), AWS principals of this account and of
 * another, services, and other federated providers. Every pool id, account and provider the trust itself names is tried too, so a second value in a list
 * is never skipped.
 */
export function trustCallers(model: StackModel, role: Role, pools: IdentityPool[], guest: boolean, intendedProviders: ReadonlySet<string>): Caller[] {
  const account = accountOf(model);
  const callers: Caller[] = [];
  const own = new Set(model.identityPools.map((pool) => pool.id));
  const providers = model.userPools.map((pool) => pool.endpoint);
  const foreignProvider = `cognito-idp.${model.region}.amazonaws.com/${model.region}_AttackerPl`;
  const identity = (aud: string, providerName: string | undefined, amrExtra?: string[]) => {
    const context = webIdentityContext({ identityPoolId: aud, identityId: `${aud.split(':')[0]}:11111111-2222-4333-8444-555555555555`, providerName, userSub: 'attacker-sub' });
    if (amrExtra) context[`${COGNITO_IDENTITY}:amr`] = ['authenticated', ...amrExtra];
    return assume(role, cognito, context);
  };
  for (const pool of pools) {
    for (const provider of pool.cognitoProviders) {
      const intended = !guest && intendedProviders.has(provider.providerName);
      callers.push({ label: `a signed-in user of ${pool.address} (${provider.providerName})`, kind: intended ? 'intended' : 'provider', requests: identity(pool.id, provider.providerName) });
    }
    callers.push({ label: `a guest (unauthenticated identity) of ${pool.address}`, kind: guest ? 'intended' : 'guest', requests: identity(pool.id, undefined) });
    const logins = [
      ...Object.keys(pool.loginProviders),
      ...pool.openIdConnectProviderArns,
      ...pool.samlProviderArns,
      ...(pool.developerProviderName ? [pool.developerProviderName] : []),
    ];
    for (const login of logins) {
      callers.push({ label: `a user of ${pool.address} signed in with ${login}`, kind: 'provider', requests: identity(pool.id, undefined, [login, `${login}:attacker-sub`]) });
    }
  }
  const otherPools = new Set([`${model.region}:00000000-0000-4000-8000-00000000a77a`, `eu-west-1:00000000-0000-4000-8000-00000000b77b`, ...valuesFor(role, AUD_KEY)]);
  for (const aud of otherPools) {
    if (own.has(aud)) continue;
    for (const providerName of [...providers, foreignProvider]) {
      callers.push({ label: `a signed-in user of another identity pool (${aud}, through ${providerName})`, kind: 'other-pool', requests: identity(aud, providerName) });
    }
    callers.push({ label: `a guest of another identity pool (${aud})`, kind: 'other-pool', requests: identity(aud, undefined) });
    callers.push({ label: `a Google user of another identity pool (${aud})`, kind: 'other-pool', requests: identity(aud, undefined, ['accounts.google.com', 'accounts.google.com:attacker-sub']) });
  }
  // A pool of this stack that does not hand the role out is "another pool" too.
  for (const pool of model.identityPools) {
    if (pools.includes(pool)) continue;
    callers.push({ label: `a signed-in user of ${pool.address}, which does not hand out this role`, kind: 'other-pool', requests: identity(pool.id, providers[0] ?? foreignProvider) });
  }
  const aws = new Set([
    `arn:aws:iam::${account}:role/any-role-of-this-account`,
    `arn:aws:iam::${FOREIGN_ACCOUNT}:role/attacker`,
    `arn:aws:iam::${FOREIGN_ACCOUNT}:root`,
    ...principalsNamed(role, 'AWS').map((id) => (/^\d{12}$/.test(id) ? `arn:aws:iam::${id}:role/any-role` : id.replace(/:root$/, ':role/any-role'))),
  ]);
  for (const id of aws) {
    const principalAccount = id.split(':')[4] ?? FOREIGN_ACCOUNT;
    callers.push({
      label: `the AWS principal ${id}${principalAccount === account ? ' (this account)' : ''}`,
      kind: 'outsider',
      requests: assume(role, { type: 'AWS', id }, { 'aws:PrincipalArn': id, 'aws:PrincipalAccount': principalAccount, 'aws:PrincipalType': 'AssumedRole' }),
    });
  }
  callers.push({ label: 'an anonymous caller', kind: 'outsider', requests: assume(role, undefined, {}) });
  for (const service of new Set(['lambda.amazonaws.com', 'ec2.amazonaws.com', ...principalsNamed(role, 'Service')])) {
    callers.push({
      label: `the service ${service}`,
      kind: 'outsider',
      requests: assume(role, { type: 'Service', id: service }, { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:lambda:${model.region}:${account}:function:any` }),
    });
  }
  for (const federated of new Set(['accounts.google.com', 'graph.facebook.com', 'www.amazon.com', ...principalsNamed(role, 'Federated')])) {
    if (federated.toLowerCase() === COGNITO_IDENTITY) continue;
    const requests = ['attacker-client', ...valuesFor(role, `${federated}:aud`)].flatMap((aud) =>
      assume(role, { type: 'Federated', id: federated }, { [`${federated}:aud`]: aud, [`${federated}:sub`]: 'attacker-sub', 'saml:aud': 'https://signin.aws.amazon.com/saml' }),
    );
    callers.push({ label: `a web or SAML identity of ${federated}`, kind: 'outsider', requests });
  }
  return callers;
}

/** The first request of the caller the trust policy admits, with the statement that admits it; undefined when none is. */
export function admits(role: Role, caller: Caller): { action: string; statement: string } | undefined {
  const trust = role.trust.compiled;
  if (!trust) return undefined;
  // An AWS principal's own account can grant it anything; web identities, services and anonymous callers have no identity policy.
  const identity = caller.requests[0]?.principal?.type === 'AWS' ? [ALLOW_ALL] : [];
  for (const request of caller.requests) {
    const result = evaluate(request, { identity, resource: trust });
    if (result.decision !== 'allowed') continue;
    const deciding = result.matched.find((m) => m.policy === trust.name) ?? result.matched[0];
    return { action: request.action, statement: deciding ? `Statement[${deciding.index}]${deciding.sid ? ` (Sid ${deciding.sid})` : ''}` : 'a statement' };
  }
  return undefined;
}
