import { readFileSync } from 'node:fs';

/** The mutant states of Stryker's JSON report (mutation-testing-report-schema). */
export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

export interface MutationReport {
  files: Record<string, { mutants: Array<{ status: MutantStatus }> }>;
}

export interface FolderScore {
  folder: string;
  files: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  /** Compile and runtime errors: mutants the type checker or the runtime refused, outside the score. */
  errors: number;
  /** (killed + timeout) / (killed + timeout + survived + no coverage), in %; undefined with no valid mutant. */
  score: number | undefined;
  /** The goal of issue 14: 85% for the IAM evaluator and the guardrail rules, 80% for the rest. */
  goal: number;
}

const GOALS: Record<string, number> = { 'access/iam': 85, 'guardrails/rules': 85 };
export const DEFAULT_GOAL = 80;

/** A file's folder, the unit scores are given for: `access/iam/arn.ts` → `access/iam`. */
export function folderOf(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length > 1 ? parts.slice(0, -1).join('/') : '.';
}

/** Stryker's mutation score per folder ("Mutant states and metrics" in Stryker's docs), folders in name order. */
export function folderScores(report: MutationReport): FolderScore[] {
  const byFolder = new Map<string, FolderScore>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = folderOf(file);
    const row =
      byFolder.get(folder) ??
      { folder, files: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0, score: undefined, goal: GOALS[folder] ?? DEFAULT_GOAL };
    byFolder.set(folder, row);
    row.files++;
    for (const { status } of mutants) {
      if (status === 'Killed') row.killed++;
      else if (status === 'Timeout') row.timeout++;
      else if (status === 'Survived') row.survived++;
      else if (status === 'NoCoverage') row.noCoverage++;
      else if (status === 'Ignored') row.ignored++;
      else if (status === 'CompileError' || status === 'RuntimeError') row.errors++;
    }
  }
  const rows = [...byFolder.values()].sort((a, b) => a.folder.localeCompare(b.folder));
  for (const row of rows) {
    const detected = row.killed + row.timeout;
    const valid = detected + row.survived + row.noCoverage;
    row.score = valid ? (100 * detected) / valid : undefined;
  }
  return rows;
}

/** One line per folder: score, goal, and the counts behind it. */
export function formatScores(rows: FolderScore[]): string[] {
  const width = Math.max(6, ...rows.map((r) => r.folder.length));
  const header = `${'folder'.padEnd(width)}  score   goal  killed  timeout  survived  no-cov  ignored  errors  files`;
  return [
    header,
    ...rows.map((r) => {
      const score = r.score === undefined ? '   n/a' : `${r.score.toFixed(1).padStart(5)}%`;
      const verdict = r.score === undefined ? '' : r.score >= r.goal ? '' : '  below goal';
      const counts = [r.killed, r.timeout, r.survived, r.noCoverage, r.ignored, r.errors, r.files];
      const widths = [6, 7, 8, 6, 7, 6, 5];
      return `${r.folder.padEnd(width)}  ${score}  ${`${r.goal}%`.padStart(4)}  ${counts.map((n, i) => String(n).padStart(widths[i]!)).join('  ')}${verdict}`;
    }),
  ];
}

export function readReport(file: string): MutationReport {
  return JSON.parse(readFileSync(file, 'utf8')) as MutationReport;
}
