/** Public vocabulary of the evaluator. Decision values are exactly those of IAM SimulateCustomPolicy. */
export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/**
 * Where a policy is attached decides which elements it must or must not have:
 * identity, boundary and session policies name no Principal; resource and trust policies must.
 */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session';

/** A request context value; an array is a multivalued key. */
export type ContextValue = string | string[];

export type PrincipalType = 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';

export interface Principal {
  type: PrincipalType;
  id: string;
}

export interface Request {
  action: string;
  resource: string;
  /**
   * Absent means an anonymous caller. Resource and trust policies match it; for an AWS principal its ARN (or
   * bare account ID) also gives the caller's account and kind (role session, IAM user, federated user, root),
   * which decide cross-account evaluation and how far a resource policy escapes boundaries and session policies.
   */
  principal?: Principal;
  /**
   * The 12-digit account that owns the resource. Needed only when the resource ARN names no account (S3
   * buckets and objects); otherwise the ARN's account field is used. When neither says, and when the caller has
   * no account, the request is evaluated as a same-account request.
   */
  resourceAccount?: string;
  /** Condition keys; names are matched case-insensitively, as IAM does. */
  context?: Record<string, ContextValue>;
}

export interface MatchedStatement {
  policy: string;
  sid?: string;
  index: number;
  effect: 'Allow' | 'Deny';
}

export interface EvaluationResult {
  decision: Decision;
  /** The statements that decided: the denies for explicitDeny, the allows for allowed, none for implicitDeny. */
  matched: MatchedStatement[];
  /** Human-readable chain of why, in evaluation order. */
  reasons: string[];
}
