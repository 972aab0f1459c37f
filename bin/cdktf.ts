import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { terraformEnv } from '../terraform/cli';

/**
 * `npm run cdktf -- <command> [args]`: the cdktf CLI with the project's settings carried to it and to the Terraform
 * it runs (see README "The cdktf CLI offline"):
 * - TF_PROVIDER_MIRROR becomes TF_CLI_CONFIG_FILE, as for `npm start`, and cdktf's `terraform providers lock` step
 *   (which asks the public registry for checksums) is skipped with --skip-provider-lock;
 * - CHECKPOINT_DISABLE=1: no HashiCorp checkpoint call (offline it fails and prints a red error);
 * - cdktf's live log goes to cdktf.out/cdktf.log, so a message of the app (a config error, the guardrails) is
 *   printed once, in cdktf's summary, instead of once live and once again in the summary; after a synth that
 *   passes, the guardrails' warnings (which have no summary then) are printed from the log.
 */
const ROOT = resolve(__dirname, '..');
/** cdktf commands that run `terraform init` (and so its provider lock step). */
const INIT_COMMANDS = new Set(['diff', 'plan', 'deploy', 'apply', 'destroy', 'watch']);

function main(args: string[]): number {
  let env: NodeJS.ProcessEnv;
  try {
    env = terraformEnv();
  } catch (error) {
    console.error(`[cdktf] ${(error as Error).message}`);
    return 2;
  }
  const logDir = resolve(ROOT, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  mkdirSync(logDir, { recursive: true });
  env.CDKTF_LOG_FILE_DIRECTORY ??= logDir;
  const logFile = join(env.CDKTF_LOG_FILE_DIRECTORY, 'cdktf.log');
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const command = args[0];
  const extra = command && INIT_COMMANDS.has(command) && process.env.TF_PROVIDER_MIRROR && !args.includes('--skip-provider-lock') ? ['--skip-provider-lock'] : [];
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf'), ...args, ...extra], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  if (run.error) {
    console.error(`[cdktf] ${run.error.message}`);
    return 2;
  }
  // On success cdktf prints no summary, so the guardrails' warnings would stay in the log: show them once here.
  if (run.status === 0 && existsSync(logFile)) {
    const added = readFileSync(logFile).subarray(logStart).toString('utf8');
    for (const line of added.split('\n')) {
      const warning = line.indexOf('guardrails warning:');
      if (warning !== -1) console.error(line.slice(warning));
    }
  }
  return run.status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
