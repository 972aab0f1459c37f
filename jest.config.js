/** Jest runs TypeScript through SWC, which does not type-check: `npm test` runs `tsc --noEmit` first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  modulePathIgnorePatterns: ['<rootDir>/cdktf.out'],
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  // On a fresh clone (no timings yet) the suites marked `// @long-running` start first.
  testSequencer: '<rootDir>/__tests__/support/sequencer.js',
  // Terraform and tsx run as child processes: a second worker keeps the CPU busy while one waits on them.
  maxWorkers: 2,
};
