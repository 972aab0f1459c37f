import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, BuildOptions } from '../../stacks/app';
import { readStackJson } from '../../terraform/stacks-dir';
import { newestPolicyVersion } from '../../policies/loader';
import { FIXTURE_CONFIGS } from '../fixtures/configs';
import { sharedSynthVariable } from './shared-synth';

export type TfJson = {
  terraform: Record<string, unknown>;
  provider: Record<string, unknown>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown }>;
};

export interface Synth {
  outdir: string;
  stack: (name: string) => TfJson;
}

/**
 * Every stack, synthesized exactly as `cdktf synth` would, from the tests' own fixture configs
 * (__tests__/fixtures/configs) unless `options` names others: mechanism tests never depend on the shipped
 * stacks/*config*.ts. The default build of each policy version comes from the shared synth made once in
 * global-setup.ts; any other options synthesize into a fresh folder under the run's temp dir.
 */
export function synth(options: Omit<BuildOptions, 'outdir'> = {}): Synth {
  const shared = sharedOutdir(options);
  const outdir = shared ?? mkdtempSync(join(tmpdir(), 'synth-'));
  if (!shared) buildApp({ ...FIXTURE_CONFIGS, ...options, outdir, settings: { localState: false, ...options.settings } }).synth();
  return { outdir, stack: (name) => readStackJson(outdir, name) as TfJson };
}

/** Every stack as the shipped configs declare them (newest policies): for the scenarios and the invariants only. */
export function synthShipped(): Synth {
  const outdir = process.env[sharedSynthVariable(newestPolicyVersion(), 'shipped')];
  if (!outdir) throw new Error('no shipped synth: jest runs __tests__/support/global-setup.ts first');
  return { outdir, stack: (name) => readStackJson(outdir, name) as TfJson };
}

/** The shared synth for options that only pick a policy version (or nothing), if global setup made it. */
function sharedOutdir(options: Omit<BuildOptions, 'outdir'>): string | undefined {
  const { settings, ...rest } = options;
  if (Object.keys(rest).length > 0) return undefined;
  const { policyVersion, ...otherSettings } = settings ?? {};
  if (Object.keys(otherSettings).length > 0) return undefined;
  return process.env[sharedSynthVariable(policyVersion ?? newestPolicyVersion())];
}

/** The resources of one type, without cdktf's "//" metadata. */
export function resourcesOf(json: TfJson, type: string): Array<{ name: string; body: Record<string, unknown> }> {
  return Object.entries(json.resource[type] ?? {}).map(([name, body]) => {
    const { ['//']: _metadata, ...rest } = body;
    return { name, body: rest };
  });
}

export function onlyOf(json: TfJson, type: string): { name: string; body: Record<string, unknown> } {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0]!;
}

/** The one resource of `type` whose attribute `key` equals `value`. */
export function findOf(json: TfJson, type: string, key: string, value: unknown): { name: string; body: Record<string, unknown> } {
  const hits = resourcesOf(json, type).filter((r) => r.body[key] === value);
  if (hits.length !== 1) throw new Error(`expected one ${type} with ${key}=${String(value)}, found ${hits.length}`);
  return hits[0]!;
}

export function ref(type: string, name: string, attribute: string): string {
  return `\${${type}.${name}.${attribute}}`;
}
