import type { StackMatrix } from './run';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * One stack's exhaustive matrix, folded: callers down, requests across; green granted, red denied, grey no
 * credentials, yellow where the outcome breaks the config's invariant. A cell's tooltip says what decided it.
 */
export function matrixHtml(matrix: StackMatrix): string {
  const byCell = new Map(matrix.cells.map((c) => [`${c.caller}\u0000${c.request}`, c]));
  const header = matrix.requests.map((r) => `<th>${escapeHtml(r)}</th>`).join('');
  const rows = matrix.callers
    .map((caller) => {
      const cells = matrix.requests
        .map((request) => {
          const cell = byCell.get(`${caller.id}\u0000${request}`)!;
          const kind = cell.expected !== undefined && cell.expected !== cell.granted ? 'mismatch' : cell.granted ? 'allow' : cell.outcome === 'no-credentials' ? 'nocreds' : 'deny';
          const tip = `${cell.role ? `[${cell.role}] ` : ''}${cell.decidedBy}`;
          return `<td class="${kind}" title="${escapeHtml(tip)}">${escapeHtml(cell.outcome)}</td>`;
        })
        .join('');
      return `<tr><th>${escapeHtml(caller.id)}<div class="groups">${escapeHtml(caller.why)}</div></th>${cells}</tr>`;
    })
    .join('\n');
  const status = matrix.failures.length === 0 ? 'the invariant holds in every cell' : `${matrix.failures.length} cell(s) break the invariant`;
  return (
    `<section id="matrix-${escapeHtml(matrix.stack)}"><h2>Exhaustive matrix — stack ${escapeHtml(matrix.stack)}</h2>` +
    `<p class="status">${matrix.callers.length} callers × ${matrix.requests.length} requests, checked against ${escapeHtml(matrix.source)}: ${status}</p>` +
    `<details${matrix.failures.length > 0 ? ' open' : ''}><summary>show the matrix</summary>` +
    `<table class="matrix"><tr><th>caller</th>${header}</tr>\n${rows}</table></details></section>`
  );
}
