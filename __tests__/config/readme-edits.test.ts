import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { officeConfig } from '../../stacks/config';
import { copyProject, PROJECT_ROOT as ROOT } from '../support/project-copy';

// @long-running: Jest again, on a copy of the project with README's edits

/**
 * The config belongs to the user: README's "Add a group" and "Add a route" edits, made exactly as README says on a
 * copy of the project, keep the config-dependent tests (__tests__/shipped) green, and no other test reads the
 * shipped configs, so the rest of the suite cannot notice the edit.
 */
jest.setTimeout(120_000);


/** Inserts `line` as the first entry of the `key: [` (or `{`) block of stacks/config.ts's officeConfig. */
function addLine(source: string, key: string, line: string): string {
  const anchor = new RegExp(`^(  ${key}: [\\[{]\\n)`, 'm');
  if (!anchor.test(source)) throw new Error(`stacks/config.ts has no "  ${key}: [" block to add a line to`);
  return source.replace(anchor, `$1    ${line}\n`);
}

let copy: string;
afterAll(() => rmSync(copy, { recursive: true, force: true }));

test('README "Add a group" + "Add a route" on a copy of the project: the config-dependent tests pass and see the new group', () => {
  copy = copyProject('readme-edits-');

  // Names the config does not use yet, so the edit is a new group and a new route whatever the config holds.
  const unused = (base: string, taken: string[]) => [base, ...[2, 3, 4, 5].map((n) => `${base}${n}`)].find((name) => !taken.includes(name))!;
  const group = unused('Auditor', officeConfig.groups.map((g) => g.name));
  const handler = unused('reports', Object.keys(officeConfig.handlers));
  const path = `/${unused('reports', officeConfig.routes.map((r) => r.path.slice(1)))}`;
  const precedence = Math.max(...officeConfig.groups.map((g) => g.precedence)) + 1;

  // Add a route: one line in routes and its key in the groups that may call it; a new handler is one line in
  // handlers plus its file in lambdas/.
  const file = join(copy, 'stacks', 'config.ts');
  let source = readFileSync(file, 'utf8');
  source = addLine(source, 'handlers', `${handler}: { entry: 'lambdas/${handler}.ts', description: 'Answers "Reports"' },`);
  source = addLine(source, 'routes', `{ method: 'GET', path: '${path}', handler: '${handler}' },`);
  const admin = /(\{ name: 'Admin', precedence: \d+, routes: \[)/;
  if (!admin.test(source)) throw new Error('stacks/config.ts has no Admin group line');
  source = source.replace(admin, `$1'GET ${path}', `);
  // Add a group: one line in groups (a unique name, a unique precedence, its routes).
  source = addLine(source, 'groups', `{ name: '${group}', precedence: ${precedence}, routes: ['GET ${path}'], description: 'Reads reports' },`);
  writeFileSync(file, source);
  writeFileSync(join(copy, 'lambdas', `${handler}.ts`), "import { greeter } from './respond';\n\nexport const handler = greeter('Reports');\n");

  const report = join(copy, 'jest-report.json');
  const run = spawnSync(
    process.execPath,
    [join(copy, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--silent', '--runInBand', '--json', `--outputFile=${report}`, '__tests__/shipped'],
    { cwd: copy, encoding: 'utf8', env: { ...process.env, TEST_SYNTH_SHIPPED_ONLY: '1' } },
  );
  const result = JSON.parse(readFileSync(report, 'utf8')) as {
    success: boolean;
    testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }>;
  };
  const tests = result.testResults.flatMap((suite) => suite.assertionResults);
  expect(tests.filter((t) => t.status !== 'passed').map((t) => t.fullName)).toEqual([]);
  expect([run.status, result.success]).toEqual([0, true]);
  // The invariants followed the edit: the new group and Admin's new route were checked, not skipped.
  expect(tests.map((t) => t.fullName)).toEqual(
    expect.arrayContaining([
      `office (stacks/config.ts) group ${group} exists with precedence ${precedence}, its own role and its role_arn output`,
      `office (stacks/config.ts) member-of-${group} gets 2xx on exactly its groups’ routes (the preferred role’s), 403 elsewhere; no group: no credentials`,
    ]),
  );
});

test('no test outside __tests__/shipped (and this one) reads a shipped config', () => {
  const shippedValues = /\b(officeConfig|marketplaceConfig|rowsConfig|appsConfig|synthShipped)\b/;
  const files = readdirSync(join(ROOT, '__tests__'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.startsWith('shipped/') && !f.startsWith('support/'))
    .filter((f) => f !== 'config/readme-edits.test.ts');
  const readers = files.filter((f) => shippedValues.test(readFileSync(join(ROOT, '__tests__', f), 'utf8')));
  expect(readers).toEqual([]);
});
