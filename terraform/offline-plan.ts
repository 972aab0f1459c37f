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
  timings: { initMs: number; validateMs: number; planMs: number };
}

interface PlanJson {
  resource_changes?: Array<{ address: string; type: string; mode: string; change: { actions: string[] } }>;
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

/** Copies one synthesized stack aside, adds the offline override, then init → validate → plan → show -json. */
export async function planOffline(
  stackDir: string,
  stack: string,
  env: NodeJS.ProcessEnv,
  onStep: (step: string) => void = () => undefined,
): Promise<OfflinePlan> {
  const work = mkdtempSync(join(tmpdir(), `tf-${stack}-`));
  try {
    copyStackForPlan(stackDir, work);
    writeFileSync(join(work, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(), null, 2));
    const timed = async (step: string, args: string[]) => {
      onStep(step);
      const start = performance.now();
      const result = await terraform(args, work, env);
      return { result, ms: performance.now() - start };
    };
    const init = await timed('init', ['init', '-input=false', '-no-color']);
    const validate = await timed('validate', ['validate', '-no-color']);
    const plan = await timed('plan', ['plan', '-input=false', '-lock=false', '-no-color', '-out=plan.bin']);
    const shown = await terraform(['show', '-json', 'plan.bin'], work, env);
    const json = JSON.parse(shown.stdout) as PlanJson;
    const changes = (json.resource_changes ?? [])
      .filter((change) => change.mode === 'managed')
      .map((change) => ({ address: change.address, type: change.type, actions: change.change.actions }));
    const toAdd: Record<string, number> = {};
    for (const change of changes) {
      if (change.actions.includes('create')) toAdd[change.type] = (toAdd[change.type] ?? 0) + 1;
    }
    return { stack, changes, toAdd, timings: { initMs: init.ms, validateMs: validate.ms, planMs: plan.ms } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
