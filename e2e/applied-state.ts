import type { StackName } from '../stacks/app';

/**
 * Issue 12 item 4: the simulator must decide the office scenario the same on the applied state as on the synth
 * output. The one typed reader of a stack (model/, being built on main) will read both; until it lands, the e2e
 * saves `terraform show -json` of each applied stack as `<e2e folder>/<stack>.applied-state.json` and calls the
 * comparison registered here for that stack, if any.
 */
export interface AppliedStateInput {
  stack: StackName;
  /** The synthesized stack folder the apply used (cdk.tf.json). */
  synthDir: string;
  /** `terraform show -json` of the applied stack, saved while it was deployed. */
  appliedStateFile: string;
}

export interface ComparisonResult {
  /** Cells decided on both sides (e.g. users × requests of scenarios/office.json). */
  cells: number;
  /** Each cell whose outcome differs, in words; empty when the matrices are the same. */
  differences: string[];
}

export type AppliedStateComparison = (input: AppliedStateInput) => Promise<ComparisonResult>;

/** Plug-in point: model/ registers `office` here (e.g. `appliedStateComparisons.office = compareOfficeScenario`). */
export const appliedStateComparisons: Partial<Record<StackName, AppliedStateComparison>> = {};

/** Runs the registered comparison; a difference fails the e2e. Returns what to log. */
export async function compareAppliedState(input: AppliedStateInput): Promise<string> {
  const compare = appliedStateComparisons[input.stack];
  if (!compare) return `${input.stack}: applied state saved to ${input.appliedStateFile} (no synth-vs-applied comparison registered yet)`;
  const result = await compare(input);
  if (result.differences.length > 0) {
    throw new Error(`${input.stack}: the simulator decides differently on the applied state:\n${result.differences.join('\n')}`);
  }
  return `${input.stack}: simulator matrix on the applied state equals the synth output (${result.cells} cells)`;
}
