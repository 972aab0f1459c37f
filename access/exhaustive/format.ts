import type { MatrixCell } from './cells';
import type { StackMatrix } from './run';

/** One line per stack, for `npm start`. */
export function matrixSummary(matrix: StackMatrix): string {
  const granted = matrix.cells.filter((c) => c.granted).length;
  const verdict = matrix.failures.length === 0 ? 'invariant holds' : `✗ ${matrix.failures.length} cell(s) break the invariant`;
  return (
    `${matrix.stack.padEnd(12)} ${matrix.callers.length} callers × ${matrix.requests.length} requests = ${matrix.cells.length} cells, ` +
    `${granted} granted; ${verdict} (${matrix.source})`
  );
}

/** A failing cell in words: caller, request, expected, actual and what decided it. */
export function failureText(cell: MatrixCell): string {
  const want = cell.expected ? 'granted' : 'nothing';
  return `${cell.caller}  ${cell.request}: expected ${want}, got ${cell.outcome}${cell.role ? ` [${cell.role}]` : ''} (${cell.decidedBy})`;
}

/** What each caller is granted (the rest is denied), then the failures. */
export function formatStackMatrix(matrix: StackMatrix): string {
  const lines = [matrixSummary(matrix), ''];
  const width = Math.max(...matrix.callers.map((c) => c.id.length));
  for (const caller of matrix.callers) {
    const granted = matrix.cells.filter((c) => c.caller === caller.id && c.granted).map((c) => c.request);
    lines.push(`${caller.id.padEnd(width)}  ${granted.length > 0 ? granted.join(', ') : '(nothing)'}`);
  }
  if (matrix.failures.length > 0) {
    lines.push('', `${matrix.failures.length} cell(s) break what ${matrix.source} states:`);
    for (const cell of matrix.failures) lines.push(`  ${failureText(cell)}`);
  }
  return lines.join('\n');
}
