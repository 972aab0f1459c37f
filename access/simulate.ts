import { join } from 'node:path';
import { readSynth, StackModel, Unreadable } from '../model';
import { awsManagedPolicy } from '../model/managed-policies';
import { authorizeMethod } from './api-authorization';
import { apiView, ApiView, assumedRoleArn, invokeArn, MISSING_AUTH_TOKEN, routeRequest, splitQuery } from './api-gateway';
import { compilePolicy, CompiledPolicy, Decision, evaluate, MatchedStatement } from './iam';
import { chooseRole, identityIdFor, identityPoolView, IdentityPoolView, Login } from './identity-pool';
import { INTERNAL_ERROR, invokeProxyHandler, lambdaFor } from './handler';
import { roleView, RoleView } from './role-policies';
import { requestContext, sessionContext } from './session';
import { allowsTagSession, assumeRole, COGNITO_IDENTITY, webIdentityContext } from './trust';
import { IdTokenClaims, issueIdToken, UserPoolView, userPoolView } from './user-pool';

/**
 * Cognito scopes guest credentials of the enhanced flow down with this AWS managed policy, as a session policy
 * (Cognito developer guide, "IAM roles": "Cognito applies a scope-down policy to unauthenticated sessions";
 * AWS managed policy reference, AmazonCognitoUnAuthedIdentitiesSessionPolicy).
 */
const GUEST_SESSION_POLICY = 'arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy';
let guestSessionPolicy: CompiledPolicy | undefined;

function guestScopeDown(): CompiledPolicy {
  if (!guestSessionPolicy) {
    const document = awsManagedPolicy(GUEST_SESSION_POLICY);
    if (!document) throw new Error(`the managed policy catalogue lacks ${GUEST_SESSION_POLICY}`);
    guestSessionPolicy = compilePolicy(document, GUEST_SESSION_POLICY, 'session');
  }
  return guestSessionPolicy;
}

/** A simulated person. Only `name` and `groups` are required; the rest model attacks and edge cases. */
export interface SimUser {
  name: string;
  groups: string[];
  /** Ask for this group's role as CustomRoleArn (or, in the classic flow, as the role to assume). */
  customRole?: string;
  /** A token from a user pool the identity pool does not list. */
  pool?: 'foreign';
  /** A guest identity with no token. */
  unauthenticated?: boolean;
  /** Extra token claims, e.g. for Rules role mapping. */
  attributes?: Record<string, string>;
  /** Use the basic (classic) flow: GetOpenIdToken, then AssumeRoleWithWebIdentity. */
  classicFlow?: boolean;
  /** The caller's address, for aws:SourceIp; default a documentation address. */
  sourceIp?: string;
  /** Sends a valid API key (x-api-key) with HTTP requests. */
  apiKey?: boolean;
}

export type Hop = 'token' | 'identity-pool' | 'trust' | 'iam' | 'api-gateway' | 'handler';

/** One link of the chain, for reports: what each hop saw and decided. */
export interface ChainStep {
  hop: Hop;
  ok: boolean;
  detail: string;
}

export type Credentials =
  | {
      ok: true;
      roleArn: string;
      role: RoleView;
      identityId: string;
      context: Record<string, string | string[]>;
      /** Session policies Cognito adds (the guest scope-down); empty for signed-in users. */
      session: CompiledPolicy[];
      token: IdTokenClaims | undefined;
      steps: ChainStep[];
    }
  | { ok: false; reason: string; token: IdTokenClaims | undefined; steps: ChainStep[] };

export interface CallResult {
  status: number | 'no-credentials';
  body: string;
  role: string | null;
  decision: Decision | 'no-credentials';
  reason: string;
  matched: MatchedStatement[];
  steps: ChainStep[];
}

