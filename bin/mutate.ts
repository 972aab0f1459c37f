/**
 * npm run mutate [-- [--tests <folders>] [--tsconfig <file>] <Stryker options>], e.g.
 * `npm run mutate -- --mutate client/sigv4-call.ts --concurrency 1`
 *
 * --tests __tests__/iam[,<folder>…] lets the mutants be killed only by the test files under those folders (Jest's
 * roots): a mutant of access/iam then costs the IAM unit tests (milliseconds) instead of every stack-synthesizing
 * test that happens to reach it. --tsconfig mutation/tsconfig.iam.json has Stryker's type checker check each mutant
 * in that smaller project instead of the whole one. Both reach stryker.config.mjs through the environment.
 *
 * Mutation testing of the core with Stryker (stryker.config.mjs), then the mutation score per folder of what was
 * mutated. Every stack is synthesized once here, as Jest's global setup does for npm test, and handed to each test
 * run through the environment. Everything the run puts in the temp dir goes to one folder of its own (TMPDIR),
 * removed at the end: a mutant that hangs a test gets its worker killed before the test's own cleanup runs.
 * Reports: .stryker/report/index.html (HTML) and mutation.json. Exit status: Stryker's.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import globalSetup from '../__tests__/support/global-setup';
import globalTeardown from '../__tests__/support/global-teardown';
import { PROJECT_ROOT } from '../access/synth-cache';
import { folderScores, formatScores, readReport } from '../mutation/scores';
import { MutateOptions, splitMutateOptions, TEST_ROOTS_VARIABLE, TSCONFIG_VARIABLE } from '../mutation/mutate-options';

const REPORT = join(PROJECT_ROOT, '.stryker', 'report', 'mutation.json');

/** Runs Stryker with these arguments; SIGINT and SIGTERM are passed on to it, so the synth folders are still removed. */
function runStryker(args: string[]): Promise<number> {
  const stryker = join(PROJECT_ROOT, 'node_modules', '.bin', 'stryker');
  const child = spawn(stryker, ['run', 'stryker.config.mjs', ...args], { cwd: PROJECT_ROOT, stdio: 'inherit', env: process.env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`[mutate] cannot run ${stryker}: ${error.message} (npm ci installs it)\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.removeListener('SIGINT', forward);
      process.removeListener('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(): Promise<number> {
  let parsed: MutateOptions;
  try {
    parsed = splitMutateOptions(process.argv.slice(2), PROJECT_ROOT);
  } catch (error) {
    process.stderr.write(`[mutate] ${(error as Error).message}\n`);
    return 2;
  }
  if (parsed.roots) process.env[TEST_ROOTS_VARIABLE] = parsed.roots.join(',');
  else delete process.env[TEST_ROOTS_VARIABLE];
  if (parsed.tsconfig) process.env[TSCONFIG_VARIABLE] = parsed.tsconfig;
  else delete process.env[TSCONFIG_VARIABLE];
  const started = Date.now();
  const temp = mkdtempSync(join(tmpdir(), 'mutate-'));
  process.env.TMPDIR = temp;
  let status: number;
  try {
    globalSetup();
    status = await runStryker(parsed.strykerArgs);
  } finally {
    globalTeardown();
    rmSync(temp, { recursive: true, force: true });
  }
  if (!existsSync(REPORT) || statSync(REPORT).mtimeMs < started) {
    // Stryker writes no report after --dryRunOnly (exit 0) or when it stops early (non-zero).
    process.stderr.write(status ? `[mutate] Stryker stopped (exit ${status}): no scores\n` : '[mutate] no mutant was tested: no scores\n');
    return status;
  }
  process.stdout.write(`\nmutation score per folder (${REPORT}):\n${formatScores(folderScores(readReport(REPORT))).join('\n')}\n`);
  return status;
}

void main().then((code) => {
  process.exitCode = code;
});
