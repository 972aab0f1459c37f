import { join } from 'node:path';
import { checkEntries, EquivalentMutant, EquivalentMutantMatcher, MutantLike } from '../../mutation/equivalent-mutants';

const ROOT = '/project';
const FILES: Record<string, string> = {
  'src/a.ts': ['export function clear(lists: number[][]): void {', '  for (const list of lists) if (list.length > 0) list.length = 0;', '}', "const name = x ?? '';", ''].join('\n'),
  'src/b.ts': 'export const b = 1;\n',
  'src/c.ts': 'if (ready && open) run();\n',
};
const read = (file: string): string => {
  const text = FILES[file];
  if (text === undefined) throw new Error(`no such file ${file}`);
  return text;
};

/** A mutant of src/a.ts on line `line` (0-based, as Stryker's API gives it), from column `from` to `to`. */
function mutant(mutatorName: string, replacement: string, line: number, from: number, to: number, file = 'src/a.ts'): MutantLike {
  return { fileName: join(ROOT, file), mutatorName, replacement, location: { start: { line, column: from }, end: { line, column: to } } };
}

// The mutants Stryker makes of `list.length > 0` (line 1, columns 32-47) and of the `''` on line 3 (columns 18-20).
const asTrue = mutant('ConditionalExpression', 'true', 1, 32, 47);
const asFalse = mutant('ConditionalExpression', 'false', 1, 32, 47);
const atLeast = mutant('EqualityOperator', 'list.length >= 0', 1, 32, 47);
const atMost = mutant('EqualityOperator', 'list.length <= 0', 1, 32, 47);
// The function body holds the code but is not inside it.
const emptied: MutantLike = { ...mutant('BlockStatement', '{}', 0, 47, 0), location: { start: { line: 0, column: 47 }, end: { line: 2, column: 1 } } };
const stryked = mutant('StringLiteral', '"Stryker was here!"', 3, 18, 20);
const ALL = [asTrue, asFalse, atLeast, atMost, emptied, stryked];

const CLEAR = 'if (list.length > 0) list.length = 0;';

test('an entry with mutator and replacement names one mutant of a node, not its siblings', () => {
  // `true` in place of the test, or `>=`, empties lists that are already empty: equivalent. `false` or `<=` never
  // empties a full list: not equivalent, so they must stay.
  const entries: EquivalentMutant[] = [
    { file: 'src/a.ts', code: CLEAR, mutator: 'ConditionalExpression', replacement: 'true', reason: 'empty already' },
    { file: 'src/a.ts', code: CLEAR, mutator: 'EqualityOperator', replacement: 'list.length >= 0', reason: 'empty already too' },
  ];
  const { reasons, problems } = new EquivalentMutantMatcher(entries, ROOT, read).match(ALL);
  expect([...reasons]).toEqual([
    [asTrue, 'equivalent: empty already'],
    [atLeast, 'equivalent: empty already too'],
  ]);
  expect(problems).toEqual([]);
});

test('where several mutants of the kind lie inside the code, the entry names the one whose node is exactly the code', () => {
  // Stryker puts `true` in place of `ready && open` and of each operand.
  const whole = mutant('ConditionalExpression', 'true', 0, 4, 17, 'src/c.ts');
  const left = mutant('ConditionalExpression', 'true', 0, 4, 9, 'src/c.ts');
  const right = mutant('ConditionalExpression', 'true', 0, 13, 17, 'src/c.ts');
  const entry: EquivalentMutant = { file: 'src/c.ts', code: 'ready && open', mutator: 'ConditionalExpression', replacement: 'true', reason: 'r' };
  expect([...new EquivalentMutantMatcher([entry], ROOT, read).match([left, whole, right]).reasons.keys()]).toEqual([whole]);
  // Around a larger fragment, none is exactly it: ambiguous, unless the entry names the node.
  const wider: EquivalentMutant = { ...entry, code: 'if (ready && open)' };
  expect(new EquivalentMutantMatcher([wider], ROOT, read).match([left, whole, right]).problems).toEqual([
    'src/c.ts: equivalent mutant ConditionalExpression → true in "if (ready && open)" matches 3 mutants (must be one); none ignored',
  ]);
  const operand: EquivalentMutant = { ...wider, node: 'ready' };
  expect([...new EquivalentMutantMatcher([operand], ROOT, read).match([left, whole, right]).reasons.keys()]).toEqual([left]);
});