export interface ActionRequest {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

export interface ActionResult {
  decision: Decision | 'no-credentials';
  role: string | null;
  reason: string;
  matched: MatchedStatement[];
  steps: ChainStep[];
}

export interface HttpRequest {
  method: string;
  /** May carry a query string; it is split off before routing, as API Gateway does. */
  path: string;
  stage?: string;
}

/**
 * Cognito groups → ID token → identity pool → trust → IAM → API Gateway → Lambda, asked of one stack model. The
 * model must be readable whole: an answer from a partial stack could be wrong in either direction.
 */
export class Simulator {
  readonly identityPool: IdentityPoolView;
  readonly userPool: UserPoolView;
  readonly api: ApiView | undefined;
  readonly defaultStage: string | undefined;
  private readonly roles = new Map<string, RoleView>();

  constructor(readonly model: StackModel) {
    model.assertReadable();
    const pools = model.identityPools;
    if (pools.length !== 1) throw new Unreadable(model.file, 'aws_cognito_identity_pool', `expected one identity pool, found ${pools.length}`);
    const pool = pools[0]!;
    this.identityPool = identityPoolView(pool, model.region);
    const provider = pool.cognitoProviders.find((p) => model.userPoolOf(p));
    if (!provider) throw new Unreadable(pool.address, 'cognito_identity_providers', 'lists no user pool of this stack');
    this.userPool = userPoolView(model.userPoolOf(provider)!, provider.clientId);
    if (model.apis.length > 1) throw new Unreadable(model.file, 'aws_api_gateway_rest_api', `expected at most one REST API, found ${model.apis.length}`);
    const api = model.apis[0];
    this.api = api && apiView(api);
    this.defaultStage = this.api?.stages[0];
  }

  static fromStackDir(dir: string, name = 'stack'): Simulator {
    return new Simulator(readSynth(join(dir, 'cdk.tf.json'), name));
  }

  static fromOutdir(outdir: string, stack: string): Simulator {
    return Simulator.fromStackDir(join(outdir, 'stacks', stack), stack);
  }

  /** The identity id the identity pool gives a user of the home pool: stable per pool and username. */
  identityIdOf(username: string): string {
    const token = issueIdToken(this.userPool, username, []);
    return identityIdFor(this.identityPool, token.sub);
  }

  /** The role ARN a group carries, for CustomRoleArn requests. */
  groupRoleArn(group: string): string {
    const found = this.userPool.groups.find((g) => g.name === group);
    if (!found) throw new Error(`unknown group "${group}"`);
    if (!found.roleArn) throw new Error(`group "${group}" has no role`);
    return found.roleArn;
  }

  role(roleArn: string): RoleView | undefined {
    const cached = this.roles.get(roleArn);
    if (cached) return cached;
    const role = this.model.role(roleArn);
    if (!role) return undefined;
    const view = roleView(role);
    this.roles.set(roleArn, view);
    return view;
  }

  /** Sign-in (the ID token Cognito would issue), or a guest with no token. */
  private signIn(user: SimUser, steps: ChainStep[]): { login: Login; token?: IdTokenClaims } {
    if (user.unauthenticated) {
      steps.push({ hop: 'token', ok: true, detail: 'guest: no token' });
      return { login: { kind: 'guest' } };
    }
    const pool = user.pool === 'foreign' ? foreignPool(this.userPool) : this.userPool;
    const token = issueIdToken(pool, user.name, user.groups, user.attributes);
    const trigger = user.pool === 'foreign' ? undefined : this.userPool.pool.triggers.pre_token_generation;
    steps.push({
      hop: 'token',
      ok: true,
      detail:
        `ID token from ${pool.providerName}: cognito:groups=${JSON.stringify(token['cognito:groups'] ?? [])}, ` +
        `cognito:preferred_role=${token['cognito:preferred_role'] ?? '(none)'}` +
        (trigger ? `; note: the pre-token-generation trigger ${trigger} runs before issue and can rewrite these claims` : ''),
    });
    return { login: { kind: 'token', token }, token };
  }

