import { join } from 'node:path';
import { diffVersions } from '../../access/diff';
import { runScenario } from '../../access/run-scenario';
import { loadScenario, parseScenario } from '../../access/scenario';
import { listPolicyVersions } from '../../policies/loader';
import { synth } from '../support/synth';

const office = loadScenario(join(__dirname, '..', '..', 'scenarios', 'office.json'));
const outdirs = new Map<string, string>();
beforeAll(() => {
  for (const version of listPolicyVersions()) outdirs.set(version, synth({ settings: { policyVersion: version } }).outdir);
});
const newest = () => outdirs.get(listPolicyVersions().at(-1)!)!;

describe.each(listPolicyVersions())('policies %s', (version) => {
  test('John may call /user only; Rose may call both (the product requirement)', async () => {
    const run = await runScenario({ ...office, policyVersion: version }, outdirs.get(version)!);
    const cells = run.results.map((r) => [r.user, r.request, r.status, r.role, JSON.parse(r.body || '{}').message ?? null]);
    expect(cells).toEqual([
      ['John', 'GET /user', 200, 'office-dev-User', 'Hello user'],
      ['John', 'GET /admin', 403, 'office-dev-User', null],
      ['Rose', 'GET /user', 200, 'office-dev-Admin', 'Hello user'], // Admin has precedence 0, so it is Rose's preferred role
      ['Rose', 'GET /admin', 200, 'office-dev-Admin', 'Hello admin'],
    ]);
  });
});

test('diff v1 → v2: John’s /admin denial becomes explicit; nothing else changes', async () => {
  const rows = await diffVersions(office, { version: 'v1', outdir: outdirs.get('v1')! }, { version: 'v2', outdir: outdirs.get('v2')! });
  expect(rows.map((r) => [r.user, r.request, r.from.outcome, r.from.decision, r.to.outcome, r.to.decision])).toEqual([
    ['John', 'GET /admin', 403, 'implicitDeny', 403, 'explicitDeny'],
  ]);
  // API Gateway appends " with an explicit deny" only when a Deny statement matched.
  expect(JSON.parse(rows[0]!.to.body).Message).toMatch(/^User: arn:aws:sts::123456789012:assumed-role\/office-dev-User\/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:[a-z0-9]{10}\/api\/GET\/admin with an explicit deny$/);
  expect(JSON.parse(rows[0]!.from.body).Message).not.toContain('explicit deny');
});

test('v1 allows another stage of the same API; v2 pins the deployed stage (what-if: a second stage exists)', async () => {
  // A hand-added stage `test` (as an override renaming the only stage) shows what v1's `*` stage grants.
  const scenario = parseScenario(
    {
      stack: 'office',
      overrides: [{ type: 'aws_api_gateway_stage', set: { stage_name: 'test' } }],
      users: [{ name: 'John', groups: ['User'] }],
      requests: [{ method: 'GET', path: '/user', stage: 'test' }],
    },
    'inline.json',
  );
  const v1 = await runScenario(scenario, outdirs.get('v1')!);
  const v2 = await runScenario(scenario, outdirs.get('v2')!);
  expect([v1.results[0]!.status, v1.results[0]!.decision]).toEqual([200, 'allowed']);
  expect([v2.results[0]!.status, v2.results[0]!.decision]).toEqual([403, 'explicitDeny']);
});

test('a request-level customRole asks for that group’s role for that request only', async () => {
  const scenario = parseScenario(
    {
      stack: 'office',
      users: [{ name: 'Rose', groups: ['Admin', 'User'] }],
      requests: [
        { id: 'as Admin', method: 'GET', path: '/admin' },
        { id: 'as User', method: 'GET', path: '/admin', customRole: 'User' },
      ],
    },
    'inline.json',
  );
  const run = await runScenario(scenario, newest());
  // Token mapping: a CustomRoleArn found in cognito:roles is honoured; User's role cannot invoke /admin.
  expect(run.results.map((r) => [r.request, r.status, r.role])).toEqual([
    ['as Admin', 200, 'office-dev-Admin'],
    ['as User', 403, 'office-dev-User'],
  ]);
});
