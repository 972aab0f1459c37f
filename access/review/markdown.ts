import type { AccessChange, Review, StackReview } from './compare';
import type { ReviewFinding } from './snapshot';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** The first line of the PR comment: what a reviewer must know at a glance. */
export function summaryLine(review: Review): string {
  const t = review.totals;
  const parts = [
    `${t.gains > 0 ? '**' : ''}${plural(t.gains, 'gain')}${t.gains > 0 ? '**' : ''}`,
    plural(t.losses, 'loss', 'losses'),
    `${plural(t.newFindings, 'new finding')}`,
    `${t.goneFindings} gone`,
  ];
  if (t.added.length > 0) parts.push(`stacks added: ${t.added.join(', ')}`);
  if (t.removed.length > 0) parts.push(`stacks removed: ${t.removed.join(', ')}`);
  return `**Access review** \`${review.base.commit.slice(0, 7)}\` (${review.base.ref}) → ${review.head}: ${parts.join(', ')}`;
}

function changesTable(title: string, changes: readonly AccessChange[]): string[] {
  if (changes.length === 0) return [];
  return [
    `**${title}**`,
    '',
    '| caller | request | before → after | decided by | other side |',
    '| --- | --- | --- | --- | --- |',
    ...changes.map((c) => `| ${cell(c.caller)} | ${cell(c.request)} | ${cell(c.before)} → ${cell(c.after)} | ${cell(c.decidedBy)} | ${cell(c.otherSide)} |`),
    '',
  ];
}

function findingsTable(title: string, findings: readonly ReviewFinding[]): string[] {
  if (findings.length === 0) return [];
  return [
    `**${title}**`,
    '',
    '| rule | severity | resource | message |',
    '| --- | --- | --- | --- |',
    ...findings.map((f) => `| ${f.rule} | ${f.severity}${f.suppressed ? ' (suppressed)' : ''} | ${cell(f.resource)} | ${cell(f.message)} |`),
    '',
  ];
}

function stackSection(stack: StackReview): string[] {
  const counts = [
    stack.status === 'added' || stack.status === 'removed' ? `stack ${stack.status}` : '',
    stack.gains.length ? `${plural(stack.gains.length, 'gain')}` : '',
    stack.losses.length ? plural(stack.losses.length, 'loss', 'losses') : '',
    stack.newFindings.length ? plural(stack.newFindings.length, 'new finding') : '',
    stack.goneFindings.length ? `${stack.goneFindings.length} finding(s) gone` : '',
  ].filter(Boolean);
  const matrix = (changes: AccessChange[]) => changes.filter((c) => c.source === 'matrix');
  const scenario = (changes: AccessChange[]) => changes.filter((c) => c.source === 'scenario');
  return [
    `<details><summary><b>${stack.stack}</b>: ${counts.join(', ')}</summary>`,
    '',
    ...changesTable('Gains (exhaustive matrix)', matrix(stack.gains)),
    ...changesTable('Losses (exhaustive matrix)', matrix(stack.losses)),
    ...changesTable('Gains (scenarios)', scenario(stack.gains)),
    ...changesTable('Losses (scenarios)', scenario(stack.losses)),
    ...findingsTable('New guardrail findings', stack.newFindings),
    ...findingsTable('Guardrail findings gone', stack.goneFindings),
    '</details>',
    '',
  ];
}

/** A PR comment: the summary line first, then one folded section per stack that changed. */
export function formatMarkdown(review: Review): string {
  const changed = review.stacks.filter((s) => s.status !== 'unchanged');
  const unchanged = review.stacks.filter((s) => s.status === 'unchanged').map((s) => s.stack);
  return [
    summaryLine(review),
    '',
    ...changed.flatMap(stackSection),
    unchanged.length > 0 ? `Unchanged: ${unchanged.join(', ')}.` : '',
    '',
    '<sub>Decided offline from both synthesized trees by `npm run --silent access -- review`: every group, pair of groups, ' +
      'CustomRoleArn request, no-group user, guest and foreign-pool token × every route, method and stage, plus every scenario.</sub>',
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
