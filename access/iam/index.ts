/** Offline AWS IAM policy evaluator: compile a policy once with compilePolicy, then evaluate requests. */
export type { Caller, CallerKind } from './caller';
export { describeCaller, isAccountId } from './caller';
export type { CompiledPolicy } from './document';
export { compilePolicy } from './document';
export type { PolicySet } from './evaluate';
export { evaluate } from './evaluate';
export { PolicyError } from './policy-error';
export type {
  ContextValue,
  Decision,
  EvaluationResult,
  MatchedStatement,
  Principal,
  PolicyKind,
  Request,
} from './types';
