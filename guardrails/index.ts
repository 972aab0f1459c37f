/**
 * Guardrails: security rules on the synthesized Terraform JSON (cdktf.out/stacks/*\/cdk.tf.json) and a lint of the
 * policy templates. Rules: guardrails/RULES.md. Suppressions: stacks/suppress.ts.
 */
export { blocking, catalogueFor, checkStack, checkStacks, ENGINE_CHECKS } from './engine';
export { enforceAfterSynth, enforceGuardrails, removeSynthOutput } from './enforce';
export { InputError } from './errors';
export { synthesizedStackFiles } from './files';
export { IamCatalogue } from './iam-catalogue';
export { formatLintFinding, lintPolicyVersion, type LintFinding } from './lint';
export { formatTable, toJson, type JsonResult } from './report';
export { RULES } from './rules';
export { renderRulesMarkdown, writeRulesDoc } from './rules-doc';
export { loadStackFile, parseStack, TfStack, type TfResource } from './stack';
export type { Finding, Result, Rule, Severity } from './types';
