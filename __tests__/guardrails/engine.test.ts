import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogueFor, checkModel } from '../../guardrails/engine';
import { RULES } from '../../guardrails/rules';
import { readSynth, StackModel, synthSource } from '../../model';
import { suppressionKey } from '../../stacks/suppress';
import { document } from './helpers';

describe('reading a cdk.tf.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guardrails-engine-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file for missing and non-JSON input', () => {
    expect(() => readSynth(join(dir, 'missing.json'))).toThrow(/missing\.json: no such file/);
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(() => readSynth(join(dir, 'bad.json'))).toThrow(/bad\.json: not valid JSON/);
  });

  it('takes the stack name from cdktf metadata', () => {
    const file = join(dir, 'office.json');
    writeFileSync(file, JSON.stringify({ '//': { metadata: { stackName: 'office' } }, provider: { aws: [{ region: 'us-east-1' }] }, resource: {} }));
    expect(readSynth(file).name).toBe('office');
  });
});

describe('engine', () => {
  const unversioned = (suppressions?: object[]) =>
    new StackModel(
      synthSource(
        document({ aws_s3_bucket: { b: { bucket: 'b', ...(suppressions ? { '//': { suppressions } } : {}) } } }),
        'fixture/cdk.tf.json',
        'fixture',
      ),
    );
  const declared = new Set([suppressionKey('fixture', 'aws_s3_bucket.b', 'S3-001'), suppressionKey('fixture', 'aws_s3_bucket.b', 'DDB-001')]);

  it('marks a finding suppressed, with its reason, only on the resource and rule it names, when the code declares it', async () => {
    const model = unversioned([{ rule: 'S3-001', reason: 'a scratch bucket, rebuilt on every run' }]);
    const results = checkModel(model, await catalogueFor([model]), declared);
    const versioning = results.find((r) => r.rule === 'S3-001');
    expect(versioning?.suppressed).toEqual({ reason: 'a scratch bucket, rebuilt on every run' });
    expect(results.filter((r) => r.rule !== 'S3-001').every((r) => r.suppressed === undefined)).toBe(true);
  });

  it('does not honour a suppression written into the JSON by hand, and reports it (GUARD-003)', async () => {
    const model = unversioned([{ rule: 'S3-003', reason: 'hand-written into cdk.tf.json, no code declares it' }]);
    const results = checkModel(model, await catalogueFor([model]), declared);
    expect(results.find((r) => r.rule === 'S3-003')?.suppressed).toBeUndefined();
    expect(results.filter((r) => r.rule === 'GUARD-003').map((r) => [r.severity, r.resource])).toEqual([['error', 'aws_s3_bucket.b']]);
  });

  it('reports suppressions of unknown rules (error) and suppressions that match nothing (warning)', async () => {
    const model = unversioned([
      { rule: 'S3-999', reason: 'typo in the rule id here' },
      { rule: 'DDB-001', reason: 'not a table, nothing to recover' },
    ]);
    const results = checkModel(model, await catalogueFor([model]), declared);
    expect(results.filter((r) => r.rule.startsWith('GUARD')).map((r) => [r.rule, r.severity, r.resource])).toEqual([
      ['GUARD-001', 'error', 'aws_s3_bucket.b'],
      ['GUARD-002', 'warning', 'aws_s3_bucket.b'],
    ]);
  });

  it('reports every part the model cannot read as an unsuppressible MODEL-001 error naming resource and field', async () => {
    // An IAM user policy grants access to a principal the model does not read: refused, not skipped.
    const model = new StackModel(
      synthSource(
        document({
          aws_iam_user_policy: {
            tags: { user: 'bob', policy: '{"Version":"2012-10-17","Statement":[]}', '//': { suppressions: [{ rule: 'MODEL-001', reason: 'cannot be suppressed at all' }] } },
          },
          aws_iam_role: { r: { name: 'r', assume_role_policy: '${data.aws_iam_policy_document.missing.json}' } },
        }),
        'fixture/cdk.tf.json',
        'fixture',
      ),
    );
    const results = checkModel(model, await catalogueFor([model]), new Set([suppressionKey('fixture', 'aws_iam_user_policy.tags', 'MODEL-001')]));
    expect(results.filter((r) => r.rule === 'MODEL-001').map((r) => [r.resource, r.message, r.suppressed])).toEqual([
      ['aws_iam_role.r', 'assume_role_policy: ${data.aws_iam_policy_document.missing.json}: no data.aws_iam_policy_document.missing in stack fixture', undefined],
      ['aws_iam_user_policy.tags', 'resource type aws_iam_user_policy can grant or change access and the model does not read it', undefined],
    ]);
  });
});

describe('rule registry', () => {
  const dir = join(__dirname, '..', '..', 'guardrails', 'rules');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

  it('registers exactly one rule per file, named <ID>-<slug>.ts', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual(files.map((f) => /^([A-Z0-9]+-\d{3})-[a-z0-9-]+\.ts$/.exec(f)?.[1]).sort());
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s is complete', (_id, rule) => {
    expect(rule.id).toMatch(/^(RBAC|APIG|LAMBDA|IAM|S3|DDB|COG|KMS)-\d{3}$/);
    expect(['error', 'warning']).toContain(rule.severity);
    expect(rule.title.length).toBeGreaterThan(20);
    expect(rule.rationale.length).toBeGreaterThan(20);
    for (const id of rule.anchors.checkov ?? []) expect(id).toMatch(/^CKV2?_AWS_\d+$/);
    for (const id of rule.anchors.trivy ?? []) expect(id).toMatch(/^AVD-AWS-\d{4}$/);
    for (const id of rule.anchors.cdkNag ?? []) expect(id).toMatch(/^(AwsSolutions|NIST\.800\.53\.R5)-\w+$/);
  });

  it('every rule has a test with a violating and a passing fixture', () => {
    const tests = readdirSync(__dirname)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(__dirname, f), 'utf8'))
      .join('\n');
    for (const rule of RULES) {
      const block = new RegExp(`describeRule\\('${rule.id}', \\[([\\s\\S]*?)\\n\\]\\);`).exec(tests)?.[1] ?? '';
      expect([rule.id, /name: ['`]passes/.test(block), /name: '(fails)/.test(block)]).toEqual([rule.id, true, true]);
    }
  });
});
