import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { checkModels } from '../../guardrails/engine';
import { synthesizedStackFiles } from '../../guardrails/files';
import { readSynth } from '../../model';
import { codeSuppressions } from '../../stacks/suppress';
import { loadPolicyVersion, newestPolicyVersion } from '../../policies/loader';
import type { RouteKey } from '../../stacks/config';
import { ConfigError } from '../../stacks/config-validation';
import { AppDefinition, appGroups, AppsConfig, generateApps, QUOTAS, validateAppsConfig } from '../../stacks/apps-config';
import { appsFixture } from '../fixtures/configs';
import { AppsStack } from '../../stacks/apps-stack';

const policies = loadPolicyVersion(newestPolicyVersion());
const [app01, app02] = appsFixture.apps as [AppDefinition, AppDefinition];
const withApps = (apps: AppDefinition[], extra: Partial<AppsConfig> = {}): AppsConfig => ({ ...appsFixture, ...extra, apps });
/** app01 with role A granted `count` separate paths: a config that outgrows IAM's inline policy quota. */
const hugeRoleApp = (count: number): AppDefinition => ({
  ...app01,
  roles: [{ name: 'A', description: 'A with many pages', routes: Array.from({ length: count }, (_, i) => `GET /a/page${i}` as RouteKey) }, ...app01.roles.slice(1)],
});

