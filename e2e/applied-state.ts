import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runScenario } from '../access/run-scenario';
import { loadScenario, type Scenario } from '../access/scenario';
import type { StackName } from '../stacks/app';

export interface AppliedStateInput {
  stack: StackName;
  /** The synthesized stack folder the apply used (`<outdir>/stacks/<stack>`). */
  synthDir: string;
  /** `terraform show -json` of the applied stack, saved while it was deployed. */
  appliedStateFile: string;
}

const SCENARIOS = join(__dirname, '..', 'scenarios');

/**
 * Issue 12 item 4: the simulator reads what was applied. Every scenario of the stack that does not edit it (no
 * what-if overrides) is decided twice, on the synth output and on `terraform show -json` of the deployed stack, both
 * through the one model; each cell's status, role and decision must agree (the ids differ: moto's are real ones).
 * A difference throws and fails the e2e. Returns what to log.
 */
export async function compareAppliedState(input: AppliedStateInput): Promise<string> {
  const outdir = dirname(dirname(input.synthDir));
  const scenarios = readdirSync(SCENARIOS)
    .filter((file) => file.endsWith('.json'))
    .map((file) => loadScenario(join(SCENARIOS, file)))
    .filter((scenario: Scenario) => scenario.stack === input.stack && scenario.overrides.length === 0);
  const differences: string[] = [];
  let cells = 0;
  for (const scenario of scenarios) {
    const onSynth = await runScenario(scenario, outdir);
    const onState = await runScenario(scenario, outdir, { state: input.appliedStateFile });
    onSynth.results.forEach((synth, i) => {
      const applied = onState.results[i]!;
      cells += 1;
      const a = `${synth.status} ${synth.role ?? '-'} ${synth.decision}`;
      const b = `${applied.status} ${applied.role ?? '-'} ${applied.decision}`;
      if (a !== b) differences.push(`  ${scenario.file}: ${synth.user} × ${synth.request}: synth ${a}, applied ${b}`);
    });
  }
  if (scenarios.length === 0) return `${input.stack}: applied state saved to ${input.appliedStateFile} (no scenario of this stack to compare)`;
  if (differences.length > 0) {
    throw new Error(`${input.stack}: the simulator decides differently on the applied state:\n${differences.join('\n')}`);
  }
  return `${input.stack}: ${scenarios.length} scenario(s) decide the same on the applied state as on the synth (${cells} cells)`;
}
