import { blocking } from './engine';
import type { Result } from './types';

/** The `--json` shape of one result (binding for `npm run check -- --json`). */
export interface JsonResult {
  rule: string;
  severity: string;
  resource: string;
  message: string;
  suppressed?: true;
}

export function toJson(results: readonly Result[]): JsonResult[] {
  return results.map((result) => ({
    rule: result.rule,
    severity: result.severity,
    resource: result.resource,
    message: result.message,
    ...(result.suppressed ? { suppressed: true as const } : {}),
  }));
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** A plain-text table per stack: status, rule, resource, then the message, the fix or the suppression reason. */
export function formatTable(results: readonly Result[], files: readonly { stack: string; file: string }[]): string {
  const out: string[] = [];
  for (const { stack, file } of files) {
    const mine = results.filter((result) => result.file === file);
    const errors = mine.filter((r) => r.severity === 'error' && !r.suppressed).length;
    const warnings = mine.filter((r) => r.severity === 'warning' && !r.suppressed).length;
    const suppressed = mine.filter((r) => r.suppressed).length;
    out.push(`${stack} (${file}): ${errors} error(s), ${warnings} warning(s), ${suppressed} suppressed`);
    if (mine.length === 0) {
      out.push('');
      continue;
    }
    const status = (r: Result) => (r.suppressed ? `suppressed ${r.severity}` : r.severity);
    const widths = {
      status: Math.max(6, ...mine.map((r) => status(r).length)),
      rule: Math.max(4, ...mine.map((r) => r.rule.length)),
      resource: Math.max(8, ...mine.map((r) => r.resource.length)),
    };
    const row = (a: string, b: string, c: string, d: string) =>
      `  ${a.padEnd(widths.status)}  ${b.padEnd(widths.rule)}  ${c.padEnd(widths.resource)}  ${d}`;
    out.push(row('STATUS', 'RULE', 'RESOURCE', 'DETAIL'));
    out.push(row('-'.repeat(widths.status), '-'.repeat(widths.rule), '-'.repeat(widths.resource), '------'));
    const indent = ' '.repeat(widths.status + widths.rule + widths.resource + 8);
    for (const result of mine) {
      const detail = [
        ...wrap(result.message, 80),
        ...(result.suppressed ? wrap(`reason: ${result.suppressed.reason}`, 80) : wrap(`fix: ${result.fix}`, 80)),
      ];
      out.push(row(status(result), result.rule, result.resource, detail[0] ?? ''));
      for (const line of detail.slice(1)) out.push(`${indent}${line}`);
    }
    out.push('');
  }
  const total = blocking(results).length;
  out.push(total === 0 ? 'guardrails: no unsuppressed errors' : `guardrails: ${total} unsuppressed error(s)`);
  return out.join('\n');
}

/** What synth prints when it refuses: rule id, resource address, message and fix for each blocking finding. */
export function formatBlocking(results: readonly Result[]): string {
  const lines = blocking(results).map(
    (r) => `  ${r.rule} ${r.resource} (stack ${r.stack}): ${r.message}\n    fix: ${r.fix}`,
  );
  return lines.join('\n');
}
