import { readFileSync } from 'node:fs';
import { diffVersions, formatDiff } from '../access/diff';
import { runEvalCases } from '../access/eval-cases';
import { formatMatrix, scenarioJson } from '../access/matrix';
import { runScenario } from '../access/run-scenario';
import { loadScenario, ScenarioError } from '../access/scenario';
import { ensureSynthesized } from '../access/synth-cache';
import { listPolicyVersions } from '../policies/loader';

const USAGE = `usage:
  npm run --silent access -- scenario FILE [--json] [--state STATE.json]
  npm run --silent access -- eval FILE
  npm run --silent access -- diff FROM TO [--scenario FILE]`;

/** Exit codes: 0 everything matches, 1 a mismatch with expect, 2 bad input. */
class UsageError extends Error {}

async function main(args: string[]): Promise<number> {
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
      console.log(json ? JSON.stringify(scenarioJson(run), null, 2) : formatMatrix(run));
      const disagreements = process.env.ACCESS_BACKEND === 'aws' ? await crossCheckWithAws(file, await ensureSynthesized()) : 0;
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
      console.log(JSON.stringify(runEvalCases(input, file), null, 2));
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
      console.log(formatDiff(rows, from, to));
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  }
}

/** ACCESS_BACKEND=aws: the IAM hop again, through IAM SimulateCustomPolicy on the deployed stack's real values. */
async function crossCheckWithAws(file: string, outdir: string): Promise<number> {
  // Loaded only here: the IAM client is heavy and offline runs never need it.
  const { crossCheckScenario, formatCrossCheck } = await import('../access/aws-backend');
  const rows = await crossCheckScenario(file, { outdir });
  console.error(`\nIAM SimulateCustomPolicy cross-check (ACCESS_BACKEND=aws):\n${formatCrossCheck(rows)}`);
  return rows.filter((row) => !row.agree).length;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`access: ${error.message}\n${USAGE}`);
    else console.error(`access: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