  /** Sign-in, GetId/GetCredentialsForIdentity and the STS trust check. */
  credentials(user: SimUser): Credentials {
    const steps: ChainStep[] = [];
    const { login, token } = this.signIn(user, steps);
    const fail = (hop: Hop, reason: string): Credentials => {
      steps.push({ hop, ok: false, detail: reason });
      return { ok: false, reason, token, steps };
    };
    const customRoleArn = user.customRole === undefined ? undefined : this.groupRoleArn(user.customRole);
    const choice = chooseRole(this.identityPool, login, { customRoleArn, classicFlow: user.classicFlow });
    if (!choice.ok) return fail('identity-pool', choice.reason);
    steps.push({ hop: 'identity-pool', ok: true, detail: `role ${choice.roleArn} (${choice.how})` });

    const role = this.role(choice.roleArn);
    if (!role) return fail('trust', `role ${choice.roleArn} does not exist in this stack`);
    const providerName = login.kind === 'token' ? (user.pool === 'foreign' ? foreignPool(this.userPool) : this.userPool).providerName : undefined;
    const identity = { identityPoolId: this.identityPool.poolId, identityId: choice.identityId, providerName, userSub: token?.sub };
    const trust = assumeRole(role, identity);
    if (trust.decision !== 'allowed') {
      return fail('trust', `${role.name}'s trust policy does not allow sts:AssumeRoleWithWebIdentity (${trust.decision})`);
    }
    const tags = token ? this.principalTags(token) : {};
    if (Object.keys(tags).length > 0 && allowsTagSession(role, identity, tags).decision !== 'allowed') {
      return fail('trust', `the identity pool passes principal tags (${Object.keys(tags).join(', ')}), and ${role.name}'s trust policy does not allow sts:TagSession`);
    }
    steps.push({ hop: 'trust', ok: true, detail: `${role.name}'s trust policy allows this identity pool (aud) and amr` });
    // The basic flow calls STS directly, so no scope-down applies; the enhanced flow scopes guests down.
    const session = login.kind === 'guest' && !user.classicFlow ? [guestScopeDown()] : [];
    const context = {
      ...webIdentityContext(identity),
      ...sessionContext({ role, region: this.model.region, principalTags: tags, sourceIp: user.sourceIp }),
    };
    return { ok: true, roleArn: role.arn, role, identityId: choice.identityId, context, session, token, steps };
  }

  /** Attributes for access control: tag key → the token claim's value (Cognito's defaults: username → sub, client → aud). */
  private principalTags(token: IdTokenClaims): Record<string, string> {
    const mapping = this.identityPool.pool.principalTags.find(
      (m) => m.identityProviderName === this.userPool.providerName || m.identityProviderName === `${this.userPool.providerName}:${this.userPool.clientId}`,
    );
    if (!mapping || token.iss !== `https://${this.userPool.providerName}`) return {};
    const claims = Object.keys(mapping.tags).length > 0 || !mapping.useDefaults ? mapping.tags : { username: 'sub', client: 'aud' };
    const tags: Record<string, string> = {};
    for (const [key, claim] of Object.entries(claims)) {
      const value = token[claim];
      if (typeof value === 'string') tags[key] = value;
    }
    return tags;
  }

  /** For stand-in servers: the credentials a member of these groups would get. */
  credentialsForGroups(
    groups: string[],
    options: { customRoleArn?: string; username?: string } = {},
  ): { ok: true; roleArn: string; identityId: string } | { ok: false; reason: string } {
    const customRole = options.customRoleArn && this.userPool.groups.find((g) => g.roleArn === options.customRoleArn)?.name;
    if (options.customRoleArn && !customRole) return { ok: false, reason: `CustomRoleArn ${options.customRoleArn} is not a group role` };
    const result = this.credentials({ name: options.username ?? 'user', groups, customRole: customRole || undefined });
    return result.ok ? { ok: true, roleArn: result.roleArn, identityId: result.identityId } : { ok: false, reason: result.reason };
  }

