import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from '@jest/test-result';
import BaseSequencer from '@jest/test-sequencer';

// A CommonJS module of the Jest config (jest.config.js `testSequencer`), not TypeScript: Jest loads it before any transform.
const LongRunningFirst = require('../support/sequencer') as typeof BaseSequencer;
const sortOf = (sequencer: BaseSequencer, tests: Test[]) => sequencer.sort(tests) as Test[];

const dir = mkdtempSync(join(tmpdir(), 'sequencer-'));
/** A test file of `bytes` characters, marked long-running or not; no cache, as on a fresh clone. */
function testFile(name: string, bytes: number, longRunning: boolean): Test {
  const path = join(dir, name);
  const marker = longRunning ? '// @long-running: runs real processes\n' : '';
  writeFileSync(path, marker + 'x'.repeat(bytes));
  const sizes = new Map([[path, bytes]]);
  return { path, duration: undefined, context: { config: { cache: false, id: 'unit' }, hasteFS: { getSize: (p: string) => sizes.get(p) ?? 0 } } } as unknown as Test;
}

const names = (tests: Test[]) => tests.map((t) => t.path.slice(dir.length + 1));

test('fresh clone (no timings): marked suites first, in Jest’s order among themselves; the rest by file size, largest first', () => {
  const tests = [testFile('small.test.ts', 10, false), testFile('long-a.test.ts', 5, true), testFile('big.test.ts', 900, false), testFile('long-b.test.ts', 50, true)];
  expect(names(sortOf(new LongRunningFirst(), tests))).toEqual(['long-b.test.ts', 'long-a.test.ts', 'big.test.ts', 'small.test.ts']);
});

test('with timings from an earlier run, Jest’s slowest-first order stands: a marker does not overrule a measured duration', () => {
  const tests = [testFile('long.test.ts', 5, true), testFile('slow.test.ts', 10, false)];
  const durations = new Map([
    [tests[0]!.path, 1_000],
    [tests[1]!.path, 40_000],
  ]);
  const sequencer = new LongRunningFirst();
  // Jest reads each duration through time() from its cache file of earlier runs.
  jest.spyOn(sequencer as unknown as { time(test: Test): number | undefined }, 'time').mockImplementation((t) => durations.get(t.path));
  expect(names(sortOf(sequencer, tests))).toEqual(['slow.test.ts', 'long.test.ts']);
});
