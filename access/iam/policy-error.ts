/** A policy document that IAM would refuse; it is never evaluated. */
export class PolicyError extends Error {
  /** Name the caller gave the policy. */
  readonly policy: string;
  /** JSON path of the offending element, e.g. `Statement[2].Condition.StringEqualz`; empty for the whole document. */
  readonly field: string;

  constructor(policy: string, field: string, problem: string) {
    super(field === '' ? `policy "${policy}": ${problem}` : `policy "${policy}": ${field}: ${problem}`);
    this.name = 'PolicyError';
    this.policy = policy;
    this.field = field;
  }
}

/** Throws a PolicyError for one field; compile steps take it so they need not know the policy name. */
export type Reject = (field: string, problem: string) => never;
