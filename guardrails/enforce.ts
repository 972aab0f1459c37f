import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'cdktf';
import { displayPath, readSynth } from '../model';
import { codeSuppressions } from '../stacks/suppress';
import { blocking, checkModels, type CodeSuppressions } from './engine';
import { synthesizedStackDirs, synthesizedStackFiles } from './files';
import { formatBlocking } from './report';

/**
 * Removes what a synth wrote so nothing half-valid can be deployed: manifest.json and each stack folder it lists
 * (cdk.tf.json, assets, metadata). Other files in the outdir are left alone; the outdir itself goes if it is then
 * empty. Returns the removed paths.
 */
export function removeSynthOutput(outdir: string): string[] {
  const removed: string[] = [];
  for (const dir of synthesizedStackDirs(outdir)) {
    if (existsSync(dir)) {
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    }
  }
  const manifest = join(outdir, 'manifest.json');
  if (existsSync(manifest)) {
    rmSync(manifest, { force: true });
    removed.push(manifest);
  }
  const stacksDir = join(outdir, 'stacks');
  if (existsSync(stacksDir) && readdirSync(stacksDir).length === 0) rmSync(stacksDir, { recursive: true, force: true });
  if (existsSync(outdir) && readdirSync(outdir).length === 0) rmSync(outdir, { recursive: true, force: true });
  return removed;
}

/**
 * The synth-time gate: checks every stack just written to `outdir`, honouring only the suppressions the code
 * declares. On an unsuppressed error (a part the model cannot read included) it prints each finding with its rule
 * id, resource address and fix, removes the synth output and returns false. Unsuppressed warnings are printed and pass.
 */
export async function enforceGuardrails(outdir: string, declared: CodeSuppressions, log: (text: string) => void = console.error): Promise<boolean> {
  let results;
  try {
    const models = synthesizedStackFiles(outdir).map((file) => readSynth(file));
    results = await checkModels(models, declared);
  } catch (error) {
    removeSynthOutput(outdir);
    log(`guardrails: cannot check the synthesized stacks: ${(error as Error).message}`);
    log(`guardrails: removed the synth output in ${displayPath(outdir)}`);
    return false;
  }
  const warnings = results.filter((r) => r.severity === 'warning' && !r.suppressed);
  for (const r of warnings) log(`guardrails warning: ${r.rule} ${r.resource} (stack ${r.stack}): ${r.message}`);
  const errors = blocking(results);
  if (errors.length === 0) return true;
  removeSynthOutput(outdir);
  log(
    [
      `guardrails: synth refused, ${errors.length} unsuppressed error(s):`,
      formatBlocking(results),
      `The synth output in ${displayPath(outdir)} was removed so nothing half-valid can be deployed.`,
      "Fix the construct, or accept the risk with suppress(resource, '<RULE-ID>', '<reason>') from stacks/suppress.ts " +
        'next to it. Rules: guardrails/RULES.md; details: npm run check.',
    ].join('\n'),
  );
  return false;
}

/** For main.ts: runs the gate after `app.synth()` and sets a non-zero exit code when it refuses. */
export function enforceAfterSynth(app: App): Promise<void> {
  return enforceGuardrails(app.outdir, codeSuppressions(app)).then(
    (ok) => {
      if (!ok) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(`guardrails: ${(error as Error).stack ?? String(error)}`);
      process.exitCode = 1;
    },
  );
}
