import type { ReviewFinding, Snapshot, StackSnapshot } from './snapshot';

/** A caller whose access to one request changed. `before`/`after` are outcomes; `absent` when that side has no such caller. */
export interface AccessChange {
  caller: string;
  request: string;
  before: string;
  after: string;
  /** What decided the side that grants: the allowing statement for a gain, the one that allowed before for a loss. */
  decidedBy: string;
  /** What decided the other side (why it was, or now is, refused). */
  otherSide: string;
  /** Exhaustive matrix or a scenario file. */
  source: 'matrix' | 'scenario';
}

export interface StackReview {
  stack: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  gains: AccessChange[];
  losses: AccessChange[];
  newFindings: ReviewFinding[];
  goneFindings: ReviewFinding[];
}

export interface Review {
  base: { ref: string; commit: string };
  head: string;
  stacks: StackReview[];
  totals: { gains: number; losses: number; newFindings: number; goneFindings: number; added: string[]; removed: string[] };
}

type Cell = StackSnapshot['cells'][number] | StackSnapshot['scenarios'][number];
const ABSENT = 'absent';

/** Compares two snapshots stack by stack: access gained and lost, findings new and gone, stacks added and removed. */
export function compareSnapshots(before: Snapshot, after: Snapshot, base: Review['base'], head: string): Review {
  const names = [...new Set([...Object.keys(before.stacks), ...Object.keys(after.stacks)])].sort();
  const stacks = names.map((stack) => compareStack(stack, before.stacks[stack], after.stacks[stack]));
  const sum = (pick: (s: StackReview) => unknown[]) => stacks.reduce((n, s) => n + pick(s).length, 0);
  return {
    base,
    head,
    stacks,
    totals: {
      gains: sum((s) => s.gains),
      losses: sum((s) => s.losses),
      newFindings: sum((s) => s.newFindings),
      goneFindings: sum((s) => s.goneFindings),
      added: stacks.filter((s) => s.status === 'added').map((s) => s.stack),
      removed: stacks.filter((s) => s.status === 'removed').map((s) => s.stack),
    },
  };
}

function compareStack(stack: string, before: StackSnapshot | undefined, after: StackSnapshot | undefined): StackReview {
  const empty: StackSnapshot = { cells: [], scenarios: [], findings: [] };
  const [from, to] = [before ?? empty, after ?? empty];
  const gains: AccessChange[] = [];
  const losses: AccessChange[] = [];
  for (const [source, a, b] of [
    ['matrix', from.cells, to.cells],
    ['scenario', from.scenarios, to.scenarios],
  ] as const) {
    const changes = compareCells(a, b, source);
    gains.push(...changes.gains);
    losses.push(...changes.losses);
  }
  const key = (f: ReviewFinding) => `${f.rule}\u0000${f.resource}\u0000${f.message}\u0000${f.suppressed}`;
  const had = new Set(from.findings.map(key));
  const has = new Set(to.findings.map(key));
  const newFindings = to.findings.filter((f) => !had.has(key(f)));
  const goneFindings = from.findings.filter((f) => !has.has(key(f)));
  const changed = gains.length + losses.length + newFindings.length + goneFindings.length > 0;
  return {
    stack,
    status: !before ? 'added' : !after ? 'removed' : changed ? 'changed' : 'unchanged',
    gains,
    losses,
    newFindings,
    goneFindings,
  };
}

/**
 * A gain is a caller × request granted after and not before (a caller that did not exist before had nothing); a
 * loss the reverse. A request one side never asked counts as not granted there.
 */
function compareCells(before: readonly Cell[], after: readonly Cell[], source: AccessChange['source']) {
  const key = (c: Cell) => `${c.caller}\u0000${c.request}`;
  const old = new Map(before.map((c) => [key(c), c]));
  const now = new Map(after.map((c) => [key(c), c]));
  const gains: AccessChange[] = [];
  const losses: AccessChange[] = [];
  for (const [k, cell] of now) {
    const prior = old.get(k);
    if (cell.granted && !prior?.granted) gains.push(change(k, prior, cell, source));
  }
  for (const [k, cell] of old) {
    const next = now.get(k);
    if (cell.granted && !next?.granted) losses.push(change(k, cell, next, source));
  }
  return { gains, losses };
}

/** One change; exactly one side grants, and its deciding statement is the one a reviewer needs. */
function change(key: string, before: Cell | undefined, after: Cell | undefined, source: AccessChange['source']): AccessChange {
  const [caller, request] = key.split('\u0000') as [string, string];
  const [granting, other] = after?.granted ? [after, before] : [before!, after];
  return {
    caller,
    request,
    before: before ? outcome(before) : ABSENT,
    after: after ? outcome(after) : ABSENT,
    decidedBy: granting.decidedBy,
    otherSide: other ? other.decidedBy : 'no such caller or request on this side',
    source,
  };
}

function outcome(cell: Cell): string {
  return cell.role ? `${cell.outcome} [${cell.role}]` : cell.outcome;
}
