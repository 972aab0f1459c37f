import { scenarioFiles } from '../../access/run-all';
import { runScenario } from '../../access/run-scenario';
import { loadScenario } from '../../access/scenario';
import { buildApp } from '../../stacks/app';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newestPolicyVersion } from '../../policies/loader';
import { synthShipped } from '../support/synth';

/**
 * The shipped configs are tested by their scenarios: every scenario file under scenarios/ must match its `expect`
 * against the stacks the shipped stacks/*config*.ts declare. Editing a config (or a scenario) is checked here.
 */
jest.setTimeout(60_000);

/** The shipped synth for the newest policies; a scenario that pins another version gets its own synth. */
function outdirFor(policyVersion: string | undefined): string {
  if (policyVersion === undefined || policyVersion === newestPolicyVersion()) return synthShipped().outdir;
  const outdir = mkdtempSync(join(tmpdir(), `synth-shipped-${policyVersion}-`));
  buildApp({ outdir, settings: { localState: false, policyVersion } }).synth();
  return outdir;
}

test.each(scenarioFiles().map((f) => [f.split('/').pop()!, f]))('%s: every cell matches its expect', async (_name, file) => {
  const scenario = loadScenario(file);
  const run = await runScenario(scenario, outdirFor(scenario.policyVersion));
  expect(run.mismatches).toEqual([]);
  expect(run.results.every((r) => r.expected !== undefined)).toBe(true);
});

test('scenarios/office-attacks.json has at least 15 attacks, each described', () => {
  const attacks = loadScenario(join(__dirname, '..', '..', 'scenarios', 'office-attacks.json'));
  // An attack is a described persona or a request named for its trick (its id differs from "METHOD /path").
  const personas = attacks.users.filter((u) => u.description);
  const tricks = attacks.requests.filter((r) => r.kind === 'http' && r.key !== `${r.method} ${r.path}`);
  expect(personas.length + tricks.length).toBeGreaterThanOrEqual(15);
  expect(personas).toHaveLength(attacks.users.length);
});
