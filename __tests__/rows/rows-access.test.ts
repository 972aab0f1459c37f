import { join } from 'node:path';
import { diffVersions } from '../../access/diff';
import { runScenario } from '../../access/run-scenario';
import { loadScenario, parseScenario } from '../../access/scenario';
import { synth } from '../support/synth';

const rows = loadScenario(join(__dirname, '..', '..', 'scenarios', 'rows.json'));
const outdirs = new Map<string, string>();
beforeAll(() => {
  for (const version of ['v1', 'v2']) outdirs.set(version, synth({ settings: { policyVersion: version } }).outdir);
});

test('scenarios/rows.json under v1 (the AWS sample): the same cells are allowed; every denial is implicit', async () => {
  const run = await runScenario({ ...rows, policyVersion: 'v1' }, outdirs.get('v1')!);
  const cells = new Map(run.results.map((r) => [`${r.user} ${r.request}`, r.outcome]));
  for (const [user, row] of rows.expect) {
    for (const [request, expected] of row) {
      const v1 = expected === 'explicitDeny' ? 'implicitDeny' : expected;
      expect([user, request, cells.get(`${user} ${request}`)]).toEqual([user, request, v1]);
    }
  }
});

test('diff v1 → v2: only the kind of deny changes, for Wendy’s reach into Otto’s rows and every write Rita tries', async () => {
  const diff = await diffVersions(rows, { version: 'v1', outdir: outdirs.get('v1')! }, { version: 'v2', outdir: outdirs.get('v2')! });
  expect(diff.map((d) => [d.user, d.request, d.from.outcome, d.to.outcome])).toEqual([
    ['Wendy', "put Otto's row", 'implicitDeny', 'explicitDeny'],
    ['Wendy', "get Otto's row", 'implicitDeny', 'explicitDeny'],
    ['Wendy', "query Otto's partition", 'implicitDeny', 'explicitDeny'],
    ['Wendy', "batch write own + Otto's", 'implicitDeny', 'explicitDeny'],
    ['Wendy', "batch get own + Otto's", 'implicitDeny', 'explicitDeny'],
    ['Rita', 'put own row', 'implicitDeny', 'explicitDeny'],
    ['Rita', "put Otto's row", 'implicitDeny', 'explicitDeny'],
    ['Rita', 'update own row', 'implicitDeny', 'explicitDeny'],
    ['Rita', 'get own row', 'implicitDeny', 'explicitDeny'],
    ['Rita', "get Otto's row", 'implicitDeny', 'explicitDeny'],
    ['Rita', 'batch write own rows', 'implicitDeny', 'explicitDeny'],
    ['Rita', "batch write own + Otto's", 'implicitDeny', 'explicitDeny'],
    ['Rita', "batch get own + Otto's", 'implicitDeny', 'explicitDeny'],
    ['Rita', 'delete own row', 'implicitDeny', 'explicitDeny'],
  ]);
});

test('what-if: a writer’s request with no partition key. v1 allows it (ForAllValues over no values is true); v2 does not', async () => {
  // DynamoDB sets dynamodb:LeadingKeys on every action writers hold; an action that lacks it (Scan, or a future
  // grant) would reach every row under v1. v2's Null condition closes that gap.
  const scenario = parseScenario(
    {
      stack: 'rows',
      users: [{ name: 'Wendy', groups: ['writers'] }],
      requests: [{ id: 'put with no LeadingKeys', action: 'dynamodb:PutItem', resource: '{output:table_arn}' }],
    },
    'inline.json',
  );
  const v1 = await runScenario(scenario, outdirs.get('v1')!);
  const v2 = await runScenario(scenario, outdirs.get('v2')!);
  expect([v1.results[0]!.outcome, v2.results[0]!.outcome]).toEqual(['allowed', 'implicitDeny']);
});

test('the partition key the policy compares is the identity id: a writer’s own row under another user’s id is denied', async () => {
  const scenario = parseScenario(
    {
      stack: 'rows',
      users: [
        { name: 'Wendy', groups: ['writers'] },
        { name: 'Wendy2', groups: ['writers'] },
      ],
      requests: [
        { id: 'own', action: 'dynamodb:GetItem', resource: '{output:table_arn}', context: { 'dynamodb:LeadingKeys': ['{sub}'] } },
        { id: 'literal identity id', action: 'dynamodb:GetItem', resource: '{output:table_arn}', context: { 'dynamodb:LeadingKeys': ['us-east-1:00000000-0000-4000-8000-000000000000'] } },
      ],
    },
    'inline.json',
  );
  const run = await runScenario(scenario, outdirs.get('v2')!);
  expect(run.results.map((r) => [r.user, r.request, r.outcome])).toEqual([
    ['Wendy', 'own', 'allowed'],
    ['Wendy', 'literal identity id', 'explicitDeny'],
    ['Wendy2', 'own', 'allowed'],
    ['Wendy2', 'literal identity id', 'explicitDeny'],
  ]);
});
