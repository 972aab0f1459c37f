import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppConfig } from '../../stacks/config';
import { FIXTURE_CONFIGS, officeFixture } from '../fixtures/configs';
import { ConfigError, validateConfig } from '../../stacks/config-validation';
import { buildApp } from '../../stacks/app';
import { isInputError } from '../../stacks/input-error';
import { POLICIES_ROOT } from '../../policies/loader';

const ROOT = resolve(__dirname, '..', '..');
const [admin, user] = officeFixture.groups as [AppConfig['groups'][0], AppConfig['groups'][0]];

function errorOf(config: AppConfig): string {
  try {
    validateConfig(config, POLICIES_ROOT);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

test('the fixture config is valid', () => {
  expect(() => validateConfig(officeFixture, POLICIES_ROOT)).not.toThrow();
});

test.each<[string, AppConfig, string]>([
  [
    'duplicate group name',
    { ...officeFixture, groups: [admin, { ...user, name: 'Admin' }] },
    'invalid config: groups[1].name: duplicate group "Admin" (also groups[0])',
  ],
  [
    'tied precedence across groups with different roles',
    { ...officeFixture, groups: [admin, { ...user, precedence: 0 }] },
    'invalid config: groups[1].precedence: precedence 0 is also used by groups[0] with a different role; Cognito would then issue no preferred role and the identity pool would deny both',
  ],
  [
    'missing precedence',
    { ...officeFixture, groups: [admin, { ...user, precedence: undefined as unknown as number }] },
    "invalid config: groups[1].precedence: must be an integer from 0 to 2147483647 (Cognito's maximum)",
  ],
  [
    'route with an unknown handler',
    { ...officeFixture, routes: [...officeFixture.routes, { method: 'GET', path: '/boss', handler: 'boss' }] },
    'invalid config: routes[2].handler: unknown handler "boss"',
  ],
  [
    'group calling an undeclared route',
    { ...officeFixture, groups: [{ ...admin, routes: ['GET /user', 'DELETE /admin'] }, user] },
    'invalid config: groups[0].routes[1]: undeclared route "DELETE /admin"',
  ],
  [
    'unknown policy version',
    { ...officeFixture, policyVersion: 'v99' },
    'invalid config: policyVersion: unknown policy version "v99" (have: v1, v2)',
  ],
  ['invalid region', { ...officeFixture, region: 'moon-1' }, 'invalid config: region: "moon-1" is not an AWS region name'],
  [
    'duplicate route',
    { ...officeFixture, routes: [...officeFixture.routes, { method: 'GET', path: '/user', handler: 'admin' }] },
    'invalid config: routes[2]: duplicate route "GET /user" (also routes[0])',
  ],
  [
    'path that API Gateway cannot express',
    { ...officeFixture, routes: [{ method: 'GET', path: 'user', handler: 'user' }] },
    'invalid config: routes[0].path: "user" is not an API Gateway resource path',
  ],
  // What AWS would reject only at apply time (or accept and then behave oddly), each with the rule it encodes.
  [
    // IAM User Guide, CreateRole: role names are unique without regard to case; each group names a role.
    'group names that differ only by case',
    { ...officeFixture, groups: [admin, { ...user, name: 'admin' }] },
    'invalid config: groups[1].name: "admin" differs from groups[0] "Admin" only by case; IAM role names ignore case, so both would be one role',
  ],
  [
    // The identity pool's default role is <prefix>-authenticated-default (stacks/constructs/identity-pool.ts).
    "a group whose role is the identity pool's default role",
    { ...officeFixture, groups: [admin, { ...user, name: 'Authenticated-Default' }] },
    "invalid config: groups[1].name: its role \"office-dev-Authenticated-Default\" would be the same IAM role as the identity pool's default role",
  ],
  [
    // Each handler's Lambda runs as <prefix>-<handler>-exec (stacks/constructs/node-function.ts).
    "a group whose role is a handler's execution role",
    { ...officeFixture, groups: [admin, { ...user, name: 'user-exec' }] },
    "invalid config: groups[1].name: its role \"office-dev-user-exec\" would be the same IAM role as handler user's execution role",
  ],
  [
    // IAM User Guide, IAM object quotas: role name up to 64 characters.
    'a group whose role name exceeds IAM’s 64 characters',
    { ...officeFixture, environment: 'staging-eu-customer-1', groups: [admin, { ...user, name: 'OfficeStaffOfTheEuropeanCustomerAccounts' }] },
    'invalid config: groups[1].name: role name "office-staging-eu-customer-1-OfficeStaffOfTheEuropeanCustomerAccounts" is 69 characters; IAM allows 64',
  ],
  [
    // Cognito CreateGroup GroupName pattern [\p{L}\p{M}\p{S}\p{N}\p{P}]+ and IAM role names admit no whitespace.
    'a group name with a space',
    { ...officeFixture, groups: [admin, { ...user, name: 'Office Staff' }] },
    'invalid config: groups[1].name: "Office Staff" contains whitespace; Cognito group and IAM role names allow none',
  ],
  [
    // The group also names the Terraform output role_arn_<group>: Terraform identifiers take letters, digits, _ and -.
    'a group name Terraform cannot use in an output name',
    { ...officeFixture, groups: [admin, { ...user, name: 'staff.eu' }] },
    'invalid config: groups[1].name: "staff.eu" must match /^[A-Za-z0-9_-]{1,40}$/',
  ],
  [
    // Amazon Cognito API Reference, CreateGroup: Precedence is a non-negative Integer (2^31-1 at most).
    "a precedence beyond Cognito's maximum",
    { ...officeFixture, groups: [admin, { ...user, precedence: 2 ** 31 }] },
    "invalid config: groups[1].precedence: must be an integer from 0 to 2147483647 (Cognito's maximum)",
  ],
  [
    'a group with no routes',
    { ...officeFixture, groups: [admin, { ...user, routes: [] }] },
    'invalid config: groups[1].routes: grants nothing: give the group at least one route (or remove it)',
  ],
  [
    // API Gateway Developer Guide, "Set up a proxy integration with a proxy resource": {proxy+} matches the rest
    // of the path, so API Gateway cannot create a resource below it.
    'a greedy {proxy+} that is not the last path part',
    { ...officeFixture, routes: [...officeFixture.routes, { method: 'GET', path: '/files/{proxy+}/meta', handler: 'user' }] },
    'invalid config: routes[2].path: "/files/{proxy+}/meta": the greedy "{proxy+}" must be the last path part',
  ],
  [
    // API Gateway CreateResource: one variable path part per parent ("A sibling ({id}) of this resource already
    // has a variable path part -- only one is allowed").
    'sibling path parameters',
    {
      ...officeFixture,
      routes: [...officeFixture.routes, { method: 'GET', path: '/users/{id}', handler: 'user' }, { method: 'DELETE', path: '/users/{name}', handler: 'admin' }],
    },
    'invalid config: routes[3].path: "{name}" under "/users" is a sibling of "{id}" (routes[2]); API Gateway allows one variable path part per resource',
  ],
  [
    'a route path with a space',
    { ...officeFixture, routes: [...officeFixture.routes, { method: 'GET', path: '/my reports', handler: 'user' }] },
    'invalid config: routes[2].path: "/my reports" is not an API Gateway resource path (it contains whitespace)',
  ],
  [
    // Lambda API Reference, CreateFunction: FunctionName is 1-64 of [a-zA-Z0-9-_]; the handler key is part of it.
    'a handler key with a space',
    { ...officeFixture, handlers: { ...officeFixture.handlers, 'monthly report': { entry: 'lambdas/user.ts', description: 'x' } } },
    'invalid config: handlers.monthly report: Lambda function name "office-dev-monthly report" must be 1-64 letters, digits, "-" or "_"',
  ],
  [
    // esbuild would fail at synth with a stack trace; README: a new handler is one line plus its file in lambdas/.
    'a handler whose file does not exist',
    { ...officeFixture, handlers: { ...officeFixture.handlers, reports: { entry: 'lambdas/no-such-handler.ts', description: 'Reports' } } },
    'invalid config: handlers.reports.entry: no such file "lambdas/no-such-handler.ts" (paths are relative to the project root)',
  ],
  [
    // CloudWatch Logs API Reference, PutRetentionPolicy: retentionInDays takes only the listed values.
    'a log retention CloudWatch does not accept',
    { ...officeFixture, logRetentionDays: 45 },
    'invalid config: logRetentionDays: 45 is not a CloudWatch Logs retention value (nearest: 30; allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)',
  ],
  [
    // API Gateway accepts a zero burst limit, then answers every request with 429 Too Many Requests.
    'zero throttling burst',
    { ...officeFixture, api: { ...officeFixture.api, throttlingBurstLimit: 0 } },
    'invalid config: api.throttlingBurstLimit: 0: must be a positive integer (0 throttles every request with 429)',
  ],
  [
    'zero throttling rate',
    { ...officeFixture, api: { ...officeFixture.api, throttlingRateLimit: 0 } },
    'invalid config: api.throttlingRateLimit: 0: must be a positive number of requests per second (0 throttles every request with 429)',
  ],
  [
    // Amazon S3 User Guide, general purpose bucket naming rules.
    'a state bucket name S3 refuses',
    { ...officeFixture, state: { ...officeFixture.state, bucket: 'Office_State' } },
    'invalid config: state.bucket: "Office_State" is not an S3 bucket name (3-63 lowercase letters, digits, "-" or ".")',
  ],
])('%s stops synth with the field named', (_case, config, message) => {
  expect(errorOf(config)).toBe(message);
});

test('a bad config throws before anything is written', () => {
  const outdir = join(mkdtempSync(join(tmpdir(), 'bad-config-')), 'cdktf.out');
  expect(() => buildApp({ outdir, config: { ...officeFixture, region: 'nowhere' } }).synth()).toThrow(
    'invalid config: region: "nowhere" is not an AWS region name',
  );
  expect(existsSync(outdir)).toBe(false);
});

test('a handler that does not compile stops synth with one line naming its file and position', () => {
  const dir = mkdtempSync(join(tmpdir(), 'broken-handler-'));
  writeFileSync(join(dir, 'broken.ts'), "export const handler = async () => ({ statusCode: 200, body: 'x' ;\n");
  const entry = relative(ROOT, join(dir, 'broken.ts'));
  const outdir = join(dir, 'cdktf.out');
  const config = { ...officeFixture, handlers: { ...officeFixture.handlers, user: { entry, description: 'Does not compile' } } };
  let error: unknown;
  try {
    buildApp({ ...FIXTURE_CONFIGS, config, outdir, only: ['office'] });
  } catch (caught) {
    error = caught;
  }
  // esbuild's first error, as main.ts and npm start print it: no stack trace, no multi-line build log.
  expect(isInputError(error)).toBe(true);
  expect((error as Error).message).toBe(`handler ${entry} does not build: ${entry}:1:66: Expected "}" but found ";"`);
  expect(existsSync(outdir)).toBe(false);
});

test('main.ts (so cdktf synth) on a config error: one line, no stack trace, no stacks or report of an earlier synth left', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'bad-version-'));
  const outdir = join(cwd, 'cdktf.out');
  buildApp({ ...FIXTURE_CONFIGS, outdir, only: ['office'] }).synth();
  writeFileSync(join(outdir, 'access-report.html'), 'all 10 scenarios match');
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, join(ROOT, 'main.ts')], {
    cwd,
    env: { ...process.env, POLICY_VERSION: 'v99' },
    encoding: 'utf8',
  });
  expect([run.status, run.stderr]).toEqual([1, 'invalid config: policyVersion: unknown policy version "v99" (have: v1, v2)\n']);
  // `check` and `cdktf deploy` must not find the earlier stacks and take them for this config.
  expect(existsSync(outdir)).toBe(false);
});
