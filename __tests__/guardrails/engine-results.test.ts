import { blocking, catalogueFor, checkModel, checkModels, sortResults } from '../../guardrails/engine';
import type { Result, Rule } from '../../guardrails/types';
import { StackModel, synthSource, Unreadable } from '../../model';
import { suppressionKey } from '../../stacks/suppress';
import { document, model, policy, ref } from './helpers';

/** A rule of the test's own, so the engine's handling of findings and failures is seen apart from any real rule. */
const testRule = (id: string, check: Rule['check'], severity: Rule['severity'] = 'error'): Rule => ({
  id,
  severity,
  title: 'a rule written by this test only',
  rationale: 'checks what the engine does around the rules',
  anchors: {},
  check,
});

const bucketStack = (stack: string, suppressions?: object[]) =>
  new StackModel(
    synthSource(document({ aws_s3_bucket: { b: { bucket: 'b', ...(suppressions ? { '//': { suppressions } } : {}) } } }), `${stack}/cdk.tf.json`, stack),
  );

describe('catalogueFor', () => {
  it('loads the services the rules ask about even when no policy names them', async () => {
    // RBAC-014 asks about writes to cognito-idp, cognito-identity, iam, lambda and sts:AssumeRole; RBAC-016 about
    // execute-api, s3, kms and dynamodb; APIG-001 and IAM-008 evaluate execute-api:Invoke and sts:AssumeRole.
    const catalogue = await catalogueFor([bucketStack('fixture')]);
    expect(catalogue.loadedServices().sort()).toEqual(['cognito-identity', 'cognito-idp', 'dynamodb', 'execute-api', 'iam', 'kms', 'lambda', 's3', 'sts']);
  });

  it('adds the services and condition keys the stacks’ policies name, and nothing else', async () => {
    const m = model({
      aws_iam_role: { fn: { name: 'fn', assume_role_policy: policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]) } },
      aws_iam_role_policy: {
        traces: {
          role: ref('aws_iam_role.fn.id'),
          policy: policy([{ Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }]),
        },
      },
    });
    const catalogue = await catalogueFor([bucketStack('other'), m]);
    expect(catalogue.loadedServices()).toContain('xray');
    expect(catalogue.loadedServices()).toHaveLength(10);
    expect(catalogue.keyExists('aws:SourceAccount')).toBe(true);
    // Keys no policy names are not looked up.
    expect(catalogue.keyExists('aws:SourceIp')).toBeUndefined();
  });
});

