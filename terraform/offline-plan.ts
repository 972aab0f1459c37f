import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { terraform } from './cli';
import { OFFLINE_OVERRIDE_FILE, offlineOverride } from './offline-override';

export interface PlannedChange {
  address: string;
  type: string;
  actions: string[];
}

export interface OfflinePlan {
  stack: string;
  changes: PlannedChange[];
  /** Resources to add, per type. */
  toAdd: Record<string, number>;
  timings: { initMs: number; planMs: number };
}

/** One line of `terraform plan -json` (Terraform's machine-readable UI); only `planned_change` lines are read. */
interface UiMessage {
  type: string;
  change?: { resource: { addr: string; resource_type: string }; action: string };
}

/** A data source's address (`data.TYPE.NAME`, possibly inside modules): read at plan time, nothing to create. */
const DATA_ADDRESS = /^(module\.[^.]+(\[[^\]]*\])?\.)*data\./;

/** The managed resources a `terraform plan -json` run plans to change, in the order Terraform reports them. */
export function plannedChanges(jsonLines: string): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const line of jsonLines.split('\n')) {
    if (!line.trim()) continue;
    const message = JSON.parse(line) as UiMessage;
    if (message.type !== 'planned_change' || !message.change || DATA_ADDRESS.test(message.change.resource.addr)) continue;
    const { resource, action } = message.change;
    changes.push({ address: resource.addr, type: resource.resource_type, actions: [action] });
  }
  return changes;
}

/**
 * What `cdktf diff|deploy` (or a hand-run terraform) leaves in a stack folder: the init state with its backend, the
 * provider lock file, local state and cdktf's saved plan. A plan copy that kept them would inherit another backend ("Backend
 * configuration changed … -migrate-state"), lock hashes the mirror cannot serve, or someone's state.
 */
const TERRAFORM_WORKING_FILES = /^(\.terraform|\.terraform\.lock\.hcl|terraform\.tfstate\.d|.*\.tfstate(\.backup)?|plan|.*\.tfplan)$/;

/** Copies the synthesized stack (cdk.tf.json and its assets) and nothing Terraform made in that folder. */
export function copyStackForPlan(stackDir: string, work: string): void {
  cpSync(stackDir, work, { recursive: true, filter: (src) => src === stackDir || !TERRAFORM_WORKING_FILES.test(basename(src)) });
}

/**
 * Go's garbage collector target for the offline plan's Terraform and provider processes. Loading the AWS provider's
 * schema is most of a plan and allocates heavily; collecting at 400% heap growth instead of Go's default 100% cuts a
 * plan's CPU time by about a quarter (3.2 → 2.3 CPU-seconds per stack, 2 cores) for about 50 MB more peak memory
 * per process. Only these short-lived runs get it; a GOGC the user set wins.
 */
export const PLAN_GOGC = '400';

/**
 * Copies one synthesized stack aside, adds the offline override, then `terraform init` and `terraform plan -json`.
 * The plan includes Terraform's validation ("terraform validate": "use the terraform plan command instead, which
 * includes an implied validation check"), and its JSON lines list the planned changes, so neither a separate
 * `validate` nor a `show -json` is run: each would start the provider and load its schema once more.
 */
export async function planOffline(
  stackDir: string,
  stack: string,
  env: NodeJS.ProcessEnv,
  onStep: (step: string) => void = () => undefined,
): Promise<OfflinePlan> {
  const work = mkdtempSync(join(tmpdir(), `tf-${stack}-`));
  const planEnv = { ...env, GOGC: env.GOGC ?? PLAN_GOGC };
  try {
    copyStackForPlan(stackDir, work);
    writeFileSync(join(work, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(), null, 2));
    const timed = async (step: string, args: string[]) => {
      onStep(step);
      const start = performance.now();
      const result = await terraform(args, work, planEnv);
      return { result, ms: performance.now() - start };
    };
    const init = await timed('init', ['init', '-input=false', '-no-color']);
    const plan = await timed('plan', ['plan', '-json', '-input=false', '-lock=false']);
    const changes = plannedChanges(plan.result.stdout);
    const toAdd: Record<string, number> = {};
    for (const change of changes) {
      if (change.actions.includes('create')) toAdd[change.type] = (toAdd[change.type] ?? 0) + 1;
    }
    return { stack, changes, toAdd, timings: { initMs: init.ms, planMs: plan.ms } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
