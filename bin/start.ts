import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { failureText, matrixStacks, matrixSummary, stackMatrix, type StackMatrix } from '../access/exhaustive';
import { formatMatrix } from '../access/matrix';
import { renderReport } from '../access/report-html';
import { runAllScenarios } from '../access/run-all';
import { ScenarioRun } from '../access/run-scenario';
import { buildApp, STACKS } from '../stacks/app';
import { checkNodeVersion } from './node-version';
import { enforceGuardrails } from '../guardrails/enforce';
import { codeSuppressions } from '../stacks/suppress';
import { checkTerraformVersion, terraformEnv } from '../terraform/cli';
import { OfflinePlan, planOffline } from '../terraform/offline-plan';
import { ACCESS_REPORT_FILE, stackDir } from '../terraform/stacks-dir';

/** The main job, offline: synthesize every stack, then plan each with the real Terraform and
 * provider (a plan validates the configuration first). */
async function main(): Promise<void> {
  const outdir = resolve('cdktf.out');
  log(checkNodeVersion(resolve(__dirname, '..')));
  const env = terraformEnv();
  const version = await checkTerraformVersion(env);
  log(`terraform ${version}${env.TF_CLI_CONFIG_FILE ? ` (CLI config ${env.TF_CLI_CONFIG_FILE})` : ''}`);

  let start = performance.now();
  const app = buildApp({ outdir });
  app.synth();
  log(`synth      all stacks → ${outdir} (${seconds(start)})`);
  if (!(await enforceGuardrails(outdir, codeSuppressions(app)))) throw new Error('guardrail errors (see above); fix them or suppress them with a reason');
  log('guardrails no unsuppressed errors (npm run --silent check lists every finding)');

  start = performance.now();
  const stacks = Object.values(STACKS);
  const plans = await Promise.all(
    stacks.map((stack) => planOffline(stackDir(outdir, stack), stack, env, (step) => log(`${step.padEnd(10)} ${stack}`))),
  );
  log(`planned    ${stacks.length} stacks offline (${seconds(start)})`);
  console.log('');
  console.log(planTable(plans));

  start = performance.now();
  const runs = await runAllScenarios(outdir);
  const matrices: StackMatrix[] = [];
  for (const stack of await matrixStacks()) matrices.push(await stackMatrix(outdir, stack));
  const report = join(outdir, ACCESS_REPORT_FILE);
  writeFileSync(report, renderReport(runs, matrices));
  log(`simulated  ${runs.length} scenarios and ${matrices.length} exhaustive matrices (${seconds(start)}); report → ${relative(process.cwd(), report)}`);
  console.log('');
  console.log(`Who can call what (${relative(process.cwd(), runs[0]!.scenario.file)}):`);
  console.log(formatMatrix(runs[0]!));
  const failing = runs.filter((run) => run.mismatches.length > 0);
  for (const run of failing) console.log(`\n${relative(process.cwd(), run.scenario.file)}:\n${formatMatrix(run)}`);
  console.log('\nExhaustive access, checked against each config (npm run --silent access -- matrix STACK):');
  for (const matrix of matrices) {
    console.log(matrixSummary(matrix));
    for (const cell of matrix.failures) console.log(`  ${failureText(cell)}`);
  }
  if (failing.length > 0) throw new Error(`${failing.length} scenario(s) do not match their expect`);
  const broken = matrices.filter((m) => m.failures.length > 0);
  if (broken.length > 0) throw new Error(`the exhaustive matrix of ${broken.map((m) => m.stack).join(', ')} breaks what the config states`);
  console.log(`\n${scenarioTable(runs)}`);
  console.log(`\nAll ${runs.length} scenarios match their expectations (${runs.map((r) => r.results.length).reduce((a, b) => a + b, 0)} cells).`);
}

function planTable(plans: OfflinePlan[]): string {
  const rows = plans.map((plan) => [plan.stack, String(Object.values(plan.toAdd).reduce((a, b) => a + b, 0))]);
  const width = Math.max(5, ...rows.map(([stack]) => stack!.length));
  const lines = [`${'stack'.padEnd(width)}  resources to add`, `${'-'.repeat(width)}  ----------------`];
  for (const [stack, count] of rows) lines.push(`${stack!.padEnd(width)}  ${count}`);
  return lines.join('\n');
}

/** One line per scenario: which system it proves, and how its cells came out. */
function scenarioTable(runs: ScenarioRun[]): string {
  const rows = runs.map((run) => {
    const allowed = run.results.filter((r) => r.outcome === 'allowed' || (typeof r.outcome === 'number' && r.outcome < 400)).length;
    return [relative(process.cwd(), run.scenario.file), run.scenario.stack, String(run.results.length), String(allowed), String(run.results.length - allowed), run.mismatches.length === 0 ? '✓' : `✗ ${run.mismatches.length}`];
  });
  const header = ['scenario', 'stack', 'cells', 'allowed', 'denied', 'expect'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function log(message: string): void {
  console.log(`[start] ${message}`);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

main().catch((error: unknown) => {
  console.error(`[start] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
