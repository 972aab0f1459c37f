import { rmSync } from 'node:fs';
import { TEST_TEMP_ROOT } from './shared-synth';

/** Removes the run's temp folder that global-setup.ts made: shared synths and whatever tests left in the temp dir. */
export default function globalTeardown(): void {
  const root = process.env[TEST_TEMP_ROOT];
  if (root) rmSync(root, { recursive: true, force: true });
}
