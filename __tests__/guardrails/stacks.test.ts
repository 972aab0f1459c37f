import { synth } from '../support/synth';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blocking, checkModels, type CodeSuppressions } from '../../guardrails/engine';
import { enforceGuardrails } from '../../guardrails/enforce';
import { synthesizedStackFiles } from '../../guardrails/files';
import type { Result } from '../../guardrails/types';
import { readSynth } from '../../model';
import { declaredByCode } from '../support/declared';

/**
 * The real stacks, synthesized once: the exact findings are the contract. Every one is suppressed next to its
 * construct, with the reason below; a new finding (or a fixed one whose suppression is now stale) fails this test.
 */
const EXPECTED = [
  ['apps', 'APIG-006', 'warning', 'aws_api_gateway_stage.apps-api_stage_F413D574', /^WAF is a cost decision/],
  ['apps', 'COG-003', 'warning', 'aws_cognito_user_pool.users_pool_87CF6C50', /^Threat protection needs the Plus feature plan, billed per monthly active user; the pool is admin-invite only/],
  ['apps', 'IAM-002', 'error', 'aws_iam_role_policy.fn-apps_execution_B3754B0F', /^X-Ray PutTraceSegments/],
  ['apps', 'LAMBDA-005', 'warning', 'aws_lambda_function.fn-apps_function_A20FB62C', /^Lambda keeps 100 units.*the API stage throttle \(APIG-004\) bounds load instead$/],
  ['marketplace', 'COG-003', 'warning', 'aws_cognito_user_pool.users_pool_87CF6C50', /^Threat protection needs the Plus feature plan, billed per monthly active user; sign-up needs a code/],
  ['marketplace', 'IAM-002', 'error', 'aws_iam_role_policy.fn-post-confirmation_execution_576DAA65', /^X-Ray PutTraceSegments/],
  ['marketplace', 'LAMBDA-005', 'warning', 'aws_lambda_function.fn-post-confirmation_function_EF2842E1', /^Lambda keeps 100 units.*; Cognito invokes it only for a confirmed sign-up/],
  ['office', 'APIG-006', 'warning', 'aws_api_gateway_stage.office-api_stage_7B211D05', /^WAF is a cost decision/],
  ['office', 'COG-003', 'warning', 'aws_cognito_user_pool.users_pool_87CF6C50', /^Threat protection needs the Plus feature plan/],
  ['office', 'IAM-002', 'error', 'aws_iam_role_policy_attachment.apigateway-cloudwatch-logs', /^AWS managed policy for the account-level API Gateway logging role/],
  ['office', 'IAM-002', 'error', 'aws_iam_role_policy.fn-admin_execution_29EE383A', /^X-Ray PutTraceSegments/],
  ['office', 'IAM-002', 'error', 'aws_iam_role_policy.fn-user_execution_8AAE2866', /^X-Ray PutTraceSegments/],
  ['office', 'LAMBDA-005', 'warning', 'aws_lambda_function.fn-admin_function_7DD08009', /^Lambda keeps 100 units/],
  ['office', 'LAMBDA-005', 'warning', 'aws_lambda_function.fn-user_function_C6E13932', /^Lambda keeps 100 units/],
  ['rows', 'COG-003', 'warning', 'aws_cognito_user_pool.users_pool_87CF6C50', /^Threat protection needs the Plus feature plan, billed per monthly active user; the pool is admin-invite only/],
] as const;

let outdir: string;
let results: Result[];
let declared: CodeSuppressions;
const check = (dir: string) => checkModels(synthesizedStackFiles(dir).map((file) => readSynth(file)), declared);

beforeAll(async () => {
  outdir = synth().outdir; // the shared synth of every stack; this file only reads it
  declared = declaredByCode(); // what the code declares with suppress(): the same app, built in memory
  results = await check(outdir);
}, 60_000);