test('an entry without a mutator names every mutant inside its code (the earlier form keeps working)', () => {
  const entries: EquivalentMutant[] = [{ file: 'src/a.ts', code: "x ?? ''", reason: 'x is always set' }];
  const { reasons } = new EquivalentMutantMatcher(entries, ROOT, read).match(ALL);
  expect([...reasons]).toEqual([[stryked, 'equivalent: x is always set']]);
});

test('an entry with a mutator that matches no mutant or several ignores none and says so', () => {
  const entries: EquivalentMutant[] = [
    // Both ConditionalExpression mutants lie inside: ambiguous.
    { file: 'src/a.ts', code: CLEAR, mutator: 'ConditionalExpression', reason: 'r' },
    { file: 'src/a.ts', code: CLEAR, mutator: 'EqualityOperator', replacement: 'list.length !== 0', reason: 'r' },
    // src/b.ts is not mutated in this run: nothing to say about it.
    { file: 'src/b.ts', code: 'b = 1', mutator: 'ArithmeticOperator', reason: 'r' },
  ];
  const { reasons, problems } = new EquivalentMutantMatcher(entries, ROOT, read).match(ALL);
  expect(reasons.size).toBe(0);
  expect(problems).toEqual([
    `src/a.ts: equivalent mutant ConditionalExpression in "${CLEAR}" matches 2 mutants (must be one); none ignored`,
    `src/a.ts: equivalent mutant EqualityOperator → list.length !== 0 in "${CLEAR}" matches 0 mutants (must be one); none ignored`,
  ]);
});

test('a mutant of the same kind outside the code is not matched', () => {
  const entries: EquivalentMutant[] = [{ file: 'src/a.ts', code: "x ?? ''", mutator: 'StringLiteral', reason: 'r' }];
  const elsewhere = mutant('StringLiteral', '"Stryker was here!"', 1, 0, 5);
  const { reasons } = new EquivalentMutantMatcher(entries, ROOT, read).match([elsewhere, stryked]);
  expect([...reasons.keys()]).toEqual([stryked]);
});

test('entries that would silently stop ignoring are refused when the plugin loads', () => {
  const refusal = (entry: EquivalentMutant): string => {
    try {
      checkEntries([entry], read);
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };
  expect(refusal({ file: 'src/a.ts', code: 'list.length', reason: 'r' })).toBe(
    'stryker.config.mjs equivalentMutants, src/a.ts: "list.length" occurs 2 times (must be once)',
  );
  expect(refusal({ file: 'src/a.ts', code: 'gone', reason: 'r' })).toBe('stryker.config.mjs equivalentMutants, src/a.ts: "gone" occurs 0 times (must be once)');
  expect(refusal({ file: 'src/a.ts', code: CLEAR, reason: ' ' })).toBe(`stryker.config.mjs equivalentMutants, src/a.ts: "${CLEAR}" has no reason`);
  expect(refusal({ file: 'src/a.ts', code: CLEAR, replacement: 'true', reason: 'r' })).toBe(
    `stryker.config.mjs equivalentMutants, src/a.ts: "${CLEAR}" names a replacement or node but no mutator`,
  );
  expect(refusal({ file: 'src/a.ts', code: CLEAR, mutator: 'EqualityOperator', node: 'list.size', reason: 'r' })).toBe(
    `stryker.config.mjs equivalentMutants, src/a.ts: "${CLEAR}" does not hold the node "list.size"`,
  );
  expect(refusal({ file: 'src/a.ts', code: CLEAR, mutator: 'ConditionalExpression', replacement: 'true', reason: 'r' })).toBe('accepted');
});
