import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessCli } from '../../access/cli';
import { failureText, intentsFrom, runMatrix, type Configs, type StackMatrix } from '../../access/exhaustive';
import { matrixCallers, ALL_PAIRS_UP_TO } from '../../access/exhaustive/callers';
import { Simulator } from '../../access/simulate';
import type { AppConfig } from '../../stacks/config';
import type { RowsConfig } from '../../stacks/rows-config';
import { buildApp } from '../../stacks/app';
import { appsFixture, marketplaceFixture, officeFixture, rowsFixture } from '../fixtures/configs';

/**
 * The exhaustive matrix on the tests' own configs: office with three groups (A may read items and one item, B only
 * the list, C may create items), rows with a writer and a reader group.
 */
const office: AppConfig = {
  ...officeFixture,
  appName: 'shop',
  environment: 'test',
  // Not the fixture's stage: every probe must follow the config's.
  api: { ...officeFixture.api, name: 'shop_api', stage: 'live' },
  routes: [
    { method: 'GET', path: '/items', handler: 'user' },
    { method: 'GET', path: '/items/{id}', handler: 'user' },
    { method: 'POST', path: '/items', handler: 'admin' },
  ],
  groups: [
    { name: 'A', precedence: 0, routes: ['GET /items', 'GET /items/{id}'], description: 'reads everything' },
    { name: 'B', precedence: 1, routes: ['GET /items'], description: 'reads the list' },
    { name: 'C', precedence: 2, routes: ['POST /items'], description: 'creates items' },
  ],
};
const rows: RowsConfig = {
  ...rowsFixture,
  appName: 'ledger',
  environment: 'test',
  groups: [
    { name: 'owners', precedence: 0, access: 'own-rows', actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], description: 'own rows' },
    { name: 'auditors', precedence: 1, access: 'read-all', actions: ['dynamodb:Scan'], description: 'scan all' },
  ],
};
const configs: Configs = { office, rows, apps: appsFixture, marketplace: marketplaceFixture };

let outdir: string;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'matrix-test-'));
  buildApp({ outdir, config: office, rows, apps: appsFixture, marketplace: marketplaceFixture, only: ['office', 'rows'], settings: { localState: false } }).synth();
}, 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const matrixOf = (stack: string, with_: Configs = configs) => runMatrix(Simulator.fromOutdir(outdir, stack), intentsFrom(with_).get(stack)!);
const grantedTo = (matrix: StackMatrix, caller: string) => matrix.cells.filter((c) => c.caller === caller && c.granted).map((c) => c.request).sort();

