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
  /** Absent means an anonymous caller. Only resource and trust policies look at it. */
  principal?: Principal;
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
