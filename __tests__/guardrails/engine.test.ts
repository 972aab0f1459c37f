import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogueFor, checkStack } from '../../guardrails/engine';
import { parsePolicy } from '../../guardrails/policy';
import { RULES } from '../../guardrails/rules';
import { InputError, loadStackFile, parseStack } from '../../guardrails/stack';
import { exactRef, refsIn, scanTemplate } from '../../guardrails/template';
import { policy, ref } from './helpers';

describe('Terraform templates and references', () => {
  it('splits interpolations from literals, keeping $${ and %%{ escapes literal', () => {
    expect(scanTemplate('arn:${aws_s3_bucket.b.arn}/$${aws:username}/%%{x}')).toEqual([
      { kind: 'literal', text: 'arn:' },
      { kind: 'interpolation', expr: 'aws_s3_bucket.b.arn' },
      { kind: 'literal', text: '/${aws:username}/%{x}' },
    ]);
  });

  it('resolves references structurally, including data sources and nested function calls', () => {
    expect(exactRef('${aws_iam_role.office-dev-Admin_1C464C8D.arn}')).toEqual({
      type: 'aws_iam_role',
      name: 'office-dev-Admin_1C464C8D',
      attr: 'arn',
      address: 'aws_iam_role.office-dev-Admin_1C464C8D',
    });
    expect(exactRef('${aws_iam_role.x.arn}/suffix')).toBeUndefined();
    expect(refsIn('${jsonencode({ a = aws_s3_bucket.b.arn, c = "}" })}').map((r) => r.address)).toEqual(['aws_s3_bucket.b']);
    expect(refsIn('${data.aws_caller_identity.me.account_id}')[0]?.type).toBe('data.aws_caller_identity');
  });

  it('parses policy JSON with interpolations and escaped IAM variables', () => {
    const parsed = parsePolicy(
      policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${ref('aws_s3_bucket.b.arn')}/$\${aws:username}/*` }]),
    );
    if (!parsed.ok) throw new Error(parsed.detail);
    const resource = parsed.policy.statements[0]!.resources[0]!;
    expect(parsed.policy.display(resource)).toBe('${aws_s3_bucket.b.arn}/${aws:username}/*');
    expect(parsed.policy.refsIn(resource).map((r) => r.address)).toEqual(['aws_s3_bucket.b']);
    expect((parsed.policy.concrete().Statement as Array<{ Resource: string }>)[0]!.Resource).toBe(
      'arn:aws:s3:::b/${aws:username}/*',
    );
    expect(parsePolicy('${data.aws_iam_policy_document.x.json}')).toMatchObject({ ok: false, reason: 'computed' });
    expect(parsePolicy('{"Version": ')).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('reading a cdk.tf.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guardrails-engine-'));

  it('names the file for missing and non-JSON input', () => {
    expect(() => loadStackFile(join(dir, 'missing.json'))).toThrow(/missing\.json: no such file/);
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(() => loadStackFile(join(dir, 'bad.json'))).toThrow(/bad\.json: not valid JSON/);
    writeFileSync(join(dir, 'list.json'), '[]');
    expect(() => loadStackFile(join(dir, 'list.json'))).toThrow(InputError);
  });

  it('names the file and field of a malformed suppression', () => {
    const json = { resource: { aws_s3_bucket: { b: { '//': { suppressions: [{ rule: 'S3-001', reason: 'short' }] } } } } };
    expect(() => parseStack(json, 'x/cdk.tf.json')).toThrow(
      'x/cdk.tf.json: resource.aws_s3_bucket.b.//.suppressions[0].reason: expected a reason of at least 10 characters',
    );
    const unknownShape = { resource: { aws_s3_bucket: { b: { '//': { suppressions: 'S3-001' } } } } };
    expect(() => parseStack(unknownShape, 'x/cdk.tf.json')).toThrow(/suppressions: expected a list/);
  });

  it('takes the stack name from cdktf metadata', () => {
    const file = join(dir, 'office.json');
    writeFileSync(file, JSON.stringify({ '//': { metadata: { stackName: 'office' } }, resource: {} }));
    expect(loadStackFile(file).name).toBe('office');
  });
});

describe('engine', () => {
  const unversioned = (suppressions?: object[]) =>
    parseStack(
      {
        resource: {
          aws_s3_bucket: { b: { bucket: 'b', ...(suppressions ? { '//': { suppressions } } : {}) } },
        },
      },
      'fixture/cdk.tf.json',
      'fixture',
    );

  it('marks a finding suppressed, with its reason, only on the resource and rule it names', async () => {
    const stack = unversioned([{ rule: 'S3-001', reason: 'a scratch bucket, rebuilt on every run' }]);
    const results = checkStack(stack, await catalogueFor([stack]));
    const versioning = results.find((r) => r.rule === 'S3-001');
    expect(versioning?.suppressed).toEqual({ reason: 'a scratch bucket, rebuilt on every run' });
    expect(results.filter((r) => r.rule !== 'S3-001').every((r) => r.suppressed === undefined)).toBe(true);
  });

  it('reports suppressions of unknown rules (error) and suppressions that match nothing (warning)', async () => {
    const stack = unversioned([
      { rule: 'S3-999', reason: 'typo in the rule id here' },
      { rule: 'DDB-001', reason: 'not a table, nothing to recover' },
    ]);
    const results = checkStack(stack, await catalogueFor([stack]));
    expect(results.filter((r) => r.rule.startsWith('GUARD')).map((r) => [r.rule, r.severity, r.resource])).toEqual([
      ['GUARD-001', 'error', 'aws_s3_bucket.b'],
      ['GUARD-002', 'warning', 'aws_s3_bucket.b'],
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
    expect(rule.id).toMatch(/^(RBAC|APIG|LAMBDA|IAM|S3|DDB|COG)-\d{3}$/);
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
      expect([rule.id, /name: '(fails|passes)/.test(block)]).toEqual([rule.id, true]);
      expect([rule.id, /name: ['`]passes/.test(block), /name: '(fails)/.test(block)]).toEqual([rule.id, true, true]);
    }
  });
});
