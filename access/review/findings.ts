/**
 * The one place the review reads the guardrails: every finding of the stacks in an outdir, with the current tree's
 * rules applied to both sides (so a change of rules never shows as a change of the stacks). Suppressions count when
 * the side's own code declares them (stacks/suppress.ts codeSuppressions of that tree's app).
 */
import { checkModels, type CodeSuppressions } from '../../guardrails/engine';
import { synthesizedStackFiles } from '../../guardrails/files';
import type { Result } from '../../guardrails/types';
import { readSynth, type StackModel } from '../../model';
import { suppressionKey } from '../../stacks/suppress';

export async function guardrailFindings(outdir: string, declared: CodeSuppressions | undefined): Promise<Result[]> {
  const models = synthesizedStackFiles(outdir).map((file) => readSynth(file));
  return checkModels(models, declared ?? suppressionsInJson(models));
}

/**
 * For a tree from before suppressions were declared in code: the suppressions its synthesized JSON carries, which
 * that tree's code wrote and honoured.
 */
function suppressionsInJson(models: readonly StackModel[]): CodeSuppressions {
  return new Set(models.flatMap((model) => model.nodes.flatMap((node) => node.suppressions.map((s) => suppressionKey(model.name, node.address, s.rule)))));
}
