/** The environment variable that carries the shared synth of one policy version to the test workers. */
export function sharedSynthVariable(version: string): string {
  return `TEST_SHARED_SYNTH_${version.toUpperCase()}`;
}
