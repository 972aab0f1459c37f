/** The exhaustive matrix: every caller the config implies × every request the API or the config implies. */
import { Simulator } from '../simulate';
import { intentsFrom, projectConfigs } from './intents';
import { runMatrix, type StackMatrix } from './run';

export { failureText, formatStackMatrix, matrixSummary } from './format';
export { intentsFrom, projectConfigs } from './intents';
export { runMatrix, type SharedQuestions, type StackMatrix } from './run';
export { decidedBy, type MatrixCell } from './cells';
export type { Configs, Intent } from './intent';

/** The stacks whose config states who may do what, in report order. */
export async function matrixStacks(): Promise<string[]> {
  return [...intentsFrom(await projectConfigs()).keys()];
}

/** The matrix of one stack of `outdir` against this project's config. */
export async function stackMatrix(outdir: string, stack: string): Promise<StackMatrix> {
  const intent = intentsFrom(await projectConfigs()).get(stack);
  if (!intent) throw new Error(`no stated access for stack "${stack}"`);
  return runMatrix(Simulator.fromOutdir(outdir, stack), intent);
}
