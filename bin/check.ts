/**
 * npm run --silent check -- [--json | --sarif] [FILE ...]
 *
 * Runs the guardrails (guardrails/RULES.md) on synthesized Terraform JSON. With no FILE, checks every stack in
 * cdktf.out (or $CDKTF_OUTDIR), synthesizing first when that folder is missing. FILE is any cdk.tf.json.
 * Exit status: 0 clean (warnings and suppressed findings allowed), 1 any unsuppressed error, 2 unreadable input.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { blocking, checkStacks } from '../guardrails/engine';
import { InputError } from '../guardrails/errors';
import { synthesizedStackFiles } from '../guardrails/files';
import { formatTable, toJson } from '../guardrails/report';
import { toSarif } from '../guardrails/sarif';
import { displayPath, loadStackFile } from '../guardrails/stack';

export const USAGE = 'usage: npm run --silent check -- [--json | --sarif] [FILE ...]';

export interface CheckIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CheckOptions {
  /** Where stacks are synthesized when no FILE is given; default $CDKTF_OUTDIR or ./cdktf.out. */
  outdir?: string;
  /** Writes the stacks to outdir; default buildApp({ outdir }).synth(). */
  synth?: (outdir: string) => void;
}

const processIo: CheckIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

async function defaultSynth(outdir: string): Promise<void> {
  const { buildApp } = await import('../stacks/app');
  buildApp({ outdir }).synth();
}

/** The CLI, callable in-process; resolves to the exit status. */
export async function runCheck(argv: readonly string[], io: CheckIo = processIo, options: CheckOptions = {}): Promise<number> {
  let json = false;
  let sarif = false;
  const files: string[] = [];
  let positional = false;
  for (const arg of argv) {
    if (!positional && arg === '--') positional = true;
    else if (!positional && arg === '--json') json = true;
    else if (!positional && arg === '--sarif') sarif = true;
    else if (!positional && (arg === '--help' || arg === '-h')) {
      io.out(USAGE);
      return 0;
    } else if (!positional && arg.startsWith('-')) {
      io.err(`check: unknown option ${arg}\n${USAGE}`);
      return 2;
    } else files.push(arg);
  }

  let paths = files;
  if (files.length === 0) {
    const outdir = resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
    if (!existsSync(outdir)) {
      io.err(`check: ${displayPath(outdir)} is missing, synthesizing first`);
      try {
        if (options.synth) options.synth(outdir);
        else await defaultSynth(outdir);
      } catch (error) {
        io.err(`check: synth failed: ${(error as Error).message}`);
        return 2;
      }
    }
    try {
      paths = synthesizedStackFiles(outdir);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.err(`check: ${error.message}`);
      return 2;
    }
  }

  let stacks;
  try {
    stacks = paths.map((file) => loadStackFile(file));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.err(`check: ${error.message}`);
    return 2;
  }

  const results = await checkStacks(stacks);
  if (sarif) io.out(JSON.stringify(toSarif(results), null, 2));
  else if (json) io.out(JSON.stringify(toJson(results), null, 2));
  else io.out(formatTable(results, stacks.map((stack) => ({ stack: stack.name, file: stack.file }))));
  return blocking(results).length > 0 ? 1 : 0;
}

if (require.main === module) {
  runCheck(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`check: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
