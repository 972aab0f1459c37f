import { join } from 'node:path';
import { applyOverrides } from '../../access/run-scenario';
import { loadScenario } from '../../access/scenario';
import { blocking, checkModels } from '../../guardrails/engine';
import { StackModel, synthSource, type ValueObject } from '../../model';
import { readStackJson } from '../../terraform/stacks-dir';
import { declaredByCode } from '../support/declared';
import { synth } from '../support/synth';

// The first test waits for a synth of every stack (shared with other suites, but slow on a loaded machine).
jest.setTimeout(120_000);

const SCENARIOS = join(__dirname, '..', '..', 'scenarios');

/**
 * Every what-if scenario whose config lets an attack through (or locks users out) is a config the guardrails
 * refuse: the simulator shows the consequence, the rule stops it before deploy.
 */
// One-time loads (the app built in memory for its suppressions, the catalogues) happen here, not in the first case.
beforeAll(async () => {
  await checkModels([new StackModel(synthSource(readStackJson(synth().outdir, 'office') as ValueObject, 'office/cdk.tf.json', 'office'))], declaredByCode());
}, 60_000);

test.each([
  ['office-classic-flow.json', 'RBAC-006'], // classic flow on: the client picks the role, only trust decides
  ['office-rules-self-written.json', 'RBAC-011'], // a Rules mapping reads email, which the app client may write
  ['office-tied-precedence.json', 'RBAC-009'], // groups with different roles tie: no preferred role
])('%s is refused by %s', async (file, rule) => {
  const scenario = loadScenario(join(SCENARIOS, file));
  const json = applyOverrides(readStackJson(synth().outdir, scenario.stack), scenario);
  const model = new StackModel(synthSource(json as ValueObject, `${file} (what-if)`, scenario.stack));
  const results = await checkModels([model], declaredByCode());
  expect(blocking(results).map((r) => r.rule)).toContain(rule);
});
