import { join } from 'node:path';
import { apiView, ApiView, assumedRoleArn, authorizeIam, invokeArn, MISSING_AUTH_TOKEN, routeRequest } from './api-gateway';
import { Decision, evaluate, MatchedStatement } from './iam';
import { chooseRole, identityIdFor, identityPoolView, IdentityPoolView, Login } from './identity-pool';
import { INTERNAL_ERROR, invokeProxyHandler, lambdaFor } from './handler';
import { roleView, RoleView } from './role-policies';
import { assumeRole, COGNITO_IDENTITY, webIdentityContext } from './trust';
import { TfStack } from './terraform-reader';
import { issueIdToken, UserPoolView, userPoolView } from './user-pool';

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
}

export type Hop = 'token' | 'identity-pool' | 'trust' | 'iam' | 'api-gateway' | 'handler';

/** One link of the chain, for reports: what each hop saw and decided. */
export interface ChainStep {
  hop: Hop;
  ok: boolean;
  detail: string;
}

export type Credentials =
  | { ok: true; roleArn: string; role: RoleView; identityId: string; context: Record<string, string | string[]>; steps: ChainStep[] }
  | { ok: false; reason: string; steps: ChainStep[] };

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
  path: string;
  stage?: string;
}

/** Cognito groups → ID token → identity pool → trust → IAM → API Gateway → Lambda, read from one synthesized stack. */
export class Simulator {
  readonly identityPool: IdentityPoolView;
  readonly userPool: UserPoolView;
  readonly api: ApiView | undefined;
  readonly defaultStage: string | undefined;
  private readonly roles = new Map<string, RoleView>();

  constructor(readonly stack: TfStack) {
    const pools = stack.resources('aws_cognito_identity_pool');
    if (pools.length !== 1) throw new Error(`stack ${stack.name}: expected one identity pool, found ${pools.length}`);
    this.identityPool = identityPoolView(stack, pools[0]!);
    const provider = this.identityPool.providers[0];
    if (!provider) throw new Error(`stack ${stack.name}: the identity pool lists no user pool`);
    const userPool = stack.findBy('aws_cognito_user_pool', 'endpoint', provider.providerName);
    if (!userPool) throw new Error(`stack ${stack.name}: no user pool with endpoint ${provider.providerName}`);
    this.userPool = userPoolView(stack, userPool, provider.clientId);
    const apis = stack.resources('aws_api_gateway_rest_api');
    this.api = apis[0] && apiView(stack, apis[0]);
    this.defaultStage = this.api?.stages[0];
  }

  static fromStackDir(dir: string, name = 'stack'): Simulator {
    return new Simulator(TfStack.load(dir, name));
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
    const role = this.stack.findBy('aws_iam_role', 'arn', roleArn);
    if (!role) return undefined;
    const view = roleView(this.stack, role);
    this.roles.set(roleArn, view);
    return view;
  }

  /** Sign-in, GetId/GetCredentialsForIdentity and the STS trust check. */
  credentials(user: SimUser): Credentials {
    const steps: ChainStep[] = [];
    const fail = (hop: Hop, reason: string): Credentials => {
      steps.push({ hop, ok: false, detail: reason });
      return { ok: false, reason, steps };
    };
    let login: Login;
    let userSub: string | undefined;
    if (user.unauthenticated) {
      login = { kind: 'guest' };
      steps.push({ hop: 'token', ok: true, detail: 'guest: no token' });
    } else {
      const pool = user.pool === 'foreign' ? foreignPool(this.userPool) : this.userPool;
      const token = issueIdToken(pool, user.name, user.groups, user.attributes);
      userSub = token.sub;
      login = { kind: 'token', token };
      steps.push({
        hop: 'token',
        ok: true,
        detail:
          `ID token from ${pool.providerName}: cognito:groups=${JSON.stringify(token['cognito:groups'] ?? [])}, ` +
          `cognito:preferred_role=${token['cognito:preferred_role'] ?? '(none)'}`,
      });
    }
    const customRoleArn = user.customRole === undefined ? undefined : this.groupRoleArn(user.customRole);
    const choice = chooseRole(this.identityPool, login, { customRoleArn, classicFlow: user.classicFlow });
    if (!choice.ok) return fail('identity-pool', choice.reason);
    steps.push({ hop: 'identity-pool', ok: true, detail: `role ${choice.roleArn} (${choice.how})` });

    const role = this.role(choice.roleArn);
    if (!role) return fail('trust', `role ${choice.roleArn} does not exist in this stack`);
    const identity = {
      identityPoolId: this.identityPool.poolId,
      identityId: choice.identityId,
      providerName: login.kind === 'token' ? this.userPool.providerName : undefined,
      userSub,
    };
    if (user.pool === 'foreign') identity.providerName = foreignPool(this.userPool).providerName;
    const trust = assumeRole(role, identity);
    if (trust.decision !== 'allowed') {
      return fail('trust', `${role.name}'s trust policy does not allow sts:AssumeRoleWithWebIdentity (${trust.decision})`);
    }
    steps.push({ hop: 'trust', ok: true, detail: `${role.name}'s trust policy allows this identity pool (aud) and amr` });
    return { ok: true, roleArn: role.arn, role, identityId: choice.identityId, context: webIdentityContext(identity), steps };
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
    if (!credentials.ok) {
      return { status: 'no-credentials', body: '', role: null, decision: 'no-credentials', reason: credentials.reason, matched: [], steps: credentials.steps };
    }
    const result = await this.invokeAs(credentials.role, credentials.identityId, credentials.context, request);
    return { ...result, steps: [...credentials.steps, ...result.steps] };
  }

