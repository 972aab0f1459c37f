// @ts-check
const { readFileSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

/** A suite marks itself with a line `// @long-running: <why>` when it runs real processes for tens of seconds. */
const LONG_RUNNING = /^\s*\/\/\s*@long-running\b/m;

/**
 * Jest's order (failed first, then slowest by the timings of earlier runs), except that on a fresh clone, where Jest
 * has no timings and falls back to file size, the suites marked long-running start first: started last, one of them
 * would keep a single worker busy long after the other has finished.
 */
class LongRunningFirst extends Sequencer {
  /** @param {import('@jest/test-result').Test[]} tests */
  sort(tests) {
    const sorted = /** @type {import('@jest/test-result').Test[]} */ (super.sort(tests));
    const untimedLong = sorted.filter((test) => test.duration == null && LONG_RUNNING.test(readFileSync(test.path, 'utf8')));
    return [...untimedLong, ...sorted.filter((test) => !untimedLong.includes(test))];
  }
}

module.exports = LongRunningFirst;
