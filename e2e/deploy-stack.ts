import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appliedIdentifiers, inventory, PulledState, stillThere } from './leftovers';
import { E2E_OVERRIDE_FILE, e2eOverride } from './override';
import { tf, TfRun } from './tf';

export interface StackPlan {
  stack: string;
  /** The synthesized stack folder (a copy made for the e2e; never the user's cdktf.out). */
  dir: string;
  backend: 's3' | 'local';
  /** Runs while the stack is applied, after its checks; its own checks throw to fail the stack. */
  whileApplied?: (applied: Applied) => Promise<void>;
  /** Save `terraform show -json` of the applied stack (it starts the provider, so only where it is read). */
  saveShowJson?: boolean;
  /** Runs alongside `terraform apply` (e.g. watching the lock file); awaited after apply. */
  duringApply?: (applying: Promise<unknown>) => Promise<void>;
}

export interface Applied {
  stack: string;
  dir: string;
  outputs: Record<string, string | Record<string, string>>;
  /** The applied state, from `terraform state pull`. */
  state: PulledState;
  /** Where `terraform show -json` of the applied stack was saved, if asked (saveShowJson). */
  showJsonFile?: string;
}

export interface StackReport {
  stack: string;
  resources: number;
  outputs: string[];
  ms: { init: number; apply: number; plan: number; destroy: number; total: number };
}

export interface DeployContext {
  env: NodeJS.ProcessEnv;
  /** moto over HTTPS (Terraform) and plain HTTP (list calls). */
  https: string;
  http: string;
  /** Where applied states are saved. */
  outFolder: string;
  log: (line: string) => void;
}

/**
 * The whole life of one stack on moto: init, apply, a second plan that must show no change, every synthesized output
 * present, the caller's checks, destroy, and nothing of the stack left in moto's list calls. Destroy runs even when
 * a check after apply failed, so one failure does not leave resources behind for the next stack.
 */
