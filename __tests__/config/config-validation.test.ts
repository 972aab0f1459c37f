import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppConfig } from '../../stacks/config';
import { officeFixture } from '../fixtures/configs';
import { ConfigError, validateConfig } from '../../stacks/config-validation';
import { buildApp } from '../../stacks/app';
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
    'invalid config: groups[1].precedence: must be a non-negative integer',
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

test('main.ts exits non-zero on an unknown policy version and leaves no cdktf.out', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'bad-version-'));
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'main.ts')], {
    cwd,
    env: { ...process.env, POLICY_VERSION: 'v99' },
    encoding: 'utf8',
  });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain('invalid config: policyVersion: unknown policy version "v99"');
  expect(existsSync(join(cwd, 'cdktf.out'))).toBe(false);
});