function errorOf(config: AppsConfig): string {
  try {
    validateAppsConfig(config, policies);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

test('the fixture config: the article’s 10 apps × roles A, B, C, each role owning GET /<role> and its subtree', () => {
  expect(() => validateAppsConfig(appsFixture, policies)).not.toThrow();
  expect(appsFixture.apps.map((a) => a.name)).toEqual(['app01', 'app02', 'app03', 'app04', 'app05', 'app06', 'app07', 'app08', 'app09', 'app10']);
  const groups = appGroups(appsFixture);
  expect(groups).toHaveLength(30);
  expect(groups[4]).toEqual({
    app: 'app02',
    role: 'B',
    name: 'app02-B',
    roleName: 'apps-dev-app02-B',
    precedence: 4,
    description: 'Role B in app02',
    routes: [
      { method: 'GET', path: '/app02/b' },
      { method: 'GET', path: '/app02/b/*' },
    ],
    field: 'apps[1].roles[1]',
  });
});

test('generated names stay sortable past 99 apps', () => {
  expect(generateApps(100).map((a) => a.name).slice(-2)).toEqual(['app099', 'app100']);
  expect(() => validateAppsConfig(withApps(generateApps(100)), policies)).not.toThrow();
});

test.each<[string, AppsConfig, string]>([
  ['a duplicate app', withApps([app01, { ...app02, name: 'app01' }]), 'invalid config: apps.apps[1].name: duplicate app "app01" (also apps.apps[0])'],
  ['an app name that cannot be a path segment and group prefix', withApps([{ ...app01, name: 'App 1' }]), 'invalid config: apps.apps[0].name: "App 1" must match /^[a-z][a-z0-9]{0,19}$/'],
  [
    'role names that differ only in case (IAM role names ignore case)',
    withApps([{ ...app01, roles: [app01.roles[0]!, { ...app01.roles[1]!, name: 'a' }] }]),
    'invalid config: apps.apps[0].roles[1].name: duplicate role "a" in app01 (also apps.apps[0].roles[0]; IAM role names ignore case)',
  ],
  ['an app with no roles', withApps([{ ...app01, roles: [] }]), 'invalid config: apps.apps[0].roles: declare at least one role'],
  // CloudWatch Logs API Reference, PutRetentionPolicy: retentionInDays takes only the listed values.
  ['a log retention CloudWatch does not accept', withApps([app01], { logRetentionDays: 31 }), 'invalid config: apps.logRetentionDays: 31 is not a CloudWatch Logs retention value (nearest: 30; allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)'],
  // API Gateway accepts a zero rate limit, then answers every request with 429 Too Many Requests.
  ['zero throttling', withApps([app01], { api: { ...appsFixture.api, throttlingRateLimit: 0 } }), 'invalid config: apps.api.throttlingRateLimit: 0: must be a positive number of requests per second (0 throttles every request with 429)'],
  ['a role with no routes', withApps([{ ...app01, roles: [{ ...app01.roles[0]!, routes: [] }] }]), 'invalid config: apps.apps[0].roles[0].routes: grant at least one route'],
  [
    'a route with a path parameter (IAM grants name real paths)',
    withApps([{ ...app01, roles: [{ ...app01.roles[0]!, routes: ['GET /a/{id}'] }] }]),
    'invalid config: apps.apps[0].roles[0].routes[0]: "/a/{id}" must be literal segments under the app, optionally ending in /*',
  ],
  [
    'a route at the app root, which /{app}/{proxy+} cannot serve',
    withApps([{ ...app01, roles: [{ ...app01.roles[0]!, routes: ['GET /'] }] }]),
    'invalid config: apps.apps[0].roles[0].routes[0]: "/" must be literal segments under the app, optionally ending in /*',
  ],
  [
    'a route without a method',
    withApps([{ ...app01, roles: [{ ...app01.roles[0]!, routes: ['FETCH /a' as RouteKey] }] }]),
    'invalid config: apps.apps[0].roles[0].routes[0]: "FETCH /a" does not start with an HTTP method',
  ],
  ['no apps', withApps([]), 'invalid config: apps.apps: declare at least one app'],
  [
    'more groups than a user pool holds (10,000)',
    withApps(generateApps(3334)),
    'invalid config: apps.apps: 10002 (app, role) groups; a Cognito user pool holds at most 10,000 groups',
  ],
  [
    'more IAM roles than the account’s quota',
    withApps(generateApps(400)),
    "invalid config: apps.apps: 1202 IAM roles (1200 group roles, the identity pool's default role, the Lambda's) exceed the account's quota of 1,000 (apps.quotas.iamRolesPerAccount; AWS grants at most 5,000), before counting the roles the account already has",
  ],
  [
    'a quota AWS never grants',
    { ...appsFixture, quotas: { iamRolesPerAccount: 6000 } },
    'invalid config: apps.quotas.iamRolesPerAccount: 6000 is not a possible IAM roles quota (1 to 5000)',
  ],
  [
    'a role whose policy outgrows IAM’s 10,240 characters',
    withApps([hugeRoleApp(80), app02]),
    "invalid config: apps.apps[0].roles[0].routes: 80 routes make role apps-dev-app01-A's policy about 12854 characters; IAM allows 10,240 per role (use a subtree, e.g. \"GET /b/*\", instead of listing paths)",
  ],
  [
    'a role name over IAM’s 64 characters',
    { ...appsFixture, environment: 'staging-eu-customer-1', apps: [{ ...app01, name: 'customerrelations', roles: [{ ...app01.roles[0]!, name: 'AdministratorsGroupX' }] }] },
    'invalid config: apps.apps[0].roles[0].name: role name "apps-staging-eu-customer-1-customerrelations-AdministratorsGroupX" is 65 characters; IAM allows 64',
  ],
])('%s stops synth with the field named', (_name, config, message) => {
  expect(errorOf(config)).toBe(message);
});

test('a raised IAM roles quota admits 400 apps × 3 roles', () => {
  expect(() => validateAppsConfig(withApps(generateApps(400), { quotas: { iamRolesPerAccount: 2000 } }), policies)).not.toThrow();
  expect(QUOTAS.groupsPerUser).toBe(100);
});

test('IAM-004 fires too: the guardrail refuses the oversized role when a stack skips validation', async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'apps-huge-'));
  try {
    const app = new App({ outdir });
    const config = withApps([hugeRoleApp(80), app02]);
    new AppsStack(app, 'apps', { config, settings: { stateBucket: 'b', stateRegion: 'us-east-1', localState: false }, policies });
    app.synth();
    const results = await checkModels(synthesizedStackFiles(outdir).map((file) => readSynth(file)), codeSuppressions(app));
    const blocking = results.filter((r) => r.severity === 'error' && !r.suppressed);
    expect(blocking.map((r) => [r.rule, r.resource])).toEqual([['IAM-004', 'aws_iam_role.identities_role-app01-A_49E1DE2B']]);
    expect(blocking[0]!.message).toMatch(
      // The same size synth-time validation computes: both count the rendered policy without whitespace.
      /^inline policies total 12854 characters \(aws_iam_role_policy\.role-app01-A-invoke\), over IAM's 10240 per role$/,
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
