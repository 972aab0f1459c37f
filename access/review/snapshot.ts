import type { MatrixCell } from '../exhaustive';

/** A guardrail finding as the review compares it (guardrails/types.ts Result, reduced to what identifies it). */
export interface ReviewFinding {
  rule: string;
  severity: string;
  resource: string;
  message: string;
  suppressed: boolean;
}

/** One scenario cell, reduced the way the exhaustive matrix's cells are. */
export type ScenarioCell = Pick<MatrixCell, 'caller' | 'request' | 'outcome' | 'granted' | 'role' | 'decidedBy'>;

export interface StackSnapshot {
  /** The exhaustive matrix's cells; empty for a stack whose config states no access (e.g. state). */
  cells: MatrixCell[];
  /** Keyed `<scenario file> <user>`: the scenarios that name this stack. */
  scenarios: ScenarioCell[];
  findings: ReviewFinding[];
}

/** Everything `review` compares, for one source tree: written by side.ts as JSON. */
export interface Snapshot {
  stacks: Record<string, StackSnapshot>;
}
