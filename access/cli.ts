/**
 * `npm run --silent access -- COMMAND …` (bin/access.ts): scenario, eval, diff, matrix and review. In a module of its
 * own so tests run it in-process, with the same exit codes and output as the command line.
 */
import { readFileSync } from 'node:fs';
import { diffVersions, formatDiff } from './diff';
import { runEvalCases } from './eval-cases';
import { formatStackMatrix, matrixStacks, stackMatrix } from './exhaustive';
import { formatMatrix, scenarioJson } from './matrix';
import { runScenario } from './run-scenario';
import { loadScenario, ScenarioError } from './scenario';
import { ensureSynthesized } from './synth-cache';
import { listPolicyVersions } from '../policies/loader';

const USAGE = `usage:
  npm run --silent access -- scenario FILE [--json] [--state STATE.json]
  npm run --silent access -- eval FILE
  npm run --silent access -- diff FROM TO [--scenario FILE]
  npm run --silent access -- matrix STACK [--json]
  npm run --silent access -- review [--base REF] [--format markdown|json] [--fail-on-gain]`;

/** Bad arguments: the message and the usage, exit 2. */
class UsageError extends Error {}

async function run(args: string[], io: CliOutput): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'scenario': {
      const json = rest.includes('--json');
      const at = rest.indexOf('--state');
      const state = at >= 0 ? rest[at + 1] : undefined;
      if (at >= 0 && (!state || state.startsWith('--'))) throw new UsageError('--state takes the file `terraform show -json` wrote');
      const [file, extra] = rest.filter((a, i) => a !== '--json' && (at < 0 || (i !== at && i !== at + 1)));
      if (!file || extra) throw new UsageError('scenario takes one FILE');
      const scenario = loadScenario(file);
      const run = await runScenario(scenario, await ensureSynthesized(scenario.policyVersion), { state });
      io.out(json ? JSON.stringify(scenarioJson(run), null, 2) : formatMatrix(run));
      const disagreements = process.env.ACCESS_BACKEND === 'aws' ? await crossCheckWithAws(file, await ensureSynthesized(), io) : 0;
      return run.mismatches.length > 0 || disagreements > 0 ? 1 : 0;
    }
    case 'eval': {
      const [file, extra] = rest;
      if (!file || extra) throw new UsageError('eval takes one FILE');
      let input: unknown;
      try {
        input = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new ScenarioError(file, '(file)', `not a readable JSON file: ${(error as Error).message}`);
      }
      io.out(JSON.stringify(runEvalCases(input, file), null, 2));
      return 0;
    }
    case 'diff': {
      const at = rest.indexOf('--scenario');
      const file = at >= 0 ? rest[at + 1] : 'scenarios/office.json';
      const versions = at >= 0 ? [...rest.slice(0, at), ...rest.slice(at + 2)] : rest;
      const [from, to, extra] = versions;
      if (!from || !to || extra || !file) throw new UsageError('diff takes FROM and TO versions');
      const known = listPolicyVersions();
      for (const v of [from, to]) if (!known.includes(v)) throw new UsageError(`unknown policy version "${v}" (have: ${known.join(', ')})`);
      const scenario = loadScenario(file);
      const rows = await diffVersions(
        scenario,
        { version: from, outdir: await ensureSynthesized(from) },
        { version: to, outdir: await ensureSynthesized(to) },
      );
      io.out(formatDiff(rows, from, to));
      return 0;
    }
    case 'matrix': {
      const json = rest.includes('--json');
      const [stack, extra] = rest.filter((a) => a !== '--json');
      const stacks = await matrixStacks();
      if (!stack || extra) throw new UsageError(`matrix takes one STACK (${stacks.join(', ')})`);
      if (!stacks.includes(stack)) throw new UsageError(`unknown stack "${stack}" (have: ${stacks.join(', ')})`);
      const matrix = await stackMatrix(await ensureSynthesized(), stack);
      io.out(json ? JSON.stringify(matrix, null, 2) : formatStackMatrix(matrix));
      return matrix.failures.length > 0 ? 1 : 0;
    }
    case 'review':
      return review(rest, io);
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  }
}

/** Exit codes: 0 reviewed, 1 with --fail-on-gain when anyone gains access, 2 bad input (unknown ref, a tree that cannot be synthesized). */
async function review(args: string[], io: CliOutput): Promise<number> {
  let base: string | undefined;
  let format = 'markdown';
  let failOnGain = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--fail-on-gain') failOnGain = true;
    else if (arg === '--base' || arg === '--format') {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      if (arg === '--base') base = value;
      else format = value;
    } else throw new UsageError(`review: unknown argument "${arg}"`);
  }
  if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json, not "${format}"`);
  // Loaded only here: the review spawns both sides and needs git.
  const { formatMarkdown, runReview } = await import('./review');
  const result = await runReview({ base });
  io.out(format === 'json' ? JSON.stringify(result, null, 2) : formatMarkdown(result));
  return failOnGain && result.totals.gains > 0 ? 1 : 0;
}

/** ACCESS_BACKEND=aws: the IAM hop again, through IAM SimulateCustomPolicy on the deployed stack's real values. */
async function crossCheckWithAws(file: string, outdir: string, io: CliOutput): Promise<number> {
  // Loaded only here: the IAM client is heavy and offline runs never need it.
  const { crossCheckScenario, formatCrossCheck } = await import('./aws-backend');
  const rows = await crossCheckScenario(file, { outdir });
  io.err(`\nIAM SimulateCustomPolicy cross-check (ACCESS_BACKEND=aws):\n${formatCrossCheck(rows)}`);
  return rows.filter((row) => !row.agree).length;
}

/** Where the command writes: stdout and stderr on the command line, strings in tests. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const consoleOutput: CliOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

/** Runs one command; resolves to its exit status. Exit codes: 0 everything matches, 1 a mismatch with expect, 2 bad input. */
export async function accessCli(args: string[], io: CliOutput = consoleOutput): Promise<number> {
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError) io.err(`access: ${error.message}\n${USAGE}`);
    else io.err(`access: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