describe('office', () => {
  let matrix: StackMatrix;
  beforeAll(async () => {
    matrix = await matrixOf('office');
  });

  test('the synthesized stack keeps the invariant the config states', () => {
    expect(matrix.failures).toEqual([]);
  });

  test('each caller gets exactly its group\'s routes; several groups act as the lowest precedence', () => {
    const A = ['GET /items', 'GET /items/p1'];
    const B = ['GET /items'];
    const C = ['POST /items'];
    const expected: Record<string, string[]> = {
      A, B, C,
      // Cognito's preferred role is the lowest precedence group's (A 0 < B 1 < C 2).
      'A+B': A, 'A+C': A, 'B+C': B,
      // CustomRoleArn picks any role in the token's cognito:roles.
      'A+B as A': A, 'A+B as B': B, 'A+C as A': A, 'A+C as C': C, 'B+C as B': B, 'B+C as C': C,
      // A role the token does not carry, no group, a guest, another pool's token: nothing.
      'A as B': [], 'A as C': [], 'B as A': [], 'B as C': [], 'C as A': [], 'C as B': [],
      'no group': [], guest: [], 'foreign pool': [],
    };
    expect(Object.fromEntries(matrix.callers.map((c) => [c.id, grantedTo(matrix, c.id)]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [...v].sort()])),
    );
  });

  test('it asks every method of every resource, an undeclared method and path per resource, and another stage', () => {
    expect([...matrix.requests].sort()).toEqual(
      [
        'DELETE /', 'GET /undeclared',
        // Under /items, "/items/undeclared" would route to /items/{id}: the unserved path goes one segment deeper.
        'GET /items', 'POST /items', 'DELETE /items', 'GET /items/undeclared/undeclared', 'GET /items @undeclared', 'POST /items @undeclared',
        'GET /items/p1', 'DELETE /items/p1', 'GET /items/p1/undeclared', 'GET /items/p1 @undeclared',
      ].sort(),
    );
    // No stage but "live" exists: API Gateway answers Missing Authentication Token (403) even to A.
    expect(matrix.cells.find((c) => c.caller === 'A' && c.request === 'GET /items @undeclared')).toMatchObject({ outcome: '403', granted: false });
  });

  test('a stack that does not do what the config says fails, naming caller, request, expected and actual', async () => {
    // The same stack against a config that gives B one item too and takes POST /items from C.
    const drifted: AppConfig = {
      ...office,
      groups: [office.groups[0]!, { ...office.groups[1]!, routes: ['GET /items', 'GET /items/{id}'] }, { ...office.groups[2]!, routes: ['GET /items'] }],
    };
    const broken = await matrixOf('office', { ...configs, office: drifted });
    expect(broken.failures.map((c) => `${c.caller} ${c.request} ${c.expected} ${c.outcome}`).sort()).toEqual(
      [
        // Acting as B: the stack's B role may not read one item.
        'B GET /items/p1 true 403', 'A+B as B GET /items/p1 true 403', 'B+C GET /items/p1 true 403', 'B+C as B GET /items/p1 true 403',
        // Acting as C: the stack still lets C create items, and not read the list.
        'C POST /items false 200', 'A+C as C POST /items false 200', 'B+C as C POST /items false 200',
        'C GET /items true 403', 'A+C as C GET /items true 403', 'B+C as C GET /items true 403',
      ].sort(),
    );
    expect(failureText(broken.failures.find((c) => c.caller === 'B' && c.request === 'GET /items/p1')!)).toMatch(
      /^B {2}GET \/items\/p1: expected granted, got 403 \[shop-test-B\] \(.*DenyEveryOtherInvoke.* Deny\)$/,
    );
  });
});

describe('rows', () => {
  test('own-rows actions only on the caller\'s own key, read-all actions on any row, nothing else', async () => {
    const matrix = await matrixOf('rows');
    expect(matrix.failures).toEqual([]);
    expect(grantedTo(matrix, 'owners')).toEqual(['GetItem own key', 'PutItem own key']);
    expect(grantedTo(matrix, 'auditors')).toEqual(['Scan no key']);
    expect(grantedTo(matrix, 'owners+auditors as auditors')).toEqual(['Scan no key']);
    expect(grantedTo(matrix, 'guest')).toEqual([]);
  });

  test('a config that grants more than the stack fails on exactly those cells (the role denies every other action explicitly)', async () => {
    const more: RowsConfig = { ...rows, groups: [rows.groups[0]!, { ...rows.groups[1]!, actions: ['dynamodb:Scan', 'dynamodb:Query'] }] };
    const matrix = await matrixOf('rows', { ...configs, rows: more });
    const callers = ['auditors', 'owners+auditors as auditors'];
    const keys = ['own key', "another user's key", 'own and another key'];
    expect(matrix.failures.map((c) => `${c.caller} | ${c.request} | ${c.outcome}`).sort()).toEqual(
      callers.flatMap((caller) => keys.map((key) => `${caller} | Query ${key} | explicitDeny`)).sort(),
    );
  });
});

test('many groups: neighbours in precedence pair up instead of every pair, so the matrix stays linear', () => {
  const groups = Array.from({ length: ALL_PAIRS_UP_TO + 2 }, (_, i) => ({ name: `g${i}`, precedence: i }));
  const callers = matrixCallers(groups).map((c) => c.id);
  expect(callers.filter((id) => /^g\d+\+g\d+$/.test(id))).toEqual(groups.slice(0, -1).map((g, i) => `${g.name}+g${i + 1}`));
  // Escalations: each group asks for the first group's role and its neighbours'.
  expect(callers.filter((id) => id.startsWith('g5 as '))).toEqual(['g5 as g0', 'g5 as g4', 'g5 as g6']);
});

test('access -- matrix with an unknown stack is bad input (exit 2) naming the stacks it has', async () => {
  const errors: string[] = [];
  expect(await accessCli(['matrix', 'nope'], { out: () => undefined, err: (text) => errors.push(text) })).toBe(2);
  expect(errors[0]!.split('\n')[0]).toBe('access: unknown stack "nope" (have: office, marketplace, rows, apps)');
});
