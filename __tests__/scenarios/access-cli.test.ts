import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { accessCli } from '../../access/cli';
import { listPolicyVersions } from '../../policies/loader';
import { synth } from '../support/synth';

jest.setTimeout(60_000);
const ROOT = resolve(__dirname, '..', '..');
let outdir: string;
const outdirBefore = process.env.CDKTF_OUTDIR;
beforeAll(() => {
  // A CDKTF_OUTDIR of its own, so tests never touch cdktf.out: its default build and each policy version's
  // (<outdir>/.access/<version>, where the CLI looks) link to the shared fixture synths, found up to date.
  outdir = mkdtempSync(join(tmpdir(), 'cli-out-'));
  const newest = synth().outdir;
  for (const entry of readdirSync(newest)) symlinkSync(join(newest, entry), join(outdir, entry));
  mkdirSync(join(outdir, '.access'));
  for (const version of listPolicyVersions()) symlinkSync(synth({ settings: { policyVersion: version } }).outdir, join(outdir, '.access', version));
  process.env.CDKTF_OUTDIR = outdir;
});
afterAll(() => {
  if (outdirBefore === undefined) delete process.env.CDKTF_OUTDIR;
  else process.env.CDKTF_OUTDIR = outdirBefore;
});

/**
 * `npm run --silent access -- ARGS`, in-process (access/cli.ts, which bin/access.ts runs): the exit status and
 * what would reach stdout and stderr, each line ending in a newline as console.log/console.error write it.
 */
async function access(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await accessCli(args, { out: (text) => (stdout += `${text}\n`), err: (text) => (stderr += `${text}\n`) });
  return { status, stdout, stderr };
}

function scenarioFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cli-')), 'scenario.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

test('scenario --json: the binding shape, exit 0 when everything matches', async () => {
  const run = await access('scenario', 'scenarios/office.json', '--json');
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

test('scenario: exit 1 on a mismatch with expect, listed under the matrix', async () => {
  const file = scenarioFile({
    stack: 'office',
    users: [{ name: 'John', groups: ['User'] }],
    requests: [{ method: 'GET', path: '/admin' }],
    expect: { John: { 'GET /admin': 200 } },
  });
  const run = await access('scenario', file);
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('✗ 403 explicitDeny [office-dev-User]');
  expect(run.stdout).toContain('1 mismatch(es) with expect:\n  John GET /admin: expected 200, got 403');
});

test.each([
  ['an unknown group', { stack: 'office', users: [{ name: 'J', groups: ['Boss'] }], requests: [] }, 'users[0].groups[0]: unknown group "Boss" (stack office has: Admin, User)'],
  ['an unknown stack', { stack: 'shop', users: [], requests: [] }, 'stack: unknown stack "shop" (have: '],
  ['invalid JSON', '{"stack":', '(file): not a readable JSON file'],
])('scenario: exit 2 on %s, naming the field', async (_case, content, message) => {
  const file = scenarioFile(content);
  const run = await access('scenario', file);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(`access: ${file}: ${message}`);
});

test('diff v1 v2 prints exactly the cells that change', async () => {
  const file = scenarioFile({
    stack: 'office',
    users: [{ name: 'John', groups: ['User'] }],
    requests: [
      { method: 'GET', path: '/user' },
      { method: 'GET', path: '/admin' },
    ],
  });
  // v2 adds an explicit Deny of every other route to each group's policy (policies/v2); GET /user is allowed by both.
  const run = await access('diff', 'v1', 'v2', '--scenario', file);
  expect(run.status).toBe(0);
  expect(run.stdout.trim()).toBe('John  GET /admin  v1: 403 implicitDeny [office-dev-User]  →  v2: 403 explicitDeny [office-dev-User]');
});

test('unknown command and unknown version exit 2 with usage', async () => {
  expect((await access('simulate')).status).toBe(2);
  const run = await access('diff', 'v1', 'v9');
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('access: unknown policy version "v9" (have: v1, v2)');
});

test('eval: decisions in input order; a malformed policy is that case’s error; a malformed case is exit 2', async () => {
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
  const run = await access('eval', file);
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual([
    { id: 'own-prefix', decision: 'allowed' }, // 2012-10-17 substitutes ${aws:username}
    { id: 'typo', error: 'policy "identityPolicies[0]": Statement[0].Effect: unknown Effect "Alow"' },
  ]);
  const bad = await access('eval', scenarioFile([{ id: 'x', resource: 'y' }]));
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/access: .*scenario\.json: \[0\]\.action: /);
});

test('scenario: a stack the model cannot read whole is refused with every unreadable part named, exit 2', async () => {
  // A what-if that computes the User role's trust with a variable: Terraform knows it only at plan time.
  const file = scenarioFile({
    stack: 'office',
    overrides: [{ type: 'aws_cognito_identity_pool', set: { allow_classic_flow: '${var.classic}' } }],
    users: [{ name: 'John', groups: ['User'] }],
    requests: [{ method: 'GET', path: '/user' }],
  });
  const run = await access('scenario', file);
  expect(run.status).toBe(2);
  expect(run.stderr.split('\n')).toEqual([
    'access: stack office: 2 part(s) that can affect access cannot be read offline:',
    expect.stringMatching(/^ {2}- aws_cognito_identity_pool\.\S+\.allow_classic_flow: \$\{var\.classic\}: var\.\* is not known offline$/),
    // The attachment cannot be linked either; the message points at the cause instead of blaming a missing pool.
    expect.stringMatching(/^ {2}- aws_cognito_identity_pool_roles_attachment\.\S+\.identity_pool_id: names identity pool "us-east-1:[0-9a-f-]+", which could not be read \(see the aws_cognito_identity_pool problem\)$/),
    '',
  ]);
});

test('bin/access.ts, as `npm run access` runs it: output on stdout and stderr, the exit status of the command', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'access.ts'), ...args], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
  const bad = run('simulate');
  expect([bad.status, bad.stdout, bad.stderr.split('\n')[0]]).toEqual([2, '', 'access: unknown command "simulate"']);
  const good = run('scenario', 'scenarios/office.json', '--json');
  expect(good.status).toBe(0);
  expect((JSON.parse(good.stdout) as { mismatches: unknown[] }).mismatches).toEqual([]);
});
