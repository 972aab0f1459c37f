import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../access/run-scenario';
import { loadScenario } from '../../access/scenario';
import { readState, readSynth, type Value } from '../../model';
import { synth } from '../support/synth';

jest.setTimeout(120_000);

/** Attributes AWS assigns that `terraform show -json` records for the office stack's resources. */
const ASSIGNED = ['id', 'arn', 'endpoint', 'execution_arn', 'root_resource_id', 'invoke_arn', 'qualified_arn', 'unique_id', 'invoke_url'];

/**
 * What `terraform show -json` writes after an apply: every resource under values.root_module with its arguments and
 * the attributes AWS assigned, all known. Built here from the synth with each id replaced by a "deployed" one, so a
 * reader that fell back on stand-ins instead of the state would be caught.
 */
function appliedState(outdir: string): { file: string; dir: string; cleanup: () => void } {
  const synthFile = join(outdir, 'stacks', 'office', 'cdk.tf.json');
  const model = readSynth(synthFile, 'office');
  const deployed = (value: Value): Value =>
    typeof value === 'string' ? value.replace(/123456789012/g, '210987654321') : Array.isArray(value) ? value.map(deployed) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deployed(v)])) : value;
  const resources = model.source.blocks
    .filter((block) => block.mode === 'resource')
    .map((block) => {
      const node = model.node(block.address)!;
      const values: Record<string, Value> = {};
      for (const key of Object.keys(block.body)) values[key] = deployed(model.read(node, key) ?? null);
      for (const attr of ASSIGNED) {
        try {
          values[attr] ??= deployed(model.attr(node, attr));
        } catch {
          // not an attribute of this type
        }
      }
      // State writes every unset argument as null.
      values.tags_all = null;
      return { address: block.address, mode: 'managed', type: block.type, name: block.name, values };
    });
  const dir = mkdtempSync(join(tmpdir(), 'state-'));
  const file = join(dir, 'office.state.json');
  writeFileSync(file, JSON.stringify({ format_version: '1.0', values: { root_module: { resources } } }));
  return { file, dir: join(outdir, 'stacks', 'office'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('the office scenario answers the same on applied state as on the synth, with the deployed ids', async () => {
  const outdir = synth().outdir;
  const state = appliedState(outdir);
  try {
    const model = readState(state.file, 'office', state.dir);
    expect(model.problems).toEqual([]);
    expect(model.region).toBe('us-east-1');
    // The state's values are used as they are: the deployed account, not the stand-in one.
    expect(model.roles.map((r) => r.arn)).toContain('arn:aws:iam::210987654321:role/office-dev-Admin');
    expect(model.apis[0]!.executionArn).toMatch(/^arn:aws:execute-api:us-east-1:210987654321:/);

    const scenario = loadScenario(join(__dirname, '..', '..', 'scenarios', 'office.json'));
    const onSynth = await runScenario(scenario, outdir);
    const onState = await runScenario(scenario, outdir, { state: state.file });
    const cells = (run: typeof onSynth) => run.results.map((r) => [r.user, r.request, r.status, r.role, r.decision, r.body]);
    // The handler echoes the caller's session ARN, which is in the deployed account: everything else is identical.
    expect(JSON.stringify(cells(onState))).toContain('assumed-role/office-dev-User');
    expect(cells(onState)).toEqual(cells(onSynth).map((row) => row.map((v) => (typeof v === 'string' ? v.replace(/123456789012/g, '210987654321') : v))));
    expect(onState.mismatches).toEqual([]);
  } finally {
    state.cleanup();
  }
});

test('what-if overrides are refused on applied state: they edit a synthesized stack', async () => {
  const outdir = synth().outdir;
  const state = appliedState(outdir);
  try {
    const scenario = loadScenario(join(__dirname, '..', '..', 'scenarios', 'office-classic-flow.json'));
    await expect(runScenario(scenario, outdir, { state: state.file })).rejects.toThrow(
      /office-classic-flow\.json: overrides: what-if overrides edit a synthesized stack, not applied state/,
    );
  } finally {
    state.cleanup();
  }
});

test('a file that is not `terraform show -json` of applied state is refused with the field named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'state-'));
  try {
    writeFileSync(join(dir, 'plan.json'), JSON.stringify({ format_version: '1.0', planned_values: {} }));
    expect(() => readState(join(dir, 'plan.json'), 'office', dir)).toThrow(/plan\.json\.values\.root_module: not the output of `terraform show -json` for applied state/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
