import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { synth } from '../support/synth';

jest.setTimeout(60_000);
const ROOT = resolve(__dirname, '..', '..');
let outdir: string;
beforeAll(() => {
  outdir = synth().outdir;
});

/** `npm run --silent access -- ARGS`, against a synthesized temp outdir so tests never touch cdktf.out. */
function access(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'bin', 'access.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^npm warn.*\n/gm, '') };
}

function scenarioFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cli-')), 'scenario.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

test('scenario --json: the binding shape, exit 0 when everything matches', () => {
  const run = access('scenario', 'scenarios/office.json', '--json');
  expect(run.status).toBe(0);
  const json = JSON.parse(run.stdout) as { results: Array<Record<string, unknown>>; mismatches: unknown[] };
  expect(json.mismatches).toEqual([]);
  expect(json.results.map((r) => Object.keys(r))).toEqual(Array(4).fill(['user', 'request', 'status', 'body', 'role', 'decision', 'reason']));
  expect(json.results.map((r) => [r.user, r.request, r.status, r.role, r.decision])).toEqual([
    ['John', 'GET /user', 200, 'office-dev-User', 'allowed'],
    ['John', 'GET /admin', 403, 'office-dev-User', 'explicitDeny'],
    ['Rose', 'GET /user', 200, 'office-dev-Admin', 'allowed'],
    ['Rose', 'GET /admin', 200, 'office-dev-Admin', 'allowed'],
  ]);
});

test('scenario: exit 1 on a mismatch with expect, listed under the matrix', () => {
  const file = scenarioFile({
    stack: 'office',
    users: [{ name: 'John', groups: ['User'] }],
    requests: [{ method: 'GET', path: '/admin' }],
    expect: { John: { 'GET /admin': 200 } },
  });
  const run = access('scenario', file);
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('✗ 403 explicitDeny [office-dev-User]');
  expect(run.stdout).toContain('1 mismatch(es) with expect:\n  John GET /admin: expected 200, got 403');
});

test.each([
  ['an unknown group', { stack: 'office', users: [{ name: 'J', groups: ['Boss'] }], requests: [] }, 'users[0].groups[0]: unknown group "Boss" (stack office has: Admin, User)'],
  ['an unknown stack', { stack: 'shop', users: [], requests: [] }, 'stack: unknown stack "shop" (have: '],
  ['invalid JSON', '{"stack":', '(file): not a readable JSON file'],
])('scenario: exit 2 on %s, naming the field', (_case, content, message) => {
  const file = scenarioFile(content);
  const run = access('scenario', file);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(`access: ${file}: ${message}`);
});

test('diff v1 v2 prints exactly the cells that change', () => {
  const run = access('diff', 'v1', 'v2');
  expect(run.status).toBe(0);
  expect(run.stdout.trim()).toBe('John  GET /admin  v1: 403 implicitDeny [office-dev-User]  →  v2: 403 explicitDeny [office-dev-User]');
});

test('unknown command and unknown version exit 2 with usage', () => {
  expect(access('simulate').status).toBe(2);
  const run = access('diff', 'v1', 'v9');
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('access: unknown policy version "v9" (have: v1, v2)');
});

test('eval: decisions in input order; a malformed policy is that case’s error; a malformed case is exit 2', () => {
  const file = scenarioFile([
    {
      id: 'own-prefix',
      identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] }],
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/bob/x',
      context: { 'aws:username': 'bob' },
    },
    { id: 'typo', identityPolicies: [{ Statement: [{ Effect: 'Alow', Action: '*', Resource: '*' }] }], action: 's3:GetObject', resource: 'x' },
  ]);
  const run = access('eval', file);
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual([
    { id: 'own-prefix', decision: 'allowed' }, // 2012-10-17 substitutes ${aws:username}
    { id: 'typo', error: 'policy "identityPolicies[0]": Statement[0].Effect: unknown Effect "Alow"' },
  ]);
  const bad = access('eval', scenarioFile([{ id: 'x', resource: 'y' }]));
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/access: .*scenario\.json: \[0\]\.action: /);
});

test('scenario: a stack the model cannot read whole is refused with every unreadable part named, exit 2', () => {
  // A what-if that computes the User role's trust with a variable: Terraform knows it only at plan time.
  const file = scenarioFile({
    stack: 'office',
    overrides: [{ type: 'aws_cognito_identity_pool', set: { allow_classic_flow: '${var.classic}' } }],
    users: [{ name: 'John', groups: ['User'] }],
    requests: [{ method: 'GET', path: '/user' }],
  });
  const run = access('scenario', file);
  expect(run.status).toBe(2);
  expect(run.stderr.split('\n')).toEqual([
    'access: stack office: 2 part(s) that can affect access cannot be read offline:',
    expect.stringMatching(/^ {2}- aws_cognito_identity_pool\.\S+\.allow_classic_flow: \$\{var\.classic\}: var\.\* is not known offline$/),
    // The attachment cannot be linked either; the message points at the cause instead of blaming a missing pool.
    expect.stringMatching(/^ {2}- aws_cognito_identity_pool_roles_attachment\.\S+\.identity_pool_id: names identity pool "us-east-1:[0-9a-f-]+", which could not be read \(see the aws_cognito_identity_pool problem\)$/),
    '',
  ]);
});
