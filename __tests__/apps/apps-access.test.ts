import { join } from 'node:path';
import { CellResult, runScenario, ScenarioRun } from '../../access/run-scenario';
import { loadScenario, parseScenario } from '../../access/scenario';
import { synth } from '../support/synth';

const apps = loadScenario(join(__dirname, '..', '..', 'scenarios', 'apps.json'));
let outdir: string;
let run: ScenarioRun;
beforeAll(async () => {
  outdir = synth().outdir;
  run = await runScenario(apps, outdir);
});

const rowOf = (user: string) => new Map(run.results.filter((r) => r.user === user).map((r) => [r.request, r]));
const APPS = Array.from({ length: 10 }, (_, i) => `app${String(i + 1).padStart(2, '0')}`);

test('Bea (role B in app01..app04) calls exactly those apps’ B routes, each with that app’s role', () => {
  const bea = rowOf('Bea');
  const allowed = [...bea.values()].filter((cell) => cell.status === 200).map((cell) => [cell.request, cell.role, JSON.parse(cell.body).message]);
  expect(allowed).toEqual([
    ['app01 B', 'apps-dev-app01-B', 'app01 as B'],
    ['app02 B', 'apps-dev-app02-B', 'app02 as B'],
    ['app03 B', 'apps-dev-app03-B', 'app03 as B'],
    ['app04 B', 'apps-dev-app04-B', 'app04 as B'],
    ['app01 B subtree', 'apps-dev-app01-B', 'app01 as B'],
    ['app01 B page, preferred role', 'apps-dev-app01-B', 'app01 as B'],
  ]);
  // Every other app-role cell: the identity pool refuses a CustomRoleArn that is not in her cognito:roles.
  for (const app of APPS) {
    for (const role of ['A', 'B', 'C']) {
      const cell = bea.get(`${app} ${role}`)!;
      if (role === 'B' && ['app01', 'app02', 'app03', 'app04'].includes(app)) continue;
      expect([cell.request, cell.status, cell.reason]).toEqual([
        `${app} ${role}`,
        'no-credentials',
        expect.stringMatching(/^CustomRoleArn arn:aws:iam::123456789012:role\/apps-dev-app\d\d-[ABC] is not in the token's cognito:roles$/),
      ]);
    }
  }
});

test('the preferred role is one of the user’s roles, not the app’s: without CustomRoleArn, app02 refuses Bea', () => {
  const cell = rowOf('Bea').get('app02 B page, preferred role')!;
  expect([cell.status, cell.role, cell.decision]).toEqual([403, 'apps-dev-app01-B', 'explicitDeny']);
});

test('moving Bea from B to A in her four apps (a membership change) changes exactly those apps’ A and B cells, and the cells that used app01-B', () => {
  const before = rowOf('Bea');
  const after = rowOf('Bea-moved');
  const outcome = (cell: CellResult) => `${cell.outcome}${cell.role ? ` ${cell.role}` : ''}`;
  const changed = [...before.keys()].filter((request) => outcome(before.get(request)!) !== outcome(after.get(request)!));
  expect(changed).toEqual([
    'app01 A',
    'app01 B',
    'app02 A',
    'app02 B',
    'app03 A',
    'app03 B',
    'app04 A',
    'app04 B',
    'app01 B subtree',
    'app01 A page with app01-B',
    'app02 B page with app01-B',
    'app01 B page, preferred role',
    'app02 B page, preferred role', // same 403, but now as app01-A, her new preferred role
  ]);
  expect(changed.map((request) => [request, outcome(before.get(request)!), outcome(after.get(request)!)])).toEqual([
    ['app01 A', 'no-credentials', '200 apps-dev-app01-A'],
    ['app01 B', '200 apps-dev-app01-B', 'no-credentials'],
    ['app02 A', 'no-credentials', '200 apps-dev-app02-A'],
    ['app02 B', '200 apps-dev-app02-B', 'no-credentials'],
    ['app03 A', 'no-credentials', '200 apps-dev-app03-A'],
    ['app03 B', '200 apps-dev-app03-B', 'no-credentials'],
    ['app04 A', 'no-credentials', '200 apps-dev-app04-A'],
    ['app04 B', '200 apps-dev-app04-B', 'no-credentials'],
    ['app01 B subtree', '200 apps-dev-app01-B', 'no-credentials'],
    ['app01 A page with app01-B', '403 apps-dev-app01-B', 'no-credentials'],
    ['app02 B page with app01-B', '403 apps-dev-app01-B', 'no-credentials'],
    ['app01 B page, preferred role', '200 apps-dev-app01-B', '403 apps-dev-app01-A'],
    ['app02 B page, preferred role', '403 apps-dev-app01-B', '403 apps-dev-app01-A'],
  ]);
  // Nothing in app05..app10 changes: the move touched only her four apps.
  expect(changed.some((request) => /^app(0[5-9]|10) /.test(request))).toBe(false);
});

test('another user’s cells do not depend on Bea’s memberships', () => {
  const carl = [...rowOf('Carl').values()].filter((cell) => cell.status === 200).map((cell) => cell.request);
  expect(carl).toEqual(['app05 C', 'app06 A']);
});

test('a role of one app cannot reach another app, even on a path under its own section name', async () => {
  const scenario = parseScenario(
    {
      stack: 'apps',
      users: [{ name: 'Bea', groups: ['app01-B', 'app02-B'] }],
      requests: [
        { id: 'app02 b with app01-B', method: 'GET', path: '/app02/b', customRole: 'app01-B' },
        { id: 'app01 bb (not under /b/)', method: 'GET', path: '/app01/bb', customRole: 'app01-B' },
        { id: 'app01 b deep', method: 'GET', path: '/app01/b/x/y/z', customRole: 'app01-B' },
        { id: 'app01 b POST', method: 'POST', path: '/app01/b', customRole: 'app01-B' },
        { id: 'app01 root', method: 'GET', path: '/app01', customRole: 'app01-B' },
      ],
    },
    'inline.json',
  );
  const cells = (await runScenario(scenario, outdir)).results;
  expect(cells.map((cell) => [cell.request, cell.status, cell.decision])).toEqual([
    ['app02 b with app01-B', 403, 'explicitDeny'],
    ['app01 bb (not under /b/)', 403, 'explicitDeny'],
    ['app01 b deep', 200, 'allowed'],
    ['app01 b POST', 403, 'implicitDeny'], // no POST method: API Gateway's Missing Authentication Token
    ['app01 root', 403, 'implicitDeny'], // {proxy+} needs a segment after the app
  ]);
  expect(JSON.parse(cells[3]!.body)).toEqual({ message: 'Missing Authentication Token' });
});
