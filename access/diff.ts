import { cellText } from './matrix';
import { CellResult, runScenario } from './run-scenario';
import { Scenario } from './scenario';

export interface DiffRow {
  user: string;
  request: string;
  from: CellResult;
  to: CellResult;
}

/** Every user × request whose outcome (status or decision, and the deny kind) differs between two policy versions. */
export async function diffVersions(
  scenario: Scenario,
  from: { version: string; outdir: string },
  to: { version: string; outdir: string },
): Promise<DiffRow[]> {
  const before = await runScenario({ ...scenario, policyVersion: from.version }, from.outdir);
  const after = await runScenario({ ...scenario, policyVersion: to.version }, to.outdir);
  const key = (c: CellResult) => `${c.outcome}/${c.decision}/${c.role}`;
  return before.results.flatMap((cell, i) => {
    const other = after.results[i]!;
    return key(cell) === key(other) ? [] : [{ user: cell.user, request: cell.request, from: cell, to: other }];
  });
}

export function formatDiff(rows: DiffRow[], from: string, to: string): string {
  if (rows.length === 0) return `no differences between ${from} and ${to}`;
  return rows.map((r) => `${r.user}  ${r.request}  ${from}: ${cellText(r.from)}  →  ${to}: ${cellText(r.to)}`).join('\n');
}