  /** One HTTP call through the whole chain. */
  async call(user: SimUser, request: HttpRequest): Promise<CallResult> {
    const credentials = this.credentials(user);
    const { path, query } = splitQuery(request.path);
    const stage = request.stage ?? this.defaultStage ?? '';
    const routed = this.api && routeRequest(this.api, { method: request.method, path, stage });
    // Methods that take no AWS credentials (NONE, a user pool authorizer) answer whether or not the pool gave any.
    if (!credentials.ok && (!routed || routed.method.authorization === 'AWS_IAM')) {
      return { status: 'no-credentials', body: '', role: null, decision: 'no-credentials', reason: credentials.reason, matched: [], steps: credentials.steps };
    }
    const result = await this.invokeAs(credentials.ok ? credentials : undefined, credentials.token, { ...request, path, stage }, query, user);
    return { ...result, steps: [...credentials.steps, ...result.steps] };
  }

  /** API Gateway and the handler, for a caller that already holds credentials of `roleArn`. */
  async invoke(roleArn: string, identityId: string, request: HttpRequest): Promise<CallResult> {
    const role = this.role(roleArn);
    if (!role) throw new Error(`role ${roleArn} does not exist in this stack`);
    const identity = { identityPoolId: this.identityPool.poolId, identityId, providerName: this.userPool.providerName };
    const context = { ...webIdentityContext(identity), ...sessionContext({ role, region: this.model.region, principalTags: {} }) };
    const { path, query } = splitQuery(request.path);
    const stage = request.stage ?? this.defaultStage ?? '';
    return this.invokeAs({ role, identityId, context, session: [] }, undefined, { ...request, path, stage }, query, { name: 'caller', groups: [] });
  }

  /** An AWS API action (e.g. s3:PutObject) decided by the role's policies (and any session policy). */
  authorizeAction(user: SimUser, request: ActionRequest): ActionResult {
    const credentials = this.credentials(user);
    if (!credentials.ok) return { decision: 'no-credentials', role: null, reason: credentials.reason, matched: [], steps: credentials.steps };
    const resourcePolicy = this.resourcePolicyOf(request.resource);
    const evaluation = evaluate(
      {
        action: request.action,
        resource: request.resource,
        principal: { type: 'AWS', id: assumedRoleArn(credentials.role.arn) },
        context: { ...credentials.context, ...request.context },
      },
      { identity: credentials.role.identity, boundaries: credentials.role.boundaries, session: credentials.session, resource: resourcePolicy },
    );
    const steps = [...credentials.steps, { hop: 'iam' as const, ok: evaluation.decision === 'allowed', detail: evaluation.reasons.join('; ') }];
    return { decision: evaluation.decision, role: credentials.role.name, reason: evaluation.reasons.join('; '), matched: evaluation.matched, steps };
  }

  /**
   * The resource policy AWS evaluates with a request on this ARN: the bucket policy for a bucket or its objects, a
   * table's resource policy, a KMS key policy (IAM User Guide, "Policy evaluation logic": identity and resource
   * policies are evaluated together).
   */
  private resourcePolicyOf(arn: string): CompiledPolicy | undefined {
    const holder =
      this.model.buckets.find((b) => arn === b.arn || arn.startsWith(`${b.arn}/`)) ??
      this.model.tables.find((t) => arn === t.arn || arn.startsWith(`${t.arn}/`)) ??
      this.model.keys.find((k) => arn === k.arn);
    const doc = holder?.policy;
    if (!doc) return undefined;
    if (!doc.compiled) throw new Unreadable(doc.address, doc.field, `AWS would refuse this resource policy: ${doc.error ?? 'unknown error'}`);
    return doc.compiled;
  }

