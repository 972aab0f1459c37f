import { rmSync } from 'node:fs';
import { listPolicyVersions } from '../../policies/loader';
import { sharedSynthVariable } from './shared-synth';

/** Removes the shared synth folders that global-setup.ts made. */
export default function globalTeardown(): void {
  for (const version of listPolicyVersions()) {
    const outdir = process.env[sharedSynthVariable(version)];
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  }
}
