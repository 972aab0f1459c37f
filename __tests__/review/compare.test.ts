import { compareSnapshots } from '../../access/review/compare';
import { formatMarkdown } from '../../access/review/markdown';
import type { Snapshot, StackSnapshot } from '../../access/review/snapshot';

/** compareSnapshots on hand-made snapshots: the cases a real repository reaches only slowly. */
const cell = (caller: string, request: string, granted: boolean, decidedBy: string) => ({
  caller,
  request,
  outcome: granted ? '200' : '403',
  granted,
  expected: undefined,
  role: 'r',
  decidedBy,
});
const stack = (cells: StackSnapshot['cells'], findings: StackSnapshot['findings'] = []): StackSnapshot => ({ cells, scenarios: [], findings });
const finding = (rule: string, resource: string) => ({ rule, severity: 'error', resource, message: 'm', suppressed: false });
const base = { ref: 'main', commit: '0123456789abcdef' };

test('stacks that appear or disappear are reported as added or removed, with their access as gains or losses', () => {
  const before: Snapshot = { stacks: { old: stack([cell('A', 'GET /x', true, 'S1 Allow')]) } };
  const after: Snapshot = { stacks: { fresh: stack([cell('B', 'GET /y', true, 'S2 Allow'), cell('B', 'GET /z', false, 'nothing')]) } };
  const review = compareSnapshots(before, after, base, 'working tree');
  expect(review.stacks.map((s) => [s.stack, s.status])).toEqual([
    ['fresh', 'added'],
    ['old', 'removed'],
  ]);
  expect(review.totals).toEqual({ gains: 1, losses: 1, newFindings: 0, goneFindings: 0, added: ['fresh'], removed: ['old'] });
  expect(review.stacks[0]!.gains).toEqual([
    { caller: 'B', request: 'GET /y', before: 'absent', after: '200 [r]', decidedBy: 'S2 Allow', otherSide: 'no such caller or request on this side', source: 'matrix' },
  ]);
  expect(formatMarkdown(review).split('\n')[0]).toBe(
    '**Access review** `0123456` (main) → working tree: **1 gain**, 1 loss, 0 new findings, 0 gone, stacks added: fresh, stacks removed: old',
  );
});

test('an outcome that changes without changing who is granted is neither a gain nor a loss; findings are new or gone by rule and resource', () => {
  const before: Snapshot = { stacks: { s: stack([cell('A', 'GET /x', false, 'implicit')], [finding('RBAC-001', 'aws_iam_role.a')]) } };
  const after: Snapshot = {
    stacks: { s: stack([{ ...cell('A', 'GET /x', false, 'explicit'), outcome: 'no-credentials' }], [finding('RBAC-002', 'aws_iam_role.a')]) },
  };
  const review = compareSnapshots(before, after, base, 'working tree');
  expect(review.stacks[0]).toMatchObject({ status: 'changed', gains: [], losses: [] });
  expect(review.stacks[0]!.newFindings.map((f) => f.rule)).toEqual(['RBAC-002']);
  expect(review.stacks[0]!.goneFindings.map((f) => f.rule)).toEqual(['RBAC-001']);
});

test('nothing changed: every stack unchanged, and the Markdown says so in one line', () => {
  const same: Snapshot = { stacks: { s: stack([cell('A', 'GET /x', true, 'S1 Allow')]) } };
  const markdown = formatMarkdown(compareSnapshots(same, same, base, 'working tree'));
  expect(markdown.split('\n')[0]).toBe('**Access review** `0123456` (main) → working tree: 0 gains, 0 losses, 0 new findings, 0 gone');
  expect(markdown).toContain('Unchanged: s.');
  expect(markdown).not.toContain('<details>');
});
