import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STACKS } from '../../stacks/app';
import { checkTerraformVersion, diagnosticsText, terraform, terraformEnv } from '../../terraform/cli';
import { OFFLINE_OVERRIDE_FILE } from '../../terraform/offline-override';
import { copyStackForPlan, OfflinePlan, PLAN_GOGC, plannedChanges, planOffline } from '../../terraform/offline-plan';
import { stackDir } from '../../terraform/stacks-dir';
import { synth } from '../support/synth';

// @long-running: terraform init and plan of every stack with the real provider

jest.setTimeout(240_000);

/**
 * Exactly what each stack creates. Counting by type catches a resource that silently disappears or doubles
 * (e.g. a group without its role) — the plan is the real provider's view, not cdktf's.
 */
const EXPECTED: Record<string, Record<string, number>> = {
  [STACKS.state]: {
    aws_s3_bucket: 1,
    aws_s3_bucket_lifecycle_configuration: 1,
    aws_s3_bucket_ownership_controls: 1,
    aws_s3_bucket_policy: 1,
    aws_s3_bucket_public_access_block: 1,
    aws_s3_bucket_server_side_encryption_configuration: 1,
    aws_s3_bucket_versioning: 1,
  },
  [STACKS.office]: {
    aws_api_gateway_account: 1, // account-level CloudWatch role, needed for INFO execution logs
    aws_api_gateway_deployment: 1,
    aws_api_gateway_integration: 2, // one per route
    aws_api_gateway_method: 2,
    aws_api_gateway_method_settings: 1,
    aws_api_gateway_resource: 2,
    aws_api_gateway_rest_api: 1,
    aws_api_gateway_stage: 1,
    aws_cloudwatch_log_group: 3, // two Lambdas + the stage's access log
    aws_cognito_identity_pool: 1,
    aws_cognito_identity_pool_roles_attachment: 1,
    aws_cognito_user_group: 2,
    aws_cognito_user_pool: 1,
    aws_cognito_user_pool_client: 1,
    aws_iam_role: 6, // Admin, User, default authenticated, two Lambda execution roles, API Gateway logging
    aws_iam_role_policy: 5,
    aws_iam_role_policy_attachment: 1,
    aws_lambda_function: 2,
    aws_lambda_permission: 2,
  },
  [STACKS.marketplace]: {
    aws_cloudwatch_log_group: 1, // the post-confirmation Lambda's logs
    aws_cognito_identity_pool: 1, // Token mapping, ambiguous → Deny
    aws_cognito_identity_pool_roles_attachment: 1,
    aws_cognito_user_group: 2, // seller, buyer: one per config group, each with its role
    aws_cognito_user_pool: 1, // self sign-up, custom:signup_group, post-confirmation trigger
    aws_cognito_user_pool_client: 1,
    aws_dynamodb_table: 1, // Users
    aws_iam_role: 4, // seller, buyer, default authenticated (deny-all), post-confirmation execution
    aws_iam_role_policy: 6, // seller own-folder + read, buyer read, default deny-all, Lambda logs/traces, sign-up (group add + PutItem)
    aws_lambda_function: 1, // post-confirmation
    aws_lambda_permission: 1, // cognito-idp.amazonaws.com, source_arn = the pool
    aws_s3_bucket: 1, // product-images
    aws_s3_bucket_lifecycle_configuration: 1, // old versions and abandoned multipart uploads expire
    aws_s3_bucket_ownership_controls: 1, // BucketOwnerEnforced: ACLs off
    aws_s3_bucket_policy: 1, // TLS only
    aws_s3_bucket_public_access_block: 1,
    aws_s3_bucket_server_side_encryption_configuration: 1,
    aws_s3_bucket_versioning: 1,
  },
  [STACKS.rows]: {
    aws_cognito_identity_pool: 1, // Token mapping, ambiguous → Deny
    aws_cognito_identity_pool_roles_attachment: 1,
    aws_cognito_user_group: 2, // writers (precedence 0), readers (1): one per config group, each with its role
    aws_cognito_user_pool: 1, // admin-created users only
    aws_cognito_user_pool_client: 1,
    aws_dynamodb_table: 1, // UserData: partition key userid = identity id, sort key itemid, KMS SSE, PITR
    aws_iam_role: 3, // writers, readers, default authenticated (deny-all); no Lambda, no API
    aws_iam_role_policy: 3, // writers own-rows, readers read-all, default deny-all
  },
  [STACKS.apps]: {
    aws_api_gateway_deployment: 1,
    aws_api_gateway_integration: 1, // one method (GET /{app}/{proxy+}) for every app and role
    aws_api_gateway_method: 1,
    aws_api_gateway_method_settings: 1,
    aws_api_gateway_resource: 2, // /{app} and /{app}/{proxy+}: constant however many apps
    aws_api_gateway_rest_api: 1, // apps_api
    aws_api_gateway_stage: 1,
    aws_cloudwatch_log_group: 2, // the shared Lambda + the stage's access log
    aws_cognito_identity_pool: 1, // Token mapping, ambiguous → Deny; clients pick the app's role with CustomRoleArn
    aws_cognito_identity_pool_roles_attachment: 1,
    aws_cognito_user_group: 30, // 10 apps × roles A, B, C: one group per (app, role)
    aws_cognito_user_pool: 1,
    aws_cognito_user_pool_client: 1,
    aws_iam_role: 32, // 30 group roles, default authenticated, the Lambda's execution role (the office stack owns the API Gateway log role)
    aws_iam_role_policy: 32,
    aws_lambda_function: 1, // one shared handler
    aws_lambda_permission: 1, // source_arn <api>/*/GET/*/*
  },
};

