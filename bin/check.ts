/**
 * npm run --silent check -- [--json | --sarif] [FILE ...]
 *
 * Runs the guardrails (guardrails/RULES.md) on synthesized Terraform JSON. With no FILE, checks every stack in
 * cdktf.out (or $CDKTF_OUTDIR), synthesizing first when that folder is missing. FILE is any cdk.tf.json.
 * Exit status: 0 clean (warnings and suppressed findings allowed), 1 any unsuppressed error, 2 unreadable input.
 * A suppression in the JSON counts only when the code declares it with suppress(): the app is built in memory
 * (buildApp, no synth) to learn which ones it declares.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { blocking, checkModels, type CodeSuppressions } from '../guardrails/engine';
import { InputError } from '../guardrails/errors';
import { synthesizedStackFiles } from '../guardrails/files';
import { formatTable, toJson } from '../guardrails/report';
import { toSarif } from '../guardrails/sarif';
import { displayPath, readSynth, Unreadable, type StackModel } from '../model';
import { buildApp } from '../stacks/app';
import { codeSuppressions } from '../stacks/suppress';

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
  /** The suppressions the code declares; default those of buildApp() with the project's configs. */
  declared?: () => CodeSuppressions | Promise<CodeSuppressions>;
}

const processIo: CheckIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

function defaultSynth(outdir: string): void {
  buildApp({ outdir }).synth();
}

/** The suppressions the project's code declares, from the app built in memory (cdktf wants an outdir: a temp one). */
function defaultDeclared(): CodeSuppressions {
  // Imported statically: a dynamic import() under tsx would load a second copy of stacks/suppress, whose registry is empty.
  const outdir = mkdtempSync(join(tmpdir(), 'check-declared-'));
  try {
    return codeSuppressions(buildApp({ outdir }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
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
        else defaultSynth(outdir);
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

  let models: StackModel[];
  try {
    models = paths.map((file) => readSynth(file));
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error;
    io.err(`check: ${error.message}`);
    return 2;
  }

  const declared = await (options.declared ?? defaultDeclared)();
  const results = await checkModels(models, declared);
  if (sarif) io.out(JSON.stringify(toSarif(results), null, 2));
  else if (json) io.out(JSON.stringify(toJson(results), null, 2));
  else io.out(formatTable(results, models.map((model) => ({ stack: model.name, file: model.file }))));
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
