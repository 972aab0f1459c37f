/**
 * npm run mutate [-- <Stryker options>], e.g. `npm run mutate -- --mutate client/sigv4-call.ts --concurrency 1`
 *
 * Mutation testing of the core with Stryker (stryker.config.mjs), then the mutation score per folder of what was
 * mutated. Every stack is synthesized once here, as Jest's global setup does for npm test, and handed to each test
 * run through the environment. Reports: .stryker/report/index.html (HTML) and mutation.json. Exit status: Stryker's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import globalSetup from '../__tests__/support/global-setup';
import globalTeardown from '../__tests__/support/global-teardown';
import { PROJECT_ROOT } from '../access/synth-cache';
import { folderScores, formatScores, readReport } from '../mutation/scores';

const REPORT = join(PROJECT_ROOT, '.stryker', 'report', 'mutation.json');

function main(): number {
  const started = Date.now();
  globalSetup();
  let status: number;
  try {
    const stryker = join(PROJECT_ROOT, 'node_modules', '.bin', 'stryker');
    const run = spawnSync(stryker, ['run', 'stryker.config.mjs', ...process.argv.slice(2)], { cwd: PROJECT_ROOT, stdio: 'inherit', env: process.env });
    status = run.status ?? 1;
  } finally {
    globalTeardown();
  }
  if (!existsSync(REPORT) || statSync(REPORT).mtimeMs < started) {
    process.stderr.write(`[mutate] no new report at ${REPORT}: Stryker did not finish\n`);
    return status || 1;
  }
  process.stdout.write(`\nmutation score per folder (${REPORT}):\n${formatScores(folderScores(readReport(REPORT))).join('\n')}\n`);
  return status;
}

process.exitCode = main();
