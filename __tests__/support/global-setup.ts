import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../stacks/app';
import { listPolicyVersions, newestPolicyVersion } from '../../policies/loader';
import { FIXTURE_CONFIGS } from '../fixtures/configs';
import { scratchBase } from './scratch';
import { sharedSynthVariable, TEST_TEMP_ROOT } from './shared-synth';

/**
 * Runs once before any test file. Workers inherit what it puts in the environment.
 * - The temp dir becomes one folder per run (TMPDIR), so whatever tests, Terraform or child processes write there
 *   goes when global-teardown.ts removes it. It is made in RAM when the machine offers room there (scratchBase).
 * - Every stack is synthesized once per policy version from the fixture configs (mechanism tests), and once from
 *   the shipped configs (scenarios and invariants, __tests__/shipped). Test files read them and never write.
 */
export default function globalSetup(): void {
  const systemTemp = tmpdir();
  const root = mkdtempSync(join(scratchBase(systemTemp), 'jest-run-'));
  keepTsxCache(systemTemp, root);
  process.env[TEST_TEMP_ROOT] = root;
  process.env.TMPDIR = root;
  // As bin/call.ts does: the SDK's notice that releases after January 2027 need Node 22, once per worker otherwise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  // A run of __tests__/shipped alone (the README-edit test runs one in a copy of the project) needs no fixture synth.
  const fixtureVersions = process.env.TEST_SYNTH_SHIPPED_ONLY === '1' ? [] : listPolicyVersions();
  for (const version of fixtureVersions) {
    const outdir = join(root, `synth-fixture-${version}`);
    buildApp({ ...FIXTURE_CONFIGS, outdir, settings: { localState: false, policyVersion: version } }).synth();
    process.env[sharedSynthVariable(version, 'fixture')] = outdir;
  }
  const version = newestPolicyVersion();
  const shipped = join(root, `synth-shipped-${version}`);
  buildApp({ outdir: shipped, settings: { localState: false, policyVersion: version } }).synth();
  process.env[sharedSynthVariable(version, 'shipped')] = shipped;
}

/** tsx keeps its compile cache in <temp>/tsx-<uid>; pointing the run's copy at it keeps child processes fast. */
function keepTsxCache(systemTemp: string, root: string): void {
  const cache = join(systemTemp, `tsx-${userInfo().uid}`);
  if (existsSync(cache)) symlinkSync(cache, join(root, `tsx-${userInfo().uid}`));
}