  /** API Gateway and the handler, for a caller that already holds credentials of `roleArn`. */
  async invoke(roleArn: string, identityId: string, request: HttpRequest): Promise<CallResult> {
    const role = this.role(roleArn);
    if (!role) throw new Error(`role ${roleArn} does not exist in this stack`);
    const context = webIdentityContext({
      identityPoolId: this.identityPool.poolId,
      identityId,
      providerName: this.userPool.providerName,
    });
    return this.invokeAs(role, identityId, context, request);
  }

  /** An AWS API action (e.g. s3:PutObject) decided by the role's policies alone. */
  authorizeAction(user: SimUser, request: ActionRequest): ActionResult {
    const credentials = this.credentials(user);
    if (!credentials.ok) return { decision: 'no-credentials', role: null, reason: credentials.reason, matched: [], steps: credentials.steps };
    const evaluation = evaluate(
      { action: request.action, resource: request.resource, context: { ...credentials.context, ...request.context } },
      { identity: credentials.role.identity, boundaries: credentials.role.boundaries },
    );
    const steps = [...credentials.steps, { hop: 'iam' as const, ok: evaluation.decision === 'allowed', detail: evaluation.reasons.join('; ') }];
    return { decision: evaluation.decision, role: credentials.role.name, reason: evaluation.reasons.join('; '), matched: evaluation.matched, steps };
  }

  private async invokeAs(
    role: RoleView,
    identityId: string,
    context: Record<string, string | string[]>,
    request: HttpRequest,
  ): Promise<CallResult> {
    const steps: ChainStep[] = [];
    const done = (status: number, body: string, decision: Decision, reason: string, matched: MatchedStatement[] = []): CallResult => ({
      status,
      body,
      role: role.name,
      decision,
      reason,
      matched,
      steps,
    });
    const api = this.api;
    const stage = request.stage ?? this.defaultStage ?? '';
    const routed = api && routeRequest(this.stack, api, { ...request, stage });
    if (!api || !routed) {
      steps.push({ hop: 'api-gateway', ok: false, detail: `no method ${request.method} ${request.path} on stage ${stage}` });
      return done(MISSING_AUTH_TOKEN.status, MISSING_AUTH_TOKEN.body, 'implicitDeny', 'Missing Authentication Token: no such stage, resource or method');
    }
    const resourceArn = invokeArn(api, { ...request, stage });
    const callerArn = assumedRoleArn(role.name);
    let matched: MatchedStatement[] = [];
    let decision: Decision = 'allowed';
    if (routed.authorization === 'AWS_IAM') {
      const auth = authorizeIam({ identity: role.identity, boundaries: role.boundaries }, callerArn, resourceArn, context);
      matched = auth.evaluation.matched;
      decision = auth.decision;
      steps.push({ hop: 'iam', ok: !auth.denied, detail: auth.evaluation.reasons.join('; ') });
      if (auth.denied) {
        steps.push({ hop: 'api-gateway', ok: false, detail: `403 for ${resourceArn}` });
        return done(auth.denied.status, auth.denied.body, auth.decision, auth.evaluation.reasons.join('; '), matched);
      }
    }
    steps.push({ hop: 'api-gateway', ok: true, detail: `${routed.authorization} passed for ${resourceArn}` });

    const target = lambdaFor(this.stack, routed.method, resourceArn);
    if (!target.ok) {
      steps.push({ hop: 'handler', ok: false, detail: target.reason });
      return done(500, INTERNAL_ERROR, decision, target.reason, matched);
    }
    const outcome = await invokeProxyHandler(
      this.stack,
      target.fn,
      { ...request, stage, resourcePath: routed.resourcePath, pathParameters: routed.pathParameters },
      {
        identityId,
        identityPoolId: this.identityPool.poolId,
        // A guest's credentials carry amr "unauthenticated"; API Gateway reports that type.
        authenticated: ![context[`${COGNITO_IDENTITY}:amr`] ?? []].flat().includes('unauthenticated'),
        userArn: callerArn,
        caller: `${this.stack.attr(role.role, 'unique_id')}:CognitoIdentityCredentials`,
      },
    );
    if (!outcome.ok) {
      steps.push({ hop: 'handler', ok: false, detail: outcome.reason });
      return done(outcome.status, INTERNAL_ERROR, decision, outcome.reason, matched);
    }
    steps.push({ hop: 'handler', ok: true, detail: outcome.detail });
    return done(outcome.status, outcome.body, decision, 'allowed by IAM; the handler answered', matched);
  }
}

/** An attacker's own user pool: same group names and even our role ARNs, which it can set freely. */
function foreignPool(home: UserPoolView): UserPoolView {
  const poolId = `${home.poolId.split('_')[0]}_Foreign000`;
  return { ...home, poolId, providerName: home.providerName.replace(home.poolId, poolId), clientId: 'foreignclient0000000000000' };
}