  private async invokeAs(
    session: { role: RoleView; identityId: string; context: Record<string, string | string[]>; session: CompiledPolicy[] } | undefined,
    token: IdTokenClaims | undefined,
    request: Required<HttpRequest>,
    query: Record<string, string> | null,
    user: SimUser,
  ): Promise<CallResult> {
    const steps: ChainStep[] = [];
    const role = session?.role;
    const done = (status: number, body: string, decision: Decision, reason: string, matched: MatchedStatement[] = []): CallResult => ({
      status,
      body,
      role: role?.name ?? null,
      decision,
      reason,
      matched,
      steps,
    });
    const api = this.api;
    const routed = api && routeRequest(api, request);
    if (!api || !routed) {
      steps.push({ hop: 'api-gateway', ok: false, detail: `no method ${request.method} ${request.path} on stage ${request.stage}` });
      return done(MISSING_AUTH_TOKEN.status, MISSING_AUTH_TOKEN.body, 'implicitDeny', 'Missing Authentication Token: no such stage, resource or method');
    }
    const resourceArn = invokeArn(api, request);
    const callerArn = role && assumedRoleArn(role.arn);
    const context = session?.context ?? requestContext(user.sourceIp, undefined);
    const auth = authorizeMethod(api.api, routed.method, resourceArn, {
      credentials: role && callerArn ? { policies: { identity: role.identity, boundaries: role.boundaries, session: session.session }, callerArn } : undefined,
      token,
      apiKey: user.apiKey === true,
      context,
    });
    if (!auth.ok) {
      steps.push({ hop: 'iam', ok: false, detail: auth.reason });
      steps.push({ hop: 'api-gateway', ok: false, detail: `${auth.status} for ${resourceArn}` });
      return done(auth.status, auth.body, auth.decision, auth.reason, auth.matched);
    }
    if (routed.authorization === 'AWS_IAM') steps.push({ hop: 'iam', ok: true, detail: auth.detail });
    steps.push({ hop: 'api-gateway', ok: true, detail: `${routed.authorization} passed for ${resourceArn}` });

    const target = lambdaFor(this.model, routed.method, resourceArn);
    if (!target.ok) {
      steps.push({ hop: 'handler', ok: false, detail: target.reason });
      return done(500, INTERNAL_ERROR, auth.decision, target.reason, auth.matched);
    }
    const amr = [session?.context[`${COGNITO_IDENTITY}:amr`] ?? []].flat();
    const outcome = await invokeProxyHandler(
      this.model,
      target.fn,
      { method: request.method, path: request.path, stage: request.stage, resourcePath: routed.resourcePath, pathParameters: routed.pathParameters, query },
      {
        session:
          role && session && callerArn && routed.authorization === 'AWS_IAM'
            ? {
                identityId: session.identityId,
                identityPoolId: this.identityPool.poolId,
                // A guest's credentials carry amr "unauthenticated"; API Gateway reports that type.
                authenticated: !amr.includes('unauthenticated'),
                userArn: callerArn,
                caller: `${role.role.uniqueId}:CognitoIdentityCredentials`,
              }
            : undefined,
        claims: routed.authorization === 'COGNITO_USER_POOLS' && token ? claimsOf(token) : undefined,
        sourceIp: user.sourceIp ?? String(context['aws:SourceIp']),
      },
    );
    if (!outcome.ok) {
      steps.push({ hop: 'handler', ok: false, detail: outcome.reason });
      return done(outcome.status, INTERNAL_ERROR, auth.decision, outcome.reason, auth.matched);
    }
    steps.push({ hop: 'handler', ok: true, detail: outcome.detail });
    const why = routed.authorization === 'AWS_IAM' ? 'allowed by IAM' : `authorization ${routed.authorization}`;
    return done(outcome.status, outcome.body, auth.decision, `${why}; the handler answered`, auth.matched);
  }
}

/** API Gateway passes a user pool token's claims as strings; lists are joined as it does for cognito:groups. */
function claimsOf(token: IdTokenClaims): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [key, value] of Object.entries(token)) if (value !== undefined) claims[key] = Array.isArray(value) ? value.join(',') : value;
  return claims;
}

/** An attacker's own user pool: same group names and even our role ARNs, which it can set freely. */
function foreignPool(home: UserPoolView): UserPoolView {
  const poolId = `${home.poolId.split('_')[0]}_Foreign000`;
  return { ...home, poolId, providerName: home.providerName.replace(home.poolId, poolId), clientId: 'foreignclient0000000000000' };
}