describe('checkModel around the rules', () => {
  it('reports each finding with its rule, severity, stack and file', async () => {
    const m = bucketStack('fixture');
    const rule = testRule('TEST-001', () => [{ resource: 'aws_s3_bucket.b', message: 'a finding of the test rule', fix: 'nothing to fix here' }], 'warning');
    expect(checkModel(m, await catalogueFor([m]), new Set(), [rule])).toEqual([
      {
        stack: 'fixture',
        file: 'fixture/cdk.tf.json',
        rule: 'TEST-001',
        severity: 'warning',
        resource: 'aws_s3_bucket.b',
        message: 'a finding of the test rule',
        fix: 'nothing to fix here',
      },
    ]);
  });

  it('turns a value a rule cannot read into MODEL-001 (the field first, when there is one) and goes on with the next rule', async () => {
    const m = bucketStack('fixture');
    const rules = [
      testRule('TEST-001', () => {
        throw new Unreadable('aws_s3_bucket.b', 'versioning[0].enabled', 'not a boolean: "maybe"');
      }),
      testRule('TEST-002', () => {
        throw new Unreadable('aws_s3_bucket.b', '', 'a block the provider refuses');
      }),
      testRule('TEST-003', () => [{ resource: 'aws_s3_bucket.b', message: 'still checked after the others failed', fix: 'nothing to fix here' }]),
    ];
    const results = checkModel(m, await catalogueFor([m]), new Set(), rules);
    expect(results.map((r) => [r.rule, r.severity, r.resource, r.message])).toEqual([
      ['MODEL-001', 'error', 'aws_s3_bucket.b', 'a block the provider refuses'],
      ['MODEL-001', 'error', 'aws_s3_bucket.b', 'versioning[0].enabled: not a boolean: "maybe"'],
      ['TEST-003', 'error', 'aws_s3_bucket.b', 'still checked after the others failed'],
    ]);
    expect(results[0]!.fix).toBe('Write this part so it can be read offline (a literal, a reference to a resource of this stack, a known resource type), or remove it.');
  });

  it('stops on any other failure of a rule, naming the rule and the file', async () => {
    const m = bucketStack('fixture');
    const catalogue = await catalogueFor([m]);
    const broken = testRule('TEST-001', () => {
      throw new TypeError('cannot read properties of undefined');
    });
    expect(() => checkModel(m, catalogue, new Set(), [broken])).toThrow(
      /^guardrail TEST-001 failed on fixture\/cdk\.tf\.json: TypeError: cannot read properties of undefined\n {4}at /,
    );
  });

  it('words the suppression checks so the fix is clear', async () => {
    const m = bucketStack('fixture', [
      { rule: 'TEST-009', reason: 'names a rule that is not there' },
      { rule: 'TEST-001', reason: 'hand-written into the JSON' },
      { rule: 'TEST-002', reason: 'declared, but the rule finds nothing' },
    ]);
    const declared = new Set([suppressionKey('fixture', 'aws_s3_bucket.b', 'TEST-002')]);
    const rules = [testRule('TEST-001', () => []), testRule('TEST-002', () => [])];
    const results = checkModel(m, await catalogueFor([m]), declared, rules);
    expect(results.map((r) => [r.rule, r.severity, r.resource, r.message, r.fix])).toEqual([
      [
        'GUARD-001',
        'error',
        'aws_s3_bucket.b',
        'suppression of unknown rule TEST-009 ("names a rule that is not there")',
        "Use one of the ids in guardrails/RULES.md, or remove the suppress(..., 'TEST-009', ...) call.",
      ],
      [
        'GUARD-003',
        'error',
        'aws_s3_bucket.b',
        'the JSON suppresses TEST-001 ("hand-written into the JSON") but no suppress() call in code declares it: not honoured',
        "Remove the hand-written suppression from the JSON; accept a risk only with suppress(resource, 'TEST-001', reason) next to the construct.",
      ],
      [
        'GUARD-002',
        'warning',
        'aws_s3_bucket.b',
        'TEST-002 is suppressed here but reports nothing ("declared, but the rule finds nothing")',
        "Remove the suppress(..., 'TEST-002', ...) call next to this construct.",
      ],
    ]);
  });

  it('honours a declared suppression only for the rule and resource it names', async () => {
    const m = new StackModel(
      synthSource(
        document({
          aws_s3_bucket: {
            a: {
              bucket: 'a',
              '//': {
                suppressions: [
                  { rule: 'TEST-003', reason: 'a third rule, accepted on bucket a' },
                  { rule: 'TEST-001', reason: 'accepted on bucket a only' },
                ],
              },
            },
            b: { bucket: 'b' },
          },
        }),
        'fixture/cdk.tf.json',
        'fixture',
      ),
    );
    const finding = (resource: string) => ({ resource, message: `finding on ${resource}`, fix: 'nothing to fix here' });
    const rules = [
      testRule('TEST-001', () => [finding('aws_s3_bucket.a'), finding('aws_s3_bucket.b')]),
      testRule('TEST-002', () => [finding('aws_s3_bucket.a')]),
      testRule('TEST-003', () => [finding('aws_s3_bucket.a')]),
    ];
    const declared = new Set(['TEST-001', 'TEST-003'].map((rule) => suppressionKey('fixture', 'aws_s3_bucket.a', rule)));
    const results = checkModel(m, await catalogueFor([m]), declared, rules);
    expect(results.map((r) => [r.rule, r.resource, r.suppressed])).toEqual([
      ['TEST-001', 'aws_s3_bucket.b', undefined],
      ['TEST-002', 'aws_s3_bucket.a', undefined],
      ['TEST-001', 'aws_s3_bucket.a', { reason: 'accepted on bucket a only' }],
      ['TEST-003', 'aws_s3_bucket.a', { reason: 'a third rule, accepted on bucket a' }],
    ]);
    // Declared in code but for another stack of the same shape: not honoured (GUARD-003), the finding stays.
    const elsewhere = new Set([suppressionKey('other', 'aws_s3_bucket.a', 'TEST-001')]);
    const unhonoured = checkModel(m, await catalogueFor([m]), elsewhere, rules);
    expect(unhonoured.filter((r) => r.suppressed)).toEqual([]);
    expect(unhonoured.map((r) => r.rule)).toEqual(['GUARD-003', 'GUARD-003', 'TEST-001', 'TEST-001', 'TEST-002', 'TEST-003']);
  });
});

