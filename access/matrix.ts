import { CellResult, ScenarioRun } from './run-scenario';

/** A short cell: the status (or decision) with the answer's message or the reason, and the role used. */
export function cellText(cell: CellResult): string {
  const role = cell.role ? ` [${cell.role}]` : '';
  if (cell.status === 'no-credentials' || cell.decision === 'no-credentials') return `no-credentials (${clip(cell.reason)})`;
  if (cell.status === null) return `${cell.decision}${role}`;
  return `${cell.status} ${clip(summary(cell))}${role}`;
}

/** Keeps the matrix readable; --json and the HTML report carry the full text. */
function clip(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function summary(cell: CellResult): string {
  try {
    const body = JSON.parse(cell.body) as { message?: unknown; Message?: unknown };
    if (cell.status === 200 && typeof body.message === 'string') return body.message;
    if (typeof body.Message === 'string') return cell.decision;
    if (typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: show it as it is
  }
  return cell.body;
}

/** Users down, requests across; mismatches with `expect` are marked ✗ and listed below. */
export function formatMatrix(run: ScenarioRun): string {
  const requests = run.scenario.requests.map((r) => r.key);
  const users = run.scenario.users.map((u) => u.name);
  const cells = new Map(run.results.map((r) => [`${r.user}\u0000${r.request}`, r]));
  const text = (user: string, request: string) => {
    const cell = cells.get(`${user}\u0000${request}`)!;
    const mark = cell.expected === undefined ? '' : cell.expected === cell.outcome ? '✓ ' : '✗ ';
    return `${mark}${cellText(cell)}`;
  };
  const width = [Math.max(4, ...users.map((u) => u.length)), ...requests.map((r) => Math.max(r.length, ...users.map((u) => text(u, r).length)))];
  const row = (items: string[]) => items.map((item, i) => item.padEnd(width[i]!)).join('  ').trimEnd();
  const lines = [row(['user', ...requests]), row(width.map((w) => '-'.repeat(w)))];
  for (const user of users) lines.push(row([user, ...requests.map((r) => text(user, r))]));
  if (run.mismatches.length > 0) {
    lines.push('', `${run.mismatches.length} mismatch(es) with expect:`);
    for (const m of run.mismatches) lines.push(`  ${m.user} ${m.request}: expected ${m.expected}, got ${m.actual}`);
  }
  return lines.join('\n');
}

/** The binding --json shape. */
export function scenarioJson(run: ScenarioRun): object {
  return {
    results: run.results.map((r) => ({
      user: r.user,
      request: r.request,
      status: r.status,
      body: r.body,
      role: r.role,
      decision: r.decision,
      reason: r.reason,
    })),
    mismatches: run.mismatches,
  };
}
