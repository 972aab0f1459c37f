import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { runCheck } from '../../bin/check';
import { ENGINE_CHECKS } from '../../guardrails/engine';
import { RULES } from '../../guardrails/rules';
import { newestPolicyVersion } from '../../policies/loader';
import { PROJECT_ROOT } from '../../access/synth-cache';
import { sharedSynthVariable } from '../support/shared-synth';

/** The OASIS SARIF 2.1.0 schema (errata01), JSON Schema draft-04: see __tests__/fixtures/sarif/README.md. */
const SCHEMA = JSON.parse(readFileSync(join(__dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
const outdir = process.env[sharedSynthVariable(newestPolicyVersion())]!;

async function sarifOf(files: string[]): Promise<{ code: number; log: Log }> {
  const out: string[] = [];
  const code = await runCheck(['--sarif', ...files], { out: (t) => out.push(t), err: (t) => out.push(t) });
  return { code, log: JSON.parse(out.join('')) as Log };
}

let log: Log;
let code: number;
beforeAll(async () => {
  ({ code, log } = await sarifOf(['office', 'apps'].map((stack) => join(outdir, 'stacks', stack, 'cdk.tf.json'))));
});

test('check --sarif writes a log that validates against the SARIF 2.1.0 schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(SCHEMA);
  expect(validate(log) ? [] : validate.errors).toEqual([]);
  expect(code).toBe(0);
  expect(log.version).toBe('2.1.0');
});

test('the schema check can fail: a result without a message is refused', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const broken = structuredClone(log);
  delete (broken.runs[0]!.results![0] as { message?: unknown }).message;
  expect(ajv.validate(SCHEMA, broken)).toBe(false);
});

test('every rule and engine check is a SARIF rule, with its text and help from the rule file', () => {
  const rules = log.runs[0]!.tool.driver.rules!;
  expect(rules.map((r) => r.id)).toEqual([...RULES, ...ENGINE_CHECKS].map((r) => r.id));
  const rbac001 = rules.find((r) => r.id === 'RBAC-001')!;
  const rule = RULES.find((r) => r.id === 'RBAC-001')!;
  expect(rbac001.shortDescription!.text).toBe(rule.title);
  expect(rbac001.fullDescription!.text).toBe(rule.rationale);
  // The help names the file that declares the rule.
  const file = /Rule: (guardrails\/rules\/[^;]+\.ts);/.exec(rbac001.help!.text)![1]!;
  expect(readFileSync(join(PROJECT_ROOT, file), 'utf8')).toMatch(/id: 'RBAC-001'/);
  expect(rbac001.defaultConfiguration!.level).toBe('error');
});

test('a result points at the resource in the synthesized JSON and at the construct call in the source', () => {
  const results = log.runs[0]!.results!;
  expect(results.length).toBeGreaterThan(0);
  for (const result of results) {
    const json = result.locations!.find((l) => l.physicalLocation!.artifactLocation!.uri!.endsWith('cdk.tf.json'))!;
    const resource = json.logicalLocations![0]!.name!;
    const file = join(PROJECT_ROOT, json.physicalLocation!.artifactLocation!.uri!);
    // The line opens the resource's body: "<name>": {
    const line = readFileSync(file, 'utf8').split('\n')[json.physicalLocation!.region!.startLine! - 1]!;
    expect(line.trim()).toBe(`"${resource.slice(resource.indexOf('.') + 1)}": {`);
    const source = result.locations![0]!.physicalLocation!;
    if (source.artifactLocation!.uri!.startsWith('stacks/')) {
      const call = readFileSync(join(PROJECT_ROOT, source.artifactLocation!.uri!), 'utf8').split('\n')[source.region!.startLine! - 1]!;
      expect(call).toMatch(/new [A-Z]\w*\(/);
    }
  }
});

test('suppressed findings carry a SARIF suppression with the reason from suppress()', () => {
  const suppressed = log.runs[0]!.results!.filter((r) => r.suppressions);
  expect(suppressed.length).toBeGreaterThan(0);
  for (const result of suppressed) {
    expect(result.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: expect.stringMatching(/.{10,}/) }]);
  }
});
