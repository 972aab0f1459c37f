import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario, simulatedStacks } from '../../access/run-scenario';
import { loadScenario, parseScenario, ScenarioError } from '../../access/scenario';
import { synth } from '../support/synth';

const base = {
  stack: 'office',
  users: [{ name: 'John', groups: ['User'] }],
  requests: [{ method: 'GET', path: '/user' }],
};

function errorOf(raw: unknown): string {
  try {
    parseScenario(raw, 'bad.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected a ScenarioError');
}

test.each<[string, unknown, string]>([
  ['not an object', [], 'bad.json: (root): expected an object'],
  ['missing users', { ...base, users: undefined }, 'bad.json: users: expected an array'],
  ['unknown field', { ...base, user: [] }, 'bad.json: user: unknown field (allowed: stack, policyVersion, description, overrides, users, requests, expect)'],
  ['unknown method', { ...base, requests: [{ method: 'FETCH', path: '/user' }] }, 'bad.json: requests[0].method: unknown method "FETCH" (use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS)'],
  ['path syntax', { ...base, requests: [{ method: 'GET', path: 'user' }] }, 'bad.json: requests[0].path: "user" must start with / and contain no spaces'],
  ['sourceIp not an address', { ...base, users: [{ name: 'John', groups: [], sourceIp: '300.1.1.1' }] }, 'bad.json: users[0].sourceIp: "300.1.1.1" is not an IPv4 or IPv6 address'],
  ['apiKey not a boolean', { ...base, users: [{ name: 'John', groups: [], apiKey: 'yes' }] }, 'bad.json: users[0].apiKey: expected true or false'],
  ['malformed expect value', { ...base, expect: { John: { 'GET /user': 'ok' } } }, 'bad.json: expect.John.GET /user: expected an HTTP status, "no-credentials", "allowed", "explicitDeny" or "implicitDeny", got "ok"'],
  ['expect for an unknown user', { ...base, expect: { Jon: {} } }, 'bad.json: expect.Jon: unknown user "Jon"'],
  ['expect for an unknown request', { ...base, expect: { John: { 'GET /users': 200 } } }, 'bad.json: expect.John.GET /users: unknown request "GET /users"'],
  ['duplicate user', { ...base, users: [base.users[0], base.users[0]] }, 'bad.json: users[1].name: duplicate user "John"'],
  ['pool other than foreign', { ...base, users: [{ name: 'X', groups: [], pool: 'other' }] }, 'bad.json: users[0].pool: expected "foreign", got "other"'],
  ['action that is not service:Action', { ...base, requests: [{ action: 'PutObject', resource: '*' }] }, 'bad.json: requests[0].action: "PutObject" is not service:Action'],
  // What-if overrides are checked against the pinned AWS provider's schema (@cdktf/provider-aws bindings).
  ['override of the wrong type', { ...base, overrides: [{ type: 'aws_cognito_identity_pool', set: { allow_classic_flow: 'yes' } }] }, 'bad.json: overrides[0].set.allow_classic_flow: expected true or false, got "yes"'],
  ['override with a number as text', { ...base, overrides: [{ type: 'aws_cognito_user_group', set: { precedence: '0' } }] }, 'bad.json: overrides[0].set.precedence: expected a number, got "0"'],
  ['override of a block with a string', { ...base, overrides: [{ type: 'aws_cognito_identity_pool_roles_attachment', set: { role_mapping: 'Token' } }] }, 'bad.json: overrides[0].set.role_mapping: expected a block (an object or a list of objects), got "Token"'],
  ['override of an attribute the resource lacks', { ...base, overrides: [{ type: 'aws_cognito_identity_pool', set: { allow_classic: true } }] }, 'bad.json: overrides[0].set.allow_classic: aws_cognito_identity_pool has no attribute "allow_classic"'],
  ['override of a type the provider lacks', { ...base, overrides: [{ type: 'aws_cognito_pool', set: {} }] }, 'bad.json: overrides[0].type: "aws_cognito_pool" is not a resource type of the pinned AWS provider'],
])('%s', (_case, raw, message) => {
  expect(errorOf(raw)).toBe(message);
});

test('an override may use a Terraform expression wherever a value goes, as cdktf writes references', () => {
  const raw = { ...base, overrides: [{ type: 'aws_cognito_user_group', name: 'x', set: { precedence: '${var.precedence}' } }] };
  expect(parseScenario(raw, 'ok.json').overrides).toEqual([{ type: 'aws_cognito_user_group', name: 'x', set: { precedence: '${var.precedence}' } }]);
});

test('a file that is not JSON names the file', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'scenario-')), 'broken.json');
  writeFileSync(file, '{ "stack": ');
  expect(() => loadScenario(file)).toThrow(new RegExp(`^${file}: \\(file\\): not a readable JSON file: `));
});

describe('names checked against the synthesized stack', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = synth().outdir;
  });
  const run = (raw: unknown) => runScenario(parseScenario(raw, 'bad.json'), outdir);

  test('an unknown stack', async () => {
    // Every synthesized stack with an identity pool can be simulated.
    await expect(run({ ...base, stack: 'shop' })).rejects.toThrow(`bad.json: stack: unknown stack "shop" (have: ${simulatedStacks(outdir).join(', ')})`);
    expect(simulatedStacks(outdir)).toContain('office');
  });

  test('an unknown group', async () => {
    await expect(run({ ...base, users: [{ name: 'John', groups: ['Users'] }] })).rejects.toThrow(
      'bad.json: users[0].groups[0]: unknown group "Users" (stack office has: Admin, User)',
    );
  });

  test('an unknown customRole group', async () => {
    await expect(run({ ...base, users: [{ name: 'John', groups: ['User'], customRole: 'Root' }] })).rejects.toThrow(
      'bad.json: users[0].customRole: unknown group "Root" (stack office has: Admin, User)',
    );
  });

  test('an override that matches nothing', async () => {
    await expect(run({ ...base, overrides: [{ type: 'aws_cognito_identity_pool', name: 'nope', set: {} }] })).rejects.toThrow(
      'bad.json: overrides[0]: no aws_cognito_identity_pool.nope in stack office',
    );
  });
});

test('a user cannot forge a claim Cognito sets itself', () => {
  expect(errorOf({ ...base, users: [{ name: 'John', groups: [], attributes: { 'cognito:preferred_role': 'arn:aws:iam::123456789012:role/x' } }] })).toBe(
    'bad.json: users[0].attributes.cognito:preferred_role: Cognito sets this claim itself; no user can put it in a token',
  );
});