describe('real Terraform: init and plan (which validates) every stack offline', () => {
  const env = terraformEnv();
  let outdir: string;
  let plans: Map<string, OfflinePlan>;

  beforeAll(async () => {
    await checkTerraformVersion(env);
    outdir = synth().outdir;
    const stacks = Object.values(STACKS);
    const results = await Promise.all(stacks.map((stack) => planOffline(stackDir(outdir, stack), stack, env)));
    plans = new Map(results.map((plan) => [plan.stack, plan]));
  });

  test.each(Object.values(STACKS))('%s: the plan creates exactly the expected resources', (stack) => {
    const plan = plans.get(stack)!;
    expect(plan.toAdd).toEqual(EXPECTED[stack]);
    expect(plan.changes.every((change) => change.actions.join() === 'create')).toBe(true);
  });

  test('a plan validates the configuration first: an argument the provider does not know fails it, with Terraform\'s diagnostic', async () => {
    // "terraform validate": "use the terraform plan command instead, which includes an implied validation check".
    const broken = mkdtempSync(join(tmpdir(), 'broken-'));
    copyStackForPlan(stackDir(outdir, STACKS.rows), broken);
    const file = join(broken, 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const table = Object.values(json.resource.aws_dynamodb_table!)[0]!;
    table.billing_modez = table.billing_mode;
    delete table.billing_mode;
    writeFileSync(file, JSON.stringify(json));
    await expect(planOffline(broken, STACKS.rows, env)).rejects.toThrow(
      /terraform plan failed in .*:\nError: Extraneous JSON object property \(cdk\.tf\.json:1, resource\.aws_dynamodb_table\.\w+\)\n  No argument or block type is named "billing_modez"\. Did you mean "billing_mode"\?/,
    );
  });

  test('the offline override lives only in the throwaway copy, never in what users deploy', () => {
    for (const stack of Object.values(STACKS)) {
      expect(readdirSync(stackDir(outdir, stack))).not.toContain(OFFLINE_OVERRIDE_FILE);
      expect(existsSync(join(stackDir(outdir, stack), '.terraform'))).toBe(false);
    }
  });
});

test('a missing terraform binary fails with an install hint', async () => {
  await expect(terraform(['version'], process.cwd(), { ...process.env, PATH: '/nonexistent' })).rejects.toThrow(
    'terraform not found on PATH: install Terraform >= 1.10',
  );
});

test('the plan copy leaves out what `cdktf diff` / `cdktf deploy` left in the stack folder', () => {
  // After `TF_STATE_LOCAL=1 npx cdktf diff office` the folder holds cdktf's init (backend "local" at another path),
  // the lock file, state and its saved plan; copied, they made `terraform init` ask for -migrate-state.
  const stack = mkdtempSync(join(tmpdir(), 'stack-'));
  mkdirSync(join(stack, '.terraform', 'providers'), { recursive: true });
  writeFileSync(join(stack, '.terraform', 'terraform.tfstate'), '{"backend":{"type":"s3"}}');
  writeFileSync(join(stack, '.terraform.lock.hcl'), 'provider "registry.terraform.io/hashicorp/aws" {}');
  writeFileSync(join(stack, 'terraform.office.tfstate'), '{}');
  writeFileSync(join(stack, 'terraform.tfstate.backup'), '{}');
  writeFileSync(join(stack, 'plan'), 'cdktf plan');
  writeFileSync(join(stack, 'cdk.tf.json'), '{}');
  mkdirSync(join(stack, 'assets', 'handler'), { recursive: true });
  writeFileSync(join(stack, 'assets', 'handler', 'archive.zip'), 'zip');
  const work = mkdtempSync(join(tmpdir(), 'work-'));
  copyStackForPlan(stack, work);
  expect(readdirSync(work, { recursive: true, encoding: 'utf8' }).sort()).toEqual(['assets', 'assets/handler', 'assets/handler/archive.zip', 'cdk.tf.json']);
});

test('a provider mirror becomes one CLI config in the project cache, reused by every call; nothing in the temp dir', () => {
  const mirror = mkdtempSync(join(tmpdir(), 'mirror-'));
  const before = readdirSync(tmpdir()).sort();
  const first = terraformEnv({ TF_PROVIDER_MIRROR: mirror });
  const second = terraformEnv({ TF_PROVIDER_MIRROR: mirror });
  expect(readdirSync(tmpdir()).sort()).toEqual(before);
  expect(second.TF_CLI_CONFIG_FILE).toBe(first.TF_CLI_CONFIG_FILE);
  expect(first.TF_CLI_CONFIG_FILE).toMatch(/node_modules\/\.cache\/cognito-rbac\/terraform\/terraformrc-[0-9a-f]{16}$/);
  expect(readFileSync(first.TF_CLI_CONFIG_FILE!, 'utf8')).toContain(`path    = ${JSON.stringify(mirror)}`);
  // HashiCorp's checkpoint call (version and alert check) tries the network; offline it only prints an error.
  expect(first.CHECKPOINT_DISABLE).toBe('1');
});

test('the offline plan runs Terraform with Go\'s GC target at 400%, unless the user set GOGC', async () => {
  // A stand-in terraform on PATH records each step and the GOGC it was given.
  const bin = mkdtempSync(join(tmpdir(), 'fake-terraform-'));
  const log = join(bin, 'calls');
  writeFileSync(join(bin, 'terraform'), `#!/bin/sh\necho "$1 GOGC=$GOGC" >> '${log}'\n`, { mode: 0o755 });
  const stack = mkdtempSync(join(tmpdir(), 'stack-'));
  writeFileSync(join(stack, 'cdk.tf.json'), '{}');
  const { GOGC: _ignored, ...env } = process.env;
  env.PATH = `${bin}:${env.PATH}`;
  await planOffline(stack, 'state', env);
  await planOffline(stack, 'state', { ...env, GOGC: '150' });
  expect(PLAN_GOGC).toBe('400');
  expect(readFileSync(log, 'utf8')).toBe('init GOGC=400\nplan GOGC=400\ninit GOGC=150\nplan GOGC=150\n');
});

test('plannedChanges reads the managed resources of `terraform plan -json` and leaves out data sources', () => {
  // Terraform's machine-readable UI: one JSON object per line; a planned_change names the resource and one action.
  const line = (addr: string, type: string, action: string) =>
    JSON.stringify({ type: 'planned_change', change: { resource: { addr, resource_type: type }, action } });
  const output = [
    JSON.stringify({ type: 'version', terraform: '1.11.4' }),
    line('aws_iam_role.a', 'aws_iam_role', 'create'),
    line('data.aws_iam_policy_document.d', 'aws_iam_policy_document', 'read'),
    line('module.m["k"].data.aws_caller_identity.c', 'aws_caller_identity', 'read'),
    line('module.m.aws_s3_bucket.b', 'aws_s3_bucket', 'update'),
    JSON.stringify({ type: 'change_summary', changes: { add: 1, change: 1 } }),
    '',
  ].join('\n');
  expect(plannedChanges(output)).toEqual([
    { address: 'aws_iam_role.a', type: 'aws_iam_role', actions: ['create'] },
    { address: 'module.m.aws_s3_bucket.b', type: 'aws_s3_bucket', actions: ['update'] },
  ]);
});

test('diagnosticsText prints -json diagnostics as Terraform does without -json, keeping lines that are not JSON', () => {
  const diagnostic = (severity: string, summary: string, extra: object = {}) => JSON.stringify({ type: 'diagnostic', diagnostic: { severity, summary, ...extra } });
  const output = [
    JSON.stringify({ type: 'version', terraform: '1.11.4' }),
    diagnostic('warning', 'Deprecated attribute'),
    diagnostic('error', 'Missing required argument', { detail: 'The argument "name" is required.', range: { filename: 'cdk.tf.json', start: { line: 12 } }, snippet: { context: 'resource.aws_iam_role.a' } }),
    'panic: not json',
  ].join('\n');
  expect(diagnosticsText(output)).toBe(
    'Warning: Deprecated attribute\nError: Missing required argument (cdk.tf.json:12, resource.aws_iam_role.a)\n  The argument "name" is required.\npanic: not json',
  );
});
