import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessCli } from '../../access/cli';
import { runReview, type Review } from '../../access/review';
import { newestPolicyVersion } from '../../policies/loader';
import { appsFixture, marketplaceFixture, officeFixture, rowsFixture } from '../fixtures/configs';
import { createTestRepo, exportedConfig, onlyScenario, tempEntries, useFixture, type TestRepo } from './repo';

// @long-running: about seven reviews of a copy of the project, each synthesizing two trees in child processes

/**
 * `access -- review` on real commits of a copy of the project. The base commit makes every config module declare the
 * tests' fixture (office: Admin precedence 0 with GET /user and GET /admin, User precedence 1 with GET /user, roles
 * office-dev-<group>; apps cut to one app to keep it quick), so the expected gains and losses below follow from
 * that and from the change each branch makes.
 */
const NEWEST = newestPolicyVersion();
/** As `npm run access` runs it (package.json): node with tsx's loader, no wrapper process between signals and the review. */
const ACCESS = [process.execPath, '--import', 'tsx', 'bin/access.ts'] as const;

/** `npm run --silent access -- ARGS` in the copy, in-process (access/cli.ts; the Ctrl-C tests below run the real command). */
async function access(args: string[], options: { cwd: string }) {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  process.chdir(options.cwd);
  try {
    const status = await accessCli(args, { out: (text) => (stdout += `${text}\n`), err: (text) => (stderr += `${text}\n`) });
    return { status, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}
let repo: TestRepo;
/** The office config object of the copy, to edit it as a user would. */
const office = () => exportedConfig(repo, 'stacks/config.ts', 'AppConfig');
let tempBefore: string[];

beforeAll(() => {
  tempBefore = tempEntries('access-review-');
  repo = createTestRepo((r) => {
    // Every config module of the copy declares the tests' fixture (__tests__/fixtures/configs), not its own.
    useFixture(r, 'stacks/config.ts', 'AppConfig', officeFixture);
    useFixture(r, 'stacks/apps-config.ts', 'AppsConfig', appsFixture);
    useFixture(r, 'stacks/marketplace-config.ts', 'MarketplaceConfig', marketplaceFixture);
    useFixture(r, 'stacks/rows-config.ts', 'RowsConfig', rowsFixture);
    r.append('stacks/apps-config.ts', `${exportedConfig(r, 'stacks/apps-config.ts', 'AppsConfig')}.apps = generateApps(1);`);
    onlyScenario(r, 'office.json', {
      stack: 'office',
      users: [
        { name: 'John', groups: ['User'] },
        { name: 'Rose', groups: ['Admin', 'User'] },
      ],
      requests: [
        { method: 'GET', path: '/user' },
        { method: 'GET', path: '/admin' },
      ],
    });
  });
  const branch = (name: string, edit: () => void) => {
    repo.git('checkout', '-q', '-b', name, 'main');
    repo.commit(name, edit);
  };
  branch('add-group', () =>
    repo.append('stacks/config.ts', `${office()}.groups.push({ name: 'Auditor', precedence: 2, routes: ['GET /user'], description: 'Auditors' });`),
  );
  branch('remove-route', () =>
    repo.append(
      'stacks/config.ts',
      `${office()}.routes = ${office()}.routes.filter((r) => r.path !== '/admin');\n${office()}.groups[0]!.routes = ['GET /user'];`,
    ),
  );
  branch('widen-policy', () => {
    // A new policy version (deployed by default: the newest) whose group policy also grants GET /admin.
    const next = `v${Number(NEWEST.slice(1)) + 1}`;
    cpSync(join(repo.root, 'policies', NEWEST), join(repo.root, 'policies', next), { recursive: true });
    const file = join(repo.root, 'policies', next, 'group-permissions.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { Statement: Array<Record<string, unknown>> };
    for (const statement of doc.Statement) {
      for (const field of ['Resource', 'NotResource']) {
        if (statement[field] !== undefined) statement[field] = [statement[field], '{{executionArn}}/{{stage}}/GET/admin'].flat();
      }
    }
    writeFileSync(file, JSON.stringify(doc, null, 2));
  });
  branch('break-trust', () => {
    // Roles now trust guests (amr unauthenticated) instead of signed-in users.
    const file = join(repo.root, 'policies', NEWEST, 'trust.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"authenticated"', '"unauthenticated"'));
  });
}, 60_000);

afterAll(() => repo?.remove());

async function reviewBranch(name: string): Promise<Review> {
  repo.git('checkout', '-q', name);
  return runReview({ cwd: repo.root, base: 'main' });
}

const changes = (list: Review['stacks'][number]['gains']) => list.map((c) => `${c.source}: ${c.caller} | ${c.request} | ${c.before} → ${c.after}`).sort();
const stack = (review: Review, name: string) => review.stacks.find((s) => s.stack === name)!;

test('the fixture the expectations below assume', () => {
  expect([officeFixture.appName, officeFixture.environment, officeFixture.api.stage]).toEqual(['office', 'dev', 'api']);
  expect(officeFixture.groups.map((g) => [g.name, g.precedence, g.routes])).toEqual([
    ['Admin', 0, ['GET /user', 'GET /admin']],
    ['User', 1, ['GET /user']],
  ]);
});

test('adding a group: exactly the callers holding it gain, acting by precedence (Auditor 2 ranks below Admin 0 and User 1)', async () => {
  repo.git('checkout', '-q', 'add-group');
  const run = await access(['review', '--base', 'main', '--format', 'json', '--fail-on-gain'], { cwd: repo.root });
  expect(run.stderr).toBe('');
  // --fail-on-gain: anyone gaining access fails the run.
  expect(run.status).toBe(1);
  const review = JSON.parse(run.stdout) as Review;
  const office = stack(review, 'office');
  expect(changes(office.gains)).toEqual(
    [
      // A member of Auditor only: its own route.
      'matrix: Auditor | GET /user | absent → 200 [office-dev-Auditor]',
      // With Admin (precedence 0 < 2): Admin's role and routes, unless the client asks for Auditor's (CustomRoleArn).
      'matrix: Admin+Auditor | GET /admin | absent → 200 [office-dev-Admin]',
      'matrix: Admin+Auditor | GET /user | absent → 200 [office-dev-Admin]',
      'matrix: Admin+Auditor as Admin | GET /admin | absent → 200 [office-dev-Admin]',
      'matrix: Admin+Auditor as Admin | GET /user | absent → 200 [office-dev-Admin]',
      'matrix: Admin+Auditor as Auditor | GET /user | absent → 200 [office-dev-Auditor]',
      // With User (precedence 1 < 2): User's role.
      'matrix: User+Auditor | GET /user | absent → 200 [office-dev-User]',
      'matrix: User+Auditor as User | GET /user | absent → 200 [office-dev-User]',
      'matrix: User+Auditor as Auditor | GET /user | absent → 200 [office-dev-Auditor]',
    ].sort(),
  );
  expect(office.losses).toEqual([]);
  expect(office.gains.find((c) => c.caller === 'Auditor')!.decidedBy).toMatch(/^aws_iam_role_policy\.role-Auditor-invoke\.policy Statement\[0\] \(InvokeGroupRoutesOnDeployedStage\) Allow$/);
  expect(review.totals).toEqual({ gains: 9, losses: 0, newFindings: 0, goneFindings: 0, added: [], removed: [] });
  expect(review.stacks.filter((s) => s.status !== 'unchanged').map((s) => s.stack)).toEqual(['office']);
}, 120_000);

test('removing a route: every caller that reached it loses it, in the matrix and in the scenarios; Markdown shows it folded', async () => {
  repo.git('checkout', '-q', 'remove-route');
  const run = await access(['review', '--base', 'main', '--format', 'markdown', '--fail-on-gain'], { cwd: repo.root });
  // No gains: --fail-on-gain passes.
  expect(run.status).toBe(0);
  const [summary, ...rest] = run.stdout.split('\n');
  expect(summary).toMatch(/^\*\*Access review\*\* `[0-9a-f]{7}` \(main\) → working tree: 0 gains, 4 losses, 0 new findings, 0 gone$/);
  expect(rest.join('\n')).toContain('<details><summary><b>office</b>: 4 losses</summary>');
  // Admin, Admin+User and Admin+User as Admin in the matrix, Rose in the scenario: API Gateway no longer has the method.
  for (const caller of ['Admin', 'Admin+User', 'Admin+User as Admin', 'scenarios/office.json Rose']) {
    expect(rest.join('\n')).toContain(`| ${caller} | GET /admin | 200 [office-dev-Admin] → 403 [office-dev-Admin] | aws_iam_role_policy.role-Admin-invoke.policy Statement[0] (InvokeGroupRoutesOnDeployedStage) Allow | api-gateway: no method GET /admin on stage api |`);
  }
  expect(rest.join('\n')).toContain('Unchanged: apps, marketplace, rows, state.');
}, 120_000);

test('a new policy version that widens the group policy: every caller acting as User gains GET /admin', async () => {
  const review = await reviewBranch('widen-policy');
  const office = stack(review, 'office');
  expect(changes(office.gains)).toEqual(
    [
      'matrix: User | GET /admin | 403 [office-dev-User] → 200 [office-dev-User]',
      'matrix: Admin+User as User | GET /admin | 403 [office-dev-User] → 200 [office-dev-User]',
      // John is in User only.
      'scenario: scenarios/office.json John | GET /admin | 403 [office-dev-User] → 200 [office-dev-User]',
    ].sort(),
  );
  expect(office.gains[0]!.otherSide).toMatch(/DenyEveryOtherInvoke/);
  expect(office.losses).toEqual([]);
  expect(review.totals.gains).toBe(3);
}, 120_000);

test('breaking the trust policy: every signed-in caller loses everything, and RBAC-002 reports each group role', async () => {
  const review = await reviewBranch('break-trust');
  expect(review.totals.gains).toBe(0);
  const office = stack(review, 'office');
  expect(changes(office.losses)).toEqual(
    [
      'matrix: Admin | GET /admin | 200 [office-dev-Admin] → no-credentials',
      'matrix: Admin | GET /user | 200 [office-dev-Admin] → no-credentials',
      'matrix: User | GET /user | 200 [office-dev-User] → no-credentials',
      'matrix: Admin+User | GET /admin | 200 [office-dev-Admin] → no-credentials',
      'matrix: Admin+User | GET /user | 200 [office-dev-Admin] → no-credentials',
      'matrix: Admin+User as Admin | GET /admin | 200 [office-dev-Admin] → no-credentials',
      'matrix: Admin+User as Admin | GET /user | 200 [office-dev-Admin] → no-credentials',
      'matrix: Admin+User as User | GET /user | 200 [office-dev-User] → no-credentials',
      'scenario: scenarios/office.json John | GET /user | 200 [office-dev-User] → no-credentials',
      'scenario: scenarios/office.json Rose | GET /user | 200 [office-dev-Admin] → no-credentials',
      'scenario: scenarios/office.json Rose | GET /admin | 200 [office-dev-Admin] → no-credentials',
    ].sort(),
  );
  expect(office.losses[0]!.otherSide).toMatch(/^trust: office-dev-\w+'s trust policy does not allow/);
  expect(office.newFindings.filter((f) => f.rule === 'RBAC-002').map((f) => f.resource).sort()).toEqual(
    expect.arrayContaining([expect.stringMatching(/^aws_iam_role\..*Admin/), expect.stringMatching(/^aws_iam_role\..*User/)]),
  );
  // The other stacks share the trust template: they lose all access too, and nobody gains.
  for (const name of ['marketplace', 'rows', 'apps']) {
    const other = stack(review, name);
    expect(other.losses.length).toBeGreaterThan(0);
    expect(other.losses.every((c) => c.after === 'no-credentials')).toBe(true);
  }
}, 120_000);

test('an unknown ref is bad input: exit 2, one line naming it, nothing left behind', async () => {
  const run = await access(['review', '--base', 'no-such-ref'], { cwd: repo.root });
  expect(run.status).toBe(2);
  expect(run.stderr.trim()).toBe('access: --base: unknown git ref "no-such-ref"');
});

test('a working tree that cannot be synthesized is bad input: exit 2 naming the config field, the base worktree removed', async () => {
  repo.git('checkout', '-q', 'main');
  repo.append('stacks/config.ts', `${office()}.groups.push({ name: 'User', precedence: 7, routes: ['GET /user'], description: 'again' });`);
  try {
    const run = await access(['review', '--base', 'main'], { cwd: repo.root });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^access: cannot synthesize and simulate .*: invalid config: groups\[2\]\.name: /);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
  } finally {
    repo.git('checkout', '--', '.');
  }
}, 120_000);

/**
 * Starts a review in its own process group, waits until `ready()`, and sends SIGINT to the whole group, as a
 * terminal's Ctrl-C does (git and both sides get it too); resolves to "<exit code> <stderr>".
 */
async function interruptedReview(ready: () => boolean): Promise<string> {
  repo.git('checkout', '-q', 'add-group');
  const child = spawn(ACCESS[0], [...ACCESS.slice(1), 'review', '--base', 'main'], { cwd: repo.root, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string>((done) => child.on('close', (code, signal) => done(`${code ?? signal} ${stderr}`.trim())));
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
  process.kill(-child.pid!, 'SIGINT');
  return exited;
}

const reviewTemp = () => tempEntries('access-review-').filter((name) => !tempBefore.includes(name));

test.each([
  ['while the base is being checked out', () => repo.git('worktree', 'list').split('\n').length > 1],
  ['while both sides synthesize', () => reviewTemp().some((name) => existsSync(join(tmpdir(), name, 'head-out')))],
])('Ctrl-C %s: exit 130 quietly, the worktree and temporary folders removed', async (_, ready) => {
  // 130 = 128 + SIGINT, as a shell reports a process stopped by Ctrl-C; nothing on stderr.
  expect(await interruptedReview(ready)).toBe('130');
  expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
  expect(reviewTemp()).toEqual([]);
}, 120_000);

test('no worktree or temporary folder is left behind', () => {
  expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
  expect(tempEntries('access-review-')).toEqual(tempBefore);
  expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo.root, encoding: 'utf8' })).toBe('');
});