export async function deployStack(plan: StackPlan, context: DeployContext): Promise<StackReport> {
  const { stack, dir } = plan;
  const { env, log } = context;
  const started = performance.now();
  const synthesized = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as Parameters<typeof e2eOverride>[0] & {
    output?: Record<string, unknown>;
  };
  writeFileSync(join(dir, E2E_OVERRIDE_FILE), JSON.stringify(e2eOverride(synthesized, { endpoint: context.https, backend: plan.backend }), null, 2));

  // Every Terraform output of the stack, in order, for reading after a failure: <e2e folder>/logs/<stack>.log.
  const logFile = join(context.outFolder, 'logs', `${stack}.log`);
  mkdirSync(join(context.outFolder, 'logs'), { recursive: true });
  const run = async (args: string[]): Promise<TfRun> => {
    const result = await tf(args, dir, env);
    // JSON answers (output, state pull, show -json) are data, saved elsewhere when needed; the log keeps their errors.
    const data = args.includes('-json') || args[0] === 'state';
    appendFileSync(logFile, `\n$ terraform ${args.join(' ')}  (exit ${result.code}, ${seconds(result.ms)})\n${data ? '' : result.stdout}${result.stderr}`);
    return result;
  };
  const runOk = async (args: string[]): Promise<TfRun> => {
    const result = await run(args);
    if (result.code !== 0) throw new Error(`${stack}: terraform ${args[0]} exited ${result.code} (log: ${logFile}):\n${(result.stderr || result.stdout).trim()}`);
    return result;
  };

  const init = await runOk(['init', '-input=false']);
  log(`${stack}: init (${seconds(init.ms)})`);
  const applying = runOk(['apply', '-auto-approve', '-input=false']);
  // Settled at once, so a failing watcher cannot crash the run while apply is still going.
  const watching = plan.duringApply?.(applying).then(
    () => undefined,
    (error: unknown) => error,
  );
  const apply = await applying;
  const watchFailure = await watching;
  if (watchFailure) throw watchFailure;
  log(`${stack}: apply (${seconds(apply.ms)})`);

  let failure: unknown;
  let report: Omit<StackReport, 'ms'> | undefined;
  let state: PulledState = {};
  const ms = { init: init.ms, apply: apply.ms, plan: 0, destroy: 0, total: 0 };
  try {
    const outputs = readOutputs(stack, JSON.parse((await runOk(['output', '-json'])).stdout), Object.keys(synthesized.output ?? {}));
    state = JSON.parse((await runOk(['state', 'pull'])).stdout) as PulledState;
    let showJsonFile: string | undefined;
    if (plan.saveShowJson) {
      showJsonFile = join(context.outFolder, `${stack}.applied-state.json`);
      writeFileSync(showJsonFile, (await runOk(['show', '-json'])).stdout);
    }
    const resources = (state.resources ?? []).filter((r) => r.mode === 'managed').reduce((n, r) => n + r.instances.length, 0);
    log(`${stack}: ${resources} resources applied; outputs ${Object.keys(outputs).join(', ')}`);
    report = { stack, resources, outputs: Object.keys(outputs) };
    // The second plan only reads: the caller's checks (office, inside the state stack) run alongside it.
    // Both settle before destroy starts, so destroy never meets a plan still holding the lock.
    const [planned, checked] = await Promise.allSettled([
      run(['plan', '-detailed-exitcode', '-input=false']),
      plan.whileApplied?.({ stack, dir, outputs, state, showJsonFile }),
    ]);
    if (planned.status === 'rejected') throw planned.reason;
    if (checked.status === 'rejected') throw checked.reason;
    const second = planned.value;
    ms.plan = second.ms;
    if (second.code === 2) throw new Error(`${stack}: the second plan wants changes after apply (drift):\n${changedLines(second.stdout)}`);
    if (second.code !== 0) throw new Error(`${stack}: terraform plan exited ${second.code}:\n${second.stderr.trim()}`);
    log(`${stack}: plan -detailed-exitcode: no changes (${seconds(second.ms)})`);
  } catch (error) {
    failure = error;
  }

  const destroy = await run(['destroy', '-auto-approve', '-input=false']);
  ms.destroy = destroy.ms;
  if (destroy.code !== 0) {
    throw new Error(`${stack}: terraform destroy exited ${destroy.code}:\n${destroy.stderr.trim()}${failure ? `\n(after: ${message(failure)})` : ''}`);
  }
  if (failure) throw failure;
  const left = stillThere(appliedIdentifiers(state), await inventory(context.http));
  if (left.length) throw new Error(`${stack}: after destroy moto still lists ${left.join(', ')}`);
  ms.total = performance.now() - started;
  log(`${stack}: destroy; moto lists nothing of it (${seconds(destroy.ms)})`);
  return { ...report!, ms };
}

/** `terraform output -json`, checked against the synthesized outputs: each present and not empty. */
export function readOutputs(
  stack: string,
  raw: Record<string, { value: unknown }>,
  expected: string[],
): Record<string, string | Record<string, string>> {
  const outputs: Record<string, string | Record<string, string>> = {};
  const missing: string[] = [];
  for (const name of expected) {
    const value = raw[name]?.value;
    const present =
      (typeof value === 'string' && value !== '') ||
      (typeof value === 'object' && value !== null && Object.values(value).length > 0 && Object.values(value).every((v) => typeof v === 'string' && v !== ''));
    if (present) outputs[name] = value as string | Record<string, string>;
    else missing.push(name);
  }
  if (missing.length) throw new Error(`${stack}: outputs missing or empty after apply: ${missing.join(', ')}`);
  return outputs;
}

/** The plan's "# address will be …" lines: which resources drifted. */
function changedLines(planText: string): string {
  const lines = planText.split('\n').filter((line) => /^\s*# .* (will|must) be /.test(line) || /^\s*[~+-] .*=/.test(line));
  return lines.slice(0, 40).join('\n');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
