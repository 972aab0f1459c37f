/**
 * Equivalent mutants: mutants no test can kill because the program behaves the same with them. Each is listed in
 * stryker.config.mjs (`equivalentMutants`) with its reason; mutation/equivalent-ignorer.mjs reports them as Ignored
 * with that reason, so they leave the score instead of counting as survivors.
 */
import { relative, sep } from 'node:path';

export interface EquivalentMutant {
  /** The mutated file, relative to the project root (`access/iam/evaluate.ts`). */
  file: string;
  /** Exact source text that occurs once in the file and holds the mutant. */
  code: string;
  /**
   * The Stryker mutator that made it (`ConditionalExpression`, `EqualityOperator`, …). With it the entry names one
   * mutant, and must match exactly one: the one of that kind inside `code`, or, where there are several (`true` for
   * `a && b` and for `a`), the one whose node is exactly `code`. Without it, every mutant inside `code` is equivalent.
   */
  mutator?: string;
  /** The mutant's replacement code as Stryker's report shows it (`true`, `list.length >= 0`); needs `mutator`. */
  replacement?: string;
  /**
   * The exact text of the mutated node inside `code`, when `code` holds several mutants of the kind and the one
   * meant is not `code` itself (`a` in `if (a && b) x`); needs `mutator`.
   */
  node?: string;
  reason: string;
}

/** The parts of a Stryker mutant (API `Mutant`, 0-based lines and columns) an entry is matched on. */
export interface MutantLike {
  fileName: string;
  mutatorName: string;
  replacement: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/**
 * Refuses entries that would silently stop ignoring: code gone or not once in its file, no reason, or a
 * replacement without its mutator. Returns where each entry's code starts in its file.
 */
export function checkEntries(entries: readonly EquivalentMutant[], read: (file: string) => string): Map<EquivalentMutant, number> {
  const starts = new Map<EquivalentMutant, number>();
  for (const entry of entries) {
    const where = `stryker.config.mjs equivalentMutants, ${entry.file}: "${entry.code}"`;
    const text = read(entry.file);
    const count = text.split(entry.code).length - 1;
    if (!entry.code || count !== 1) throw new Error(`${where} occurs ${count} times (must be once)`);
    if (!entry.reason?.trim()) throw new Error(`${where} has no reason`);
    if ((entry.replacement !== undefined || entry.node !== undefined) && !entry.mutator) throw new Error(`${where} names a replacement or node but no mutator`);
    if (entry.node !== undefined && !entry.code.includes(entry.node)) throw new Error(`${where} does not hold the node "${entry.node}"`);
    starts.set(entry, text.indexOf(entry.code));
  }
  return starts;
}

/** The character offset of a 0-based line and column. */
function offsetOf(text: string, position: { line: number; column: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length + 1;
    offset = next + 1;
  }
  return offset + position.column;
}

/**
 * Matches mutants to entries. `root` is the project root the entries' files are relative to; `read` reads a file
 * given relative to it. Returns the reason per matched mutant, and one problem line per entry with a mutator that
 * did not match exactly one mutant of a file that was mutated (those entries ignore nothing, so the mutants show),
 * or without one that matched none.
 */
export class EquivalentMutantMatcher {
  private readonly starts: Map<EquivalentMutant, number>;

  constructor(
    private readonly entries: readonly EquivalentMutant[],
    private readonly root: string,
    private readonly read: (file: string) => string,
  ) {
    this.starts = checkEntries(entries, read);
  }

  match(mutants: readonly MutantLike[]): { reasons: Map<MutantLike, string>; problems: string[] } {
    const found = new Map<EquivalentMutant, Array<{ mutant: MutantLike; exact: boolean }>>(this.entries.map((entry) => [entry, []]));
    const mutatedFiles = new Set<string>();
    const texts = new Map<string, string>();
    for (const mutant of mutants) {
      const file = relative(this.root, mutant.fileName).split(sep).join('/');
      mutatedFiles.add(file);
      for (const entry of this.entries) {
        if (entry.file !== file) continue;
        if (entry.mutator !== undefined && entry.mutator !== mutant.mutatorName) continue;
        if (entry.replacement !== undefined && entry.replacement !== mutant.replacement) continue;
        const text = texts.get(file) ?? this.read(file);
        texts.set(file, text);
        const start = this.starts.get(entry)!;
        const from = offsetOf(text, mutant.location.start);
        const to = offsetOf(text, mutant.location.end);
        const end = start + entry.code.length;
        if (from < start || to > end || (entry.node !== undefined && text.slice(from, to) !== entry.node)) continue;
        found.get(entry)!.push({ mutant, exact: from === start && to === end });
      }
    }
    const reasons = new Map<MutantLike, string>();
    const problems: string[] = [];
    for (const [entry, inside] of found) {
      if (!mutatedFiles.has(entry.file)) continue;
      const exact = inside.filter((m) => m.exact);
      const matched = (entry.mutator !== undefined && inside.length > 1 && exact.length === 1 ? exact : inside).map((m) => m.mutant);
      const named = `${entry.mutator}${entry.replacement === undefined ? '' : ` → ${entry.replacement}`}`;
      if (entry.mutator !== undefined && matched.length !== 1) {
        problems.push(`${entry.file}: equivalent mutant ${named} in "${entry.code}" matches ${matched.length} mutants (must be one); none ignored`);
        continue;
      }
      if (matched.length === 0) problems.push(`${entry.file}: no mutant inside equivalent code "${entry.code}"`);
      for (const mutant of matched) reasons.set(mutant, `equivalent: ${entry.reason}`);
    }
    return { reasons, problems };
  }
}