/** A copy of every synthesized stack (the manifest lists them all) with the office stack edited. */
function editedCopy(edit: (json: { resource: Record<string, Record<string, Record<string, any>>> }) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const copy = mkdtempSync(join(tmpdir(), 'guardrails-edit-'));
  const json = JSON.parse(readFileSync(join(outdir, 'stacks', 'office', 'cdk.tf.json'), 'utf8'));
  edit(json);
  for (const stack of readdirSync(join(outdir, 'stacks'))) {
    const dest = join(copy, 'stacks', stack);
    mkdirSync(dest, { recursive: true });
    writeFileSync(join(dest, 'cdk.tf.json'), stack === 'office' ? JSON.stringify(json) : readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json')));
  }
  writeFileSync(join(copy, 'manifest.json'), readFileSync(join(outdir, 'manifest.json')));
  return copy;
}

describe('the synthesized office and state stacks', () => {
  it('have exactly the expected findings, all suppressed with their reasons', () => {
    const errors = results.filter((r) => r.severity === 'error' && !r.suppressed);
    expect(errors).toEqual([]);
    expect(results.map((r) => [r.stack, r.rule, r.severity, r.resource])).toEqual(EXPECTED.map(([s, rule, sev, res]) => [s, rule, sev, res]));
    results.forEach((result, i) => expect(result.suppressed?.reason).toMatch(EXPECTED[i]![4]));
    expect(results.some((r) => r.stack === 'state')).toBe(false);
  });

  it('pass the synth-time gate and keep their output', async () => {
    // On a copy: a gate that fails (a mutant under Stryker, a regression) removes the output, and the shared synth
    // must survive for every other test.
    const copy = editedCopy(() => undefined);
    const log: string[] = [];
    await expect(enforceGuardrails(copy, declared, (line) => log.push(line))).resolves.toBe(true);
    expect(log).toEqual([]);
    expect(existsSync(join(copy, 'manifest.json'))).toBe(true);
    rmSync(copy, { recursive: true, force: true });
  });

  it('refuse a hand edit that drops the aud pin, even with a hand-written suppression, naming rule, resource and fix, and remove the output', async () => {
    const copy = editedCopy((json) => {
      const role = json.resource.aws_iam_role['identities_role-Admin_1C464C8D'];
      const trust = JSON.parse(role.assume_role_policy);
      delete trust.Statement[0].Condition.StringEquals;
      role.assume_role_policy = JSON.stringify(trust);
      // A suppression written into the JSON by hand: no suppress() call declares it, so it silences nothing.
      role['//'] = { ...role['//'], suppressions: [{ rule: 'RBAC-001', reason: 'hand-written to hide the edit' }] };
    });

    const edited = await check(copy);
    // Without aud, identities of any other identity pool (one that federates this user pool too) can assume it.
    expect(blocking(edited).map((r) => [r.rule, r.resource])).toEqual([
      ['GUARD-003', 'aws_iam_role.identities_role-Admin_1C464C8D'],
      ['RBAC-001', 'aws_iam_role.identities_role-Admin_1C464C8D'],
    ]);

    const log: string[] = [];
    await expect(enforceGuardrails(copy, declared, (line) => log.push(line))).resolves.toBe(false);
    const text = log.join('\n');
    expect(text).toContain('RBAC-001 aws_iam_role.identities_role-Admin_1C464C8D');
    expect(text).toContain('fix: Build the role with IdentityPool.trustedRole()');
    expect(text).toContain('was removed');
    expect(existsSync(copy)).toBe(false);
  });

  it('refuse a part the model cannot read (MODEL-001, unsuppressible), naming resource and field, and remove the output', async () => {
    // An IAM user with an inline policy: a principal the model does not read, so nothing about it may be assumed.
    const copy = editedCopy((json) => {
      json.resource.aws_iam_user = { ops: { name: 'ops', '//': { suppressions: [{ rule: 'MODEL-001', reason: 'hand-written, cannot suppress' }] } } };
    });
    const edited = await check(copy);
    expect(blocking(edited).map((r) => [r.rule, r.resource, r.message])).toEqual([
      // MODEL-001 is an engine check: no suppression names it, and one that tries is an unknown rule.
      ['GUARD-001', 'aws_iam_user.ops', 'suppression of unknown rule MODEL-001 ("hand-written, cannot suppress")'],
      ['MODEL-001', 'aws_iam_user.ops', 'resource type aws_iam_user can grant or change access and the model does not read it'],
    ]);
    const log: string[] = [];
    await expect(enforceGuardrails(copy, declared, (line) => log.push(line))).resolves.toBe(false);
    expect(log.join('\n')).toContain('MODEL-001 aws_iam_user.ops (stack office): resource type aws_iam_user can grant or change access');
    expect(existsSync(copy)).toBe(false);
  });
});
