/**
 * Guardrails: security rules asked of the one model of each synthesized stack (model/) and of the IAM evaluator
 * (access/iam), and a lint of the policy templates. Rules: guardrails/RULES.md. Suppressions: stacks/suppress.ts.
 */
export { blocking, catalogueFor, checkModel, checkModels, ENGINE_CHECKS, type CodeSuppressions } from './engine';
export { enforceAfterSynth, enforceGuardrails, removeSynthOutput } from './enforce';
export { InputError } from './errors';
export { synthesizedStackFiles } from './files';
export { IamCatalogue } from './iam-catalogue';
export { formatLintFinding, lintPolicyVersion, type LintFinding } from './lint';
export { formatTable, toJson, type JsonResult } from './report';
export { RULES } from './rules';
export { renderRulesMarkdown, writeRulesDoc } from './rules-doc';
export type { Finding, Result, Rule, Severity } from './types';
