import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { buildApp } from '../../stacks/app';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  listPolicyVersions,
  loadPolicyVersion,
  newestPolicyVersion,
  POLICIES_ROOT,
  PolicyTemplateError,
  renderPolicy,
} from '../../policies/loader';

/** A scratch copy of policies/v1 to break on purpose. */
function scratch(): { root: string; file: (name: string) => string } {
  const root = mkdtempSync(join(tmpdir(), 'policies-'));
  cpSync(join(POLICIES_ROOT, 'v1'), join(root, 'v1'), { recursive: true });
  return { root, file: (name) => join(root, 'v1', name) };
}

function errorOf(run: () => unknown): PolicyTemplateError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyTemplateError);
    return error as PolicyTemplateError;
  }
  throw new Error('expected a PolicyTemplateError');
}

describe('versions', () => {
  test('version folders sort numerically and the newest is the default', () => {
    const root = mkdtempSync(join(tmpdir(), 'versions-'));
    for (const v of ['v10', 'v2', 'v1', 'notes']) cpSync(join(POLICIES_ROOT, 'v1'), join(root, v), { recursive: true });
    expect(listPolicyVersions(root)).toEqual(['v1', 'v2', 'v10']);
    expect(newestPolicyVersion(root)).toBe('v10');
  });

  test('a version folder that does not exist', () => {
    const { root } = scratch();
    const error = errorOf(() => loadPolicyVersion('v7', root));
    expect(error.field).toBe('version');
    expect(error.message).toBe(`${relative(process.cwd(), join(root, 'v7'))}: version: no such policy version "v7" (have: v1)`);
  });
});

describe('rendering', () => {
  const v1 = loadPolicyVersion('v1');

  test('a list placeholder expands the string that holds it: one ARN per route', () => {
    const text = renderPolicy(v1.templates.groupPermissions, {
      executionArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123defg',
      routes: ['GET/user', 'GET/admin'],
      stage: 'api',
      group: 'Admin',
    });
    expect(JSON.parse(text)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'InvokeGroupRoutes',
          Effect: 'Allow',
          Action: 'execute-api:Invoke',
          Resource: [
            'arn:aws:execute-api:us-east-1:123456789012:abc123defg/*/GET/user',
            'arn:aws:execute-api:us-east-1:123456789012:abc123defg/*/GET/admin',
          ],
        },
      ],
    });
  });

  test('a string placeholder is substituted in place', () => {
    const text = renderPolicy(v1.templates.trust, { identityPoolId: 'us-east-1:0000' });
    expect(JSON.parse(text).Statement[0].Condition.StringEquals).toEqual({ 'cognito-identity.amazonaws.com:aud': 'us-east-1:0000' });
  });

  test('IAM policy variables are escaped so Terraform does not read them as interpolations', () => {
    const { root, file } = scratch();
    writeFileSync(
      file('group-permissions.json'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '{{executionArn}}/${cognito-identity.amazonaws.com:sub}/{{routes}}' }],
      }),
    );
    const text = renderPolicy(loadPolicyVersion('v1', root).templates.groupPermissions, {
      executionArn: '${aws_s3_bucket.b.arn}',
      routes: ['a'],
    });
    expect(JSON.parse(text).Statement[0].Resource).toEqual(['${aws_s3_bucket.b.arn}/$${cognito-identity.amazonaws.com:sub}/a']);
  });
});

describe('bad templates fail with the file and field named', () => {
  let root: string;
  let file: (name: string) => string;
  beforeEach(() => ({ root, file } = scratch()));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const shown = (name: string) => relative(process.cwd(), file(name));

  test('invalid JSON', () => {
    writeFileSync(file('trust.json'), '{ "Version": "2012-10-17", ');
    const error = errorOf(() => loadPolicyVersion('v1', root));
    expect(error.field).toBe('json');
    expect(error.message).toMatch(new RegExp(`^${shown('trust.json')}: json: invalid JSON: `));
  });

  test('an unknown placeholder', () => {
    writeFileSync(
      file('group-permissions.json'),
      JSON.stringify({ Statement: [{ Resource: '{{executionArn}}/{{stgae}}/{{routes}}' }] }),
    );
    expect(errorOf(() => loadPolicyVersion('v1', root)).message).toBe(
      `${shown('group-permissions.json')}: Statement[0].Resource: unknown placeholder {{stgae}} (allowed: {{executionArn}}, {{routes}}, {{stage}}, {{group}})`,
    );
  });

  test('a missing required placeholder: a trust policy that lost its identity-pool pin', () => {
    writeFileSync(file('trust.json'), JSON.stringify({ Statement: [{ Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': '*' } } }] }));
    expect(errorOf(() => loadPolicyVersion('v1', root)).message).toBe(
      `${shown('trust.json')}: placeholders: missing required placeholder {{identityPoolId}}`,
    );
  });

  test('a placeholder in a key', () => {
    writeFileSync(file('trust.json'), JSON.stringify({ Statement: [{ '{{identityPoolId}}': 'x' }] }));
    expect(errorOf(() => loadPolicyVersion('v1', root)).message).toBe(
      `${shown('trust.json')}: Statement[0].{{identityPoolId}}: placeholder {{identityPoolId}} is not allowed in a key`,
    );
  });

  test('a template file missing from the version', () => {
    rmSync(file('service-trust.json'));
    expect(errorOf(() => loadPolicyVersion('v1', root)).message).toBe(`${shown('service-trust.json')}: file: missing template`);
  });
});

describe('a bad template stops synth and leaves nothing behind', () => {
  test.each([
    ['invalid JSON', 'trust.json', '{ "Version": ', /trust\.json: json: invalid JSON: /],
    ['an unknown placeholder', 'lambda-execution.json', JSON.stringify({ Statement: [{ Resource: '{{logGroupArn}}{{logGroupName}}' }] }), /lambda-execution\.json: Statement\[0\]\.Resource: unknown placeholder \{\{logGroupName\}\}/],
    ['a missing placeholder', 'trust.json', JSON.stringify({ Statement: [] }), /trust\.json: placeholders: missing required placeholder \{\{identityPoolId\}\}/],
  ])('%s', (_case, name, content, message) => {
    const { root, file } = scratch();
    writeFileSync(file(name), content);
    const outdir = join(mkdtempSync(join(tmpdir(), 'bad-template-')), 'cdktf.out');
    expect(() => buildApp({ outdir, policiesRoot: root, only: ['office'] })).toThrow(message);
    expect(existsSync(outdir)).toBe(false);
  });
});
