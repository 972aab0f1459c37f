import type { Method, RestApi } from '../model';
import { Unreadable } from '../model';
import { authorizeIam } from './api-gateway';
import { CompiledPolicy, Decision, evaluate, MatchedStatement, PolicySet } from './iam';
import type { IdTokenClaims } from './user-pool';

/** What the caller brings to API Gateway: SigV4 credentials, an ID token, an API key, or nothing. */
export interface ApiCaller {
  credentials?: { policies: PolicySet; callerArn: string };
  token?: IdTokenClaims;
  /** Sends a valid key of a usage plan for this stage (`x-api-key`). */
  apiKey: boolean;
  /** Request context keys (aws:SourceIp, aws:SecureTransport, ... and the session's keys). */
  context: Record<string, string | string[]>;
}

export type ApiAuthorization =
  | { ok: true; decision: Decision; matched: MatchedStatement[]; detail: string }
  | { ok: false; status: number; body: string; decision: Decision; matched: MatchedStatement[]; reason: string };

const UNAUTHORIZED = JSON.stringify({ message: 'Unauthorized' });
const FORBIDDEN = JSON.stringify({ message: 'Forbidden' });
export const MISSING_AUTH_TOKEN_BODY = JSON.stringify({ message: 'Missing Authentication Token' });

/**
 * Decides a call to a method the way API Gateway does (developer guide, "How API Gateway resource policies affect
 * authorization workflow"):
 * - AWS_IAM: the caller's policies and the API's resource policy together (Table A, same account);
 * - NONE: with a resource policy, only an explicit Allow admits the caller ("Resource policy only"); without one,
 *   anyone may call;
 * - COGNITO_USER_POOLS: a token from one of the authorizer's user pools, then the resource policy may still deny;
 * - CUSTOM: a Lambda authorizer answers at run time, which the simulator cannot know: refused, never guessed.
 * Then a method with api_key_required answers 403 Forbidden without a valid key.
 */
export function authorizeMethod(api: RestApi, method: Method, resourceArn: string, caller: ApiCaller): ApiAuthorization {
  const resourcePolicy = api.policy && compiledOrThrow(api);
  let outcome: ApiAuthorization;
  switch (method.authorization) {
    case 'AWS_IAM':
      outcome = iam(resourcePolicy, resourceArn, caller);
      break;
    case 'NONE':
      outcome = resourcePolicyOnly(resourcePolicy, resourceArn, caller, 'NONE');
      break;
    case 'COGNITO_USER_POOLS': {
      const token = caller.token;
      const pools = method.authorizer?.providerArns ?? [];
      const accepted = token !== undefined && pools.some((arn) => token.iss === `https://cognito-idp.${arn.split(':')[3]}.amazonaws.com/${arn.split('/').pop()}`);
      if (!accepted) {
        return {
          ok: false,
          status: 401,
          body: UNAUTHORIZED,
          decision: 'implicitDeny',
          matched: [],
          reason: token ? `the ID token's issuer ${token.iss} is not a user pool of ${method.authorizer?.address}` : 'no ID token in the Authorization header',
        };
      }
      outcome = resourcePolicy ? resourcePolicyGate(resourcePolicy, resourceArn, caller, 'the user pool authorizer accepted the ID token') : accept('the user pool authorizer accepted the ID token');
      break;
    }
    case 'CUSTOM':
      throw new Unreadable(method.address, 'authorization', 'a Lambda (CUSTOM) authorizer decides at run time; the simulator cannot answer for it');
    default:
      throw new Unreadable(method.address, 'authorization', `unknown authorization type ${JSON.stringify(method.authorization)}`);
  }
  if (outcome.ok && method.apiKeyRequired && !caller.apiKey) {
    return { ok: false, status: 403, body: FORBIDDEN, decision: 'implicitDeny', matched: [], reason: 'api_key_required: the request has no valid API key' };
  }
  return outcome;
}

function compiledOrThrow(api: RestApi): CompiledPolicy {
  const doc = api.policy!;
  if (!doc.compiled) throw new Unreadable(doc.address, doc.field, `API Gateway would refuse this resource policy: ${doc.error ?? 'unknown error'}`);
  return doc.compiled;
}

function accept(detail: string): ApiAuthorization {
  return { ok: true, decision: 'allowed', matched: [], detail };
}

function iam(resourcePolicy: CompiledPolicy | undefined, resourceArn: string, caller: ApiCaller): ApiAuthorization {
  if (!caller.credentials) {
    return { ok: false, status: 403, body: MISSING_AUTH_TOKEN_BODY, decision: 'implicitDeny', matched: [], reason: 'AWS_IAM: the request is not signed' };
  }
  const policies = resourcePolicy ? { ...caller.credentials.policies, resource: resourcePolicy } : caller.credentials.policies;
  const auth = authorizeIam(policies, caller.credentials.callerArn, resourceArn, caller.context);
  const reason = auth.evaluation.reasons.join('; ');
  if (auth.denied) return { ok: false, ...auth.denied, decision: auth.decision, matched: auth.evaluation.matched, reason };
  return { ok: true, decision: 'allowed', matched: auth.evaluation.matched, detail: reason };
}

function resourcePolicyOnly(resourcePolicy: CompiledPolicy | undefined, resourceArn: string, caller: ApiCaller, what: string): ApiAuthorization {
  if (!resourcePolicy) return accept(`authorization ${what} and no resource policy: anyone may call`);
  const evaluation = evaluate(
    { action: 'execute-api:Invoke', resource: resourceArn, principal: principalOf(caller), context: caller.context },
    { identity: [], resource: resourcePolicy },
  );
  const reason = evaluation.reasons.join('; ');
  if (evaluation.decision === 'allowed') return { ok: true, decision: 'allowed', matched: evaluation.matched, detail: reason };
  return denied(evaluation.decision, evaluation.matched, reason, caller, resourceArn);
}

/** After an authorizer allowed: only an explicit Deny of the resource policy still refuses (Table A). */
function resourcePolicyGate(resourcePolicy: CompiledPolicy, resourceArn: string, caller: ApiCaller, detail: string): ApiAuthorization {
  const evaluation = evaluate(
    { action: 'execute-api:Invoke', resource: resourceArn, principal: principalOf(caller), context: caller.context },
    { identity: [], resource: resourcePolicy },
  );
  if (evaluation.decision === 'explicitDeny') return denied('explicitDeny', evaluation.matched, evaluation.reasons.join('; '), caller, resourceArn);
  return { ok: true, decision: 'allowed', matched: evaluation.matched, detail };
}

function principalOf(caller: ApiCaller) {
  return caller.credentials ? { type: 'AWS' as const, id: caller.credentials.callerArn } : undefined;
}

function denied(decision: Decision, matched: MatchedStatement[], reason: string, caller: ApiCaller, resourceArn: string): ApiAuthorization {
  const who = caller.credentials?.callerArn ?? 'anonymous';
  const explicit = decision === 'explicitDeny' ? ' with an explicit deny' : '';
  const body = JSON.stringify({ Message: `User: ${who} is not authorized to perform: execute-api:Invoke on resource: ${resourceArn}${explicit}` });
  return { ok: false, status: 403, body, decision, matched, reason };
}
