import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario, ScenarioRun } from './run-scenario';
import { loadScenario } from './scenario';
import { ensureSynthesized, PROJECT_ROOT } from './synth-cache';

export const SCENARIOS_DIR = join(PROJECT_ROOT, 'scenarios');

/** Every scenario file, the main one (office.json) first. */
export function scenarioFiles(dir: string = SCENARIOS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => (a === 'office.json' ? -1 : b === 'office.json' ? 1 : a.localeCompare(b)))
    .map((f) => join(dir, f));
}

/** Runs scenarios against `outdir` (or, for one that pins a policy version, against that version's synth). */
export async function runAllScenarios(outdir: string, files: string[] = scenarioFiles()): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = [];
  for (const file of files) {
    const scenario = loadScenario(file);
    runs.push(await runScenario(scenario, scenario.policyVersion ? await ensureSynthesized(scenario.policyVersion) : outdir));
  }
  return runs;
}
