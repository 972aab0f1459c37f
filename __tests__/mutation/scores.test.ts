import { folderOf, folderScores, formatScores, MutantStatus, MutationReport } from '../../mutation/scores';

/** A report with the given statuses per file, in Stryker's JSON report shape (mutation-testing-report-schema). */
function report(files: Record<string, MutantStatus[]>): MutationReport {
  return { files: Object.fromEntries(Object.entries(files).map(([file, statuses]) => [file, { mutants: statuses.map((status) => ({ status })) }])) };
}

test('folders are the unit of a score', () => {
  expect(['access/iam/arn.ts', 'access/trust.ts', 'guardrails/rules/IAM-001.ts', 'client/sign-in.ts', 'main.ts'].map(folderOf)).toEqual([
    'access/iam',
    'access',
    'guardrails/rules',
    'client',
    '.',
  ]);
});

test("Stryker's mutation score: (killed + timeout) / (killed + timeout + survived + no coverage); ignored and errors left out", () => {
  const rows = folderScores(
    report({
      'client/sign-in.ts': ['Killed', 'Killed', 'Timeout', 'Survived', 'Ignored', 'CompileError'],
      'client/sigv4-call.ts': ['Killed', 'NoCoverage', 'RuntimeError', 'Ignored'],
      'access/iam/arn.ts': ['Killed', 'Survived', 'Survived', 'Survived'],
      'guardrails/rules/X.ts': ['Ignored'],
    }),
  );
  expect(rows).toEqual([
    { folder: 'access/iam', files: 1, killed: 1, timeout: 0, survived: 3, noCoverage: 0, ignored: 0, errors: 0, score: 25, goal: 85 },
    // 4 detected of 6 valid.
    { folder: 'client', files: 2, killed: 3, timeout: 1, survived: 1, noCoverage: 1, ignored: 2, errors: 2, score: (100 * 4) / 6, goal: 80 },
    { folder: 'guardrails/rules', files: 1, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 1, errors: 0, score: undefined, goal: 85 },
  ]);
  expect(formatScores(rows)).toEqual([
    'folder            score   goal  killed  timeout  survived  no-cov  ignored  errors  files',
    'access/iam         25.0%   85%       1        0         3       0        0       0      1  below goal',
    'client             66.7%   80%       3        1         1       1        2       2      2  below goal',
    'guardrails/rules     n/a   85%       0        0         0       0        1       0      1',
  ]);
});
