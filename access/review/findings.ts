/**
 * The one place the review reads the guardrails: every finding of the stacks in an outdir, with the current tree's
 * rules applied to both sides (so a change of rules never shows as a change of the stacks).
 */
import { checkStacks } from '../../guardrails/engine';
import { synthesizedStackFiles } from '../../guardrails/files';
import { loadStackFile } from '../../guardrails/stack';
import type { Result } from '../../guardrails/types';

export async function guardrailFindings(outdir: string): Promise<Result[]> {
  return checkStacks(synthesizedStackFiles(outdir).map((file) => loadStackFile(file)));
}