describe('checkModels', () => {
  it('checks every stack, each under its own name', async () => {
    const rule = testRule('TEST-001', ({ model: m }) => [{ resource: 'aws_s3_bucket.b', message: `found in ${m.name}`, fix: 'nothing to fix here' }]);
    const results = await checkModels([bucketStack('one'), bucketStack('two')], new Set(), [rule]);
    expect(results.map((r) => [r.stack, r.file, r.message])).toEqual([
      ['one', 'one/cdk.tf.json', 'found in one'],
      ['two', 'two/cdk.tf.json', 'found in two'],
    ]);
  });
});

describe('sortResults and blocking', () => {
  const result = (stack: string, rule: string, severity: Result['severity'], resource: string, message = 'm', suppressed?: string): Result => ({
    stack,
    file: `${stack}/cdk.tf.json`,
    rule,
    severity,
    resource,
    message,
    fix: 'f',
    ...(suppressed ? { suppressed: { reason: suppressed } } : {}),
  });

  it('orders by stack, then unsuppressed errors, warnings, suppressed findings, then rule (numbers as numbers), resource and message', () => {
    const results = [
      result('b', 'RBAC-001', 'error', 'x'),
      result('a', 'RBAC-001', 'error', 'x', 'm', 'accepted'),
      result('a', 'RBAC-001', 'warning', 'x'),
      result('a', 'RBAC-010', 'error', 'x'),
      result('a', 'RBAC-9', 'error', 'y', 'n'),
      result('a', 'RBAC-9', 'error', 'y', 'm'),
      result('a', 'RBAC-9', 'error', 'x'),
    ];
    expect(sortResults(results).map((r) => [r.stack, r.rule, r.severity, r.resource, r.message, r.suppressed?.reason])).toEqual([
      ['a', 'RBAC-9', 'error', 'x', 'm', undefined],
      ['a', 'RBAC-9', 'error', 'y', 'm', undefined],
      ['a', 'RBAC-9', 'error', 'y', 'n', undefined],
      ['a', 'RBAC-010', 'error', 'x', 'm', undefined],
      ['a', 'RBAC-001', 'warning', 'x', 'm', undefined],
      ['a', 'RBAC-001', 'error', 'x', 'm', 'accepted'],
      ['b', 'RBAC-001', 'error', 'x', 'm', undefined],
    ]);
  });

  it('blocks on unsuppressed errors only', () => {
    const results = [result('a', 'RBAC-001', 'error', 'x'), result('a', 'RBAC-002', 'error', 'x', 'm', 'accepted'), result('a', 'RBAC-008', 'warning', 'x')];
    expect(blocking(results).map((r) => r.rule)).toEqual(['RBAC-001']);
  });
});
