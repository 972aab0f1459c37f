import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchBase } from '../support/scratch';

test('a writable RAM folder with room holds the run; a missing one leaves it in the system temp dir', () => {
  // The run's own temp dir stands in for /dev/shm: writable, on a filesystem with far more than 512 MB free here.
  const ram = mkdtempSync(join(tmpdir(), 'ram-'));
  expect(scratchBase('/system-temp', ram)).toBe(ram);
  expect(scratchBase('/system-temp', join(ram, 'missing'))).toBe('/system-temp');
});

test('this run\'s folder is where scratchBase puts it', () => {
  expect(process.env.TEST_TEMP_ROOT!.startsWith(`${scratchBase('/system-temp')}/jest-run-`)).toBe(true);
});
