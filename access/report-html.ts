import { relative } from 'node:path';
import { CellResult, ScenarioRun } from './run-scenario';
import { PROJECT_ROOT } from './synth-cache';
import { cellText } from './matrix';
import { escapeHtml as escape, matrixHtml } from './exhaustive/html';
import type { StackMatrix } from './exhaustive';

function color(cell: CellResult): string {
  if (cell.expected !== undefined && cell.expected !== cell.outcome) return 'mismatch';
  if (cell.outcome === 'no-credentials') return 'nocreds';
  if ((typeof cell.outcome === 'number' && cell.outcome < 400) || cell.outcome === 'allowed') return 'allow';
  return 'deny';
}

/** Scenario files by their path inside the project, whatever the current directory. */
function shown(file: string): string {
  return relative(PROJECT_ROOT, file);
}

function anchor(file: string): string {
  return shown(file).replace(/[^A-Za-z0-9]+/g, '-');
}

/** One cell: the outcome, then the chain group → token claim → role → statement → decision, hop by hop. */
function cellHtml(cell: CellResult): string {
  const steps = cell.steps
    .map((s) => `<li class="${s.ok ? 'ok' : 'stop'}"><b>${escape(s.hop)}</b> ${escape(s.detail)}</li>`)
    .join('');
  const statements = cell.matched.map((m) => `${m.policy} Statement[${m.index}]${m.sid ? ` (${m.sid})` : ''} ${m.effect}`).join('; ');
  const expected = cell.expected === undefined ? '' : `<div class="expect">expected ${escape(String(cell.expected))}</div>`;
  return (
    `<td class="${color(cell)}"><div class="outcome">${escape(cellText(cell))}</div>${expected}` +
    `<details><summary>why</summary><ol>${steps}</ol>` +
    (statements ? `<div class="statements">decided by: ${escape(statements)}</div>` : '') +
    `</details></td>`
  );
}

function scenarioHtml(run: ScenarioRun): string {
  const requests = run.scenario.requests.map((r) => r.key);
  const byCell = new Map(run.results.map((r) => [`${r.user}\u0000${r.request}`, r]));
  const rows = run.scenario.users
    .map((user) => {
      const cells = requests.map((request) => cellHtml(byCell.get(`${user.name}\u0000${request}`)!)).join('');
      const groups = user.groups.length ? user.groups.join(', ') : 'no group';
      return `<tr><th>${escape(user.name)}<div class="groups">${escape(groups)}</div>${user.description ? `<div class="desc">${escape(user.description)}</div>` : ''}</th>${cells}</tr>`;
    })
    .join('\n');
  const header = requests.map((r) => `<th>${escape(r)}</th>`).join('');
  const status = run.mismatches.length === 0 ? 'every cell matches expect' : `${run.mismatches.length} mismatch(es) with expect`;
  return (
    `<section id="${anchor(run.scenario.file)}"><h2>${escape(shown(run.scenario.file))} — stack ${escape(run.scenario.stack)}` +
    `${run.scenario.policyVersion ? `, policies ${escape(run.scenario.policyVersion)}` : ''}</h2>` +
    `${run.scenario.description ? `<p>${escape(run.scenario.description)}</p>` : ''}<p class="status">${status}</p>` +
    `<table><tr><th>user</th>${header}</tr>\n${rows}</table></section>`
  );
}

/**
 * A self-contained page: who can do what, and for each cell the chain that decided it; then each stack's exhaustive
 * matrix (access/exhaustive).
 */
export function renderReport(runs: ScenarioRun[], matrices: readonly StackMatrix[] = []): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Access report</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d1f}
table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.5rem;vertical-align:top;text-align:left;max-width:28rem}
table.matrix td{font-size:.75rem;padding:.2rem}
td.allow{background:#e3f6e5}td.deny{background:#fbe7e6}td.nocreds{background:#ececec}td.mismatch{background:#ffe08a}
.groups,.desc,.expect,.statements{font-size:.8rem;color:#555}
li.stop{color:#a40000}ol{padding-left:1.2rem;font-size:.85rem}
</style></head><body>
<h1>Who can do what</h1>
<p>Decided offline from the synthesized Terraform: user pool group → ID token → identity pool → role trust → IAM → API Gateway → Lambda.
Green: allowed; red: denied (403 or an IAM deny); grey: the identity pool gives no credentials; yellow: differs from the scenario's expect.</p>
<ul>${matrices.map((m) => `<li><a href="#matrix-${escape(m.stack)}">exhaustive matrix of ${escape(m.stack)}</a> (${m.cells.length} cells, ${m.failures.length === 0 ? 'invariant holds' : `${m.failures.length} break the invariant`})</li>`).join('')}${runs.map((run) => `<li><a href="#${anchor(run.scenario.file)}">${escape(shown(run.scenario.file))}</a> (${run.results.length} cells, ${run.mismatches.length === 0 ? 'all as expected' : `${run.mismatches.length} mismatch(es)`})</li>`).join('')}</ul>
${runs.map(scenarioHtml).join('\n')}
${matrices.map(matrixHtml).join('\n')}
</body></html>
`;
}
