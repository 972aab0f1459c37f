import { readFileSync } from 'node:fs';
import { renderRulesMarkdown, RULES } from '../../guardrails';
import { README, renderReadme, RULES_DOC } from '../../guardrails/rules-doc';

describe('guardrails/RULES.md', () => {
  it('is up to date with the rule files (regenerate: npx tsx guardrails/rules-doc.ts)', () => {
    expect(readFileSync(RULES_DOC, 'utf8')).toBe(renderRulesMarkdown());
  });

  it('is the table in the README’s Guardrails section (regenerate: npx tsx guardrails/rules-doc.ts)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toBe(renderReadme(readme));
  });

  it('lists every rule with its severity and anchors', () => {
    const doc = renderRulesMarkdown();
    for (const rule of RULES) expect(doc).toContain(`| ${rule.id} | ${rule.severity} |`);
    expect(doc).toContain('checkov `CKV_AWS_76`');
  });
});
