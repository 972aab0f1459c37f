import type { MatchedStatement } from '../iam';
import type { ChainStep } from '../simulate';

/** One caller × request of an exhaustive matrix. */
export interface MatrixCell {
  caller: string;
  request: string;
  /** The HTTP status, `no-credentials`, or the IAM decision for AWS actions. */
  outcome: string;
  /** 200 for HTTP, `allowed` for AWS actions. */
  granted: boolean;
  /** What the config says: granted or not; undefined when the stack has no stated intent for this caller. */
  expected: boolean | undefined;
  role: string | null;
  /** The statement(s) or setting that decided the outcome, for reviews and failure messages. */
  decidedBy: string;
}

/** The matched statements, else the hop that stopped the request, else the reason. */
export function decidedBy(matched: readonly MatchedStatement[], steps: readonly ChainStep[], reason: string): string {
  if (matched.length > 0) return matched.map((m) => `${m.policy} Statement[${m.index}]${m.sid ? ` (${m.sid})` : ''} ${m.effect}`).join('; ');
  const stop = steps.find((step) => !step.ok);
  return stop ? `${stop.hop}: ${stop.detail}` : reason;
}
