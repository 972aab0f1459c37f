import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../stacks/app';
import { listPolicyVersions } from '../../policies/loader';
import { sharedSynthVariable } from './shared-synth';

/**
 * Synthesizes every stack once per policy version before any test file runs; workers inherit the folders through
 * environment variables. Test files read them and never write to them.
 */
export default function globalSetup(): void {
  for (const version of listPolicyVersions()) {
    const outdir = mkdtempSync(join(tmpdir(), `synth-${version}-`));
    buildApp({ outdir, settings: { localState: false, policyVersion: version } }).synth();
    process.env[sharedSynthVariable(version)] = outdir;
  }
}
