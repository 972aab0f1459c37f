import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck, type CheckOptions } from '../../bin/check';
import { suppressionKey } from '../../stacks/suppress';
import { synth } from '../support/synth';
import { chain, policy, ref } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'guardrails-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, resources: object, suppressions: Record<string, object[]> = {}): string {
  const file = join(dir, name);
  const json = { '//': { metadata: { stackName: name.replace(/\.json$/, '') } }, provider: { aws: [{ region: 'us-east-1' }] }, resource: JSON.parse(JSON.stringify(resources)) };
  for (const [address, list] of Object.entries(suppressions)) {
    const [type, rname] = address.split('.') as [string, string];
    json.resource[type][rname]['//'] = { suppressions: list };
  }
  writeFileSync(file, JSON.stringify(json));
  return file;
}

/** What the code of these fixtures declares with suppress(): only the suppression of suppressed.json. */
const declared = () => new Set([suppressionKey('suppressed', 'aws_iam_role_policy.worker', 'IAM-002')]);

async function run(argv: string[], options: CheckOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, 'declared' in options ? options : { declared, ...options });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const clean = write('clean.json', chain());
const bad = (() => {
  const r = chain();
  r.aws_iam_role!.admin!.assume_role_policy = policy([
    { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
  ]);
  return write('bad.json', r);
})();
const suppressedOnly = (() => {
  // A service role (no user holds it, so only IAM-002 applies) writing on "*", accepted in code.
  const r = chain();
  r.aws_iam_role!.worker = {
    name: 'worker',
    assume_role_policy: policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }]),
  };
  r.aws_iam_role_policy!.worker = { role: ref('aws_iam_role.worker.id'), policy: policy([{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' }]) };
  return write('suppressed.json', r, {
    'aws_iam_role_policy.worker': [{ rule: 'IAM-002', reason: 'fixture: accepted for the test' }],
  });
})();

describe('npm run check', () => {
  it('exits 0 on a clean file and prints a table', async () => {
    const { code, out } = await run([clean]);
    expect(code).toBe(0);
    expect(out).toContain('clean (');
    expect(out).toContain('guardrails: no unsuppressed errors');
  });

  it('exits 1 on an unsuppressed error and names rule, resource and fix', async () => {
    const { code, out } = await run([bad]);
    expect(code).toBe(1);
    expect(out).toMatch(/error\s+RBAC-001\s+aws_iam_role\.admin/);
    expect(out).toMatch(/error\s+RBAC-002\s+aws_iam_role\.admin/);
    expect(out).toContain('fix: Build the role with IdentityPool.trustedRole()');
  });

  it('prints the --json array, marking suppressed findings; suppressed errors exit 0', async () => {
    const { code, out } = await run(['--json', suppressedOnly]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([
      {
        rule: 'IAM-002',
        severity: 'error',
        resource: 'aws_iam_role_policy.worker',
        message: expect.stringContaining('dynamodb:PutItem on "*"'),
        suppressed: true,
      },
    ]);
    const mixed = JSON.parse((await run(['--json', bad, clean])).out) as Array<Record<string, unknown>>;
    expect(mixed.filter((r) => r.rule === 'RBAC-001')).toHaveLength(1);
    expect(mixed.every((r) => Object.keys(r).every((k) => ['rule', 'severity', 'resource', 'message', 'suppressed'].includes(k)))).toBe(true);
    expect(mixed.some((r) => 'suppressed' in r)).toBe(false);
  });

  it('exits 2 naming the file when it is missing or not JSON, and prints no results', async () => {
    const missing = await run([clean, join(dir, 'nope.json')]);
    expect([missing.code, missing.out]).toEqual([2, '']);
    expect(missing.err).toMatch(/nope\.json: no such file/);
    const notJson = join(dir, 'notjson.json');
    writeFileSync(notJson, 'resource = {}');
    const broken = await run(['--json', notJson]);
    expect([broken.code, broken.out]).toEqual([2, '']);
    expect(broken.err).toMatch(/notjson\.json: not valid JSON/);
  });

  it('exits 2 on an unknown option', async () => {
    expect((await run(['--jsn'])).code).toBe(2);
  });

  it('with no FILE, synthesizes first when the outdir is missing, then checks every stack of the manifest', async () => {
    const outdir = join(dir, 'out');
    const synth = jest.fn((target: string) => {
      mkdirSync(join(target, 'stacks', 'office'), { recursive: true });
      writeFileSync(join(target, 'stacks', 'office', 'cdk.tf.json'), JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] }, resource: chain() }));
      writeFileSync(
        join(target, 'manifest.json'),
        JSON.stringify({ stacks: { office: { synthesizedStackPath: 'stacks/office/cdk.tf.json' } } }),
      );
    });
    const first = await run(['--json'], { outdir, synth });
    expect([first.code, first.out]).toEqual([0, '[]']);
    expect(first.err).toMatch(/missing, synthesizing first/);
    await run([], { outdir, synth });
    expect(synth).toHaveBeenCalledTimes(1);
  });

  it('uses references, not names, to tie resources: a fixture role named like another changes nothing', async () => {
    const r = chain();
    r.aws_iam_role!.other = {
      name: 'other',
      assume_role_policy: policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }]),
    };
    r.aws_iam_role_policy!.other = { role: ref('aws_iam_role.other.id'), policy: policy([{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:x:*' }]) };
    expect((await run([write('other.json', r)])).code).toBe(0);
  });
});

describe('npm run check on the shipped stacks, with the suppressions the code declares', () => {
  it('honours the code\'s suppressions (the app built in memory) and refuses one written into the JSON by hand', async () => {
    const office = join(synth().outdir, 'stacks', 'office', 'cdk.tf.json');
    const shipped = await run(['--json', office], { declared: undefined });
    expect(shipped.code).toBe(0);
    expect((JSON.parse(shipped.out) as Array<{ suppressed?: true }>).filter((r) => r.suppressed)).toHaveLength(7);

    // Hand-written: the JSON claims COG-005 is accepted on the user pool; no suppress() call says so.
    const json = JSON.parse(readFileSync(office, 'utf8'));
    const pool = json.resource.aws_cognito_user_pool.users_pool_87CF6C50;
    pool['//'].suppressions.push({ rule: 'COG-005', reason: 'hand-written into the synthesized JSON' });
    const edited = join(dir, 'office-hand-edited.json');
    writeFileSync(edited, JSON.stringify(json));
    const refused = await run(['--json', edited], { declared: undefined });
    expect(refused.code).toBe(1);
    expect((JSON.parse(refused.out) as Array<{ rule: string; resource: string }>).filter((r) => r.rule === 'GUARD-003').map((r) => r.resource)).toEqual([
      'aws_cognito_user_pool.users_pool_87CF6C50',
    ]);
  }, 120_000);
});
