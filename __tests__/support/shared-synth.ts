/** Which declarations a shared synth was built from: the tests' fixture configs, or the shipped stacks/*config*.ts. */
export type SynthSource = 'fixture' | 'shipped';

/** The environment variable that carries one shared synth (per source and policy version) to the test workers. */
export function sharedSynthVariable(version: string, source: SynthSource = 'fixture'): string {
  return `TEST_SHARED_SYNTH_${source.toUpperCase()}_${version.toUpperCase()}`;
}

/** The per-run folder that stands in for the temp dir during `npm test`; global teardown removes it. */
export const TEST_TEMP_ROOT = 'TEST_TEMP_ROOT';
