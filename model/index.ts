/** One typed model of a stack, read once from a synth (cdk.tf.json) or applied state, shared by every consumer. */
import { loadState, loadSynth } from './source';
import { StackModel } from './stack-model';

export { StackModel } from './stack-model';
export { Unreadable, UnreadableStack } from './unreadable';
export { displayPath, isObject, loadState, loadSynth, stateSource, synthSource, type StackSource, type Value, type ValueObject } from './source';
export type * from './objects';

/** The model of `<dir>/cdk.tf.json`. */
export function readSynth(file: string, name?: string): StackModel {
  return new StackModel(loadSynth(file, name));
}

/** The model of `terraform show -json` output; `dir` is the stack's folder (for Lambda zips). */
export function readState(file: string, name: string, dir: string): StackModel {
  return new StackModel(loadState(file, name, dir));
}
