import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ClientError } from '../../client/errors';
import { groupOfRole, groupRoleArn, parseOutputs, readStackOutputs, roleName } from '../../client/stack-outputs';
import { OUTPUTS, terraformShape } from './support/outputs';

const EXPECTED = {
  stack: 'office',
  region: 'us-east-1',
  userPoolId: 'us-east-1_AbCdEfGhI',
  userPoolClientId: 'client123',
  identityPoolId: 'us-east-1:11111111-2222-4333-a444-555555555555',
  apiInvokeUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/api',
  groupRoles: { Admin: OUTPUTS.role_arn_Admin, User: OUTPUTS.role_arn_User },
};

const folders: string[] = [];
/** A temp folder, removed after each test. */
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'client-outputs-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function stackFolder(): string {
  const outdir = tempFolder();
  mkdirSync(join(outdir, 'stacks', 'office'), { recursive: true });
  return outdir;
}

async function failure(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  return error as ClientError;
}

describe('parseOutputs', () => {
  test("terraform output -json, a flat object and cdktf's --outputs-file all read the same", () => {
    expect(parseOutputs(terraformShape(OUTPUTS), 'x', 'office')).toEqual(EXPECTED);
    expect(parseOutputs(OUTPUTS, 'x', 'office')).toEqual(EXPECTED);
    expect(parseOutputs({ office: OUTPUTS }, 'x', 'office')).toEqual(EXPECTED);
  });

  test('a missing output is named, with where it was read', () => {
    const { identity_pool_id: _gone, ...rest } = OUTPUTS;
    expect(() => parseOutputs(terraformShape(rest), 'terraform output -json in /x', 'office')).toThrow(
      'stack "office" has no output "identity_pool_id" (terraform output -json in /x): redeploy it with this version of the code (npx cdktf deploy office)',
    );
  });

  test('no outputs at all means the stack is not deployed', () => {
    expect(() => parseOutputs({}, 'terraform output -json in /x', 'office')).toThrow(
      'stack "office" has no outputs (terraform output -json in /x): it is not deployed yet; run npx cdktf deploy office',
    );
  });

  describe('api_invoke_url: the signed request and its session token go only to API Gateway, or to this machine in tests', () => {
    const read = (url: string, region = 'us-east-1') => () => parseOutputs({ ...OUTPUTS, region, api_invoke_url: url }, 'outputs.json', 'office');
    const expected = (why: string, region = 'us-east-1') =>
      `outputs.json: output "api_invoke_url" ${why}; expected https://<api-id>.execute-api.${region}.amazonaws.com/<stage>`;

    test("a stage's default endpoint, https://{restapi_id}.execute-api.{region}.amazonaws.com/{stage_name} (API Gateway Developer Guide)", () => {
      expect(read('https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/', 'eu-west-1')().apiInvokeUrl).toBe(
        'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
      );
      // China regions: amazonaws.com.cn.
      expect(read('https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/api', 'cn-north-1')().apiInvokeUrl).toBe(
        'https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/api',
      );
      // Tests: a stand-in API on a loopback address, http or https.
      expect(read('http://127.0.0.1:8123/api')().apiInvokeUrl).toBe('http://127.0.0.1:8123/api');
      expect(read('https://localhost:8443/api')().apiInvokeUrl).toBe('https://localhost:8443/api');
    });

    test('refused: plain http, another host, another region, no stage, extras in the URL', () => {
      expect(read('http://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/api')).toThrow(expected('uses http, not https'));
      expect(read('https://api.example.com/api')).toThrow(expected('is not an API Gateway execute-api host (api.example.com)'));
      expect(read('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com.example.com/api')).toThrow(
        expected('is not an API Gateway execute-api host (a1b2c3d4e5.execute-api.us-east-1.amazonaws.com.example.com)'),
      );
      expect(read('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com:8443/api')).toThrow(
        expected('is not an API Gateway execute-api host (a1b2c3d4e5.execute-api.us-east-1.amazonaws.com:8443)'),
      );
      // SigV4 signs for the stack's region: an API in another region would refuse the signature.
      expect(read('https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/api')).toThrow(
        expected('is in region eu-west-1, but the stack\'s output "region" is us-east-1'),
      );
      expect(read('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com')).toThrow(expected('does not end with exactly one path segment, the stage'));
      expect(read('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/api/user')).toThrow(
        expected('does not end with exactly one path segment, the stage'),
      );
      expect(read('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/api?x=1')).toThrow(expected('carries a user name, password, query or fragment'));
      expect(read('https://me:pw@a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/api')).toThrow(
        expected('carries a user name, password, query or fragment'),
      );
      expect(read('execute-api')).toThrow(expected('is not a URL'));
      expect(read('http://127.0.0.1.example.com/api')).toThrow(expected('uses http, not https'));
    });
  });

  test('group roles: by name, and back from an ARN or an assumed-role caller ARN', () => {
    const outputs = parseOutputs(OUTPUTS, 'x', 'office');
    expect(groupRoleArn(outputs, 'User')).toBe(OUTPUTS.role_arn_User);
    expect(() => groupRoleArn(outputs, 'Visitor')).toThrow(
      '--role is not a group of stack "office" (it has no role_arn_<Group> output for it): its groups are Admin, User',
    );
    expect(groupOfRole(outputs, 'arn:aws:sts::123456789012:assumed-role/office-dev-Admin/CognitoIdentityCredentials')).toBe('Admin');
    expect(groupOfRole(outputs, OUTPUTS.role_arn_User)).toBe('User');
    expect(roleName('arn:aws:iam::1:role/some/path/office-dev-User')).toBe('office-dev-User');
  });
});

describe('readStackOutputs', () => {
  test('runs `terraform output -json` in <outdir>/stacks/<stack> (the real Terraform, reading a local state)', async () => {
    const outdir = stackFolder();
    const dir = join(outdir, 'stacks', 'office');
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ output: { region: { value: 'us-east-1' } } }));
    writeFileSync(
      join(dir, 'terraform.tfstate'),
      JSON.stringify({ version: 4, terraform_version: '1.10.0', serial: 1, lineage: 'client-test', outputs: terraformShape(OUTPUTS), resources: [] }),
    );
    await expect(readStackOutputs({ stack: 'office', outdir })).resolves.toEqual(EXPECTED);
  });

  test('the terraform child process gets the environment without the client\'s secrets', async () => {
    // A `terraform` first on PATH that records its environment and prints outputs: the real child-process path.
    const bin = tempFolder();
    const seen = join(bin, 'env.txt');
    writeFileSync(join(bin, 'outputs.json'), JSON.stringify(terraformShape(OUTPUTS)));
    writeFileSync(join(bin, 'terraform'), `#!/bin/sh\nenv > '${seen}'\ncat '${join(bin, 'outputs.json')}'\n`);
    chmodSync(join(bin, 'terraform'), 0o755);
    const env = {
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      OFFICE_PASSWORD: 'Shared-Passw0rd!',
      OFFICE_PASSWORD_JOHN: 'Johns-Passw0rd!',
      OFFICE_NEW_PASSWORD_JOHN: 'New-Johns-Passw0rd!',
      OFFICE_MFA_CODE: '123456',
      AWS_PROFILE: 'deploy',
    };
    await expect(readStackOutputs({ stack: 'office', outdir: stackFolder(), env })).resolves.toEqual(EXPECTED);
    const names = readFileSync(seen, 'utf8').split('\n').map((line) => line.split('=')[0]);
    expect(names).toEqual(expect.arrayContaining(['AWS_PROFILE', 'TF_IN_AUTOMATION', 'PATH']));
    expect(names.filter((name) => name.startsWith('OFFICE_'))).toEqual([]);
  });

  test("Terraform's failure is reported with a hint to deploy", async () => {
    const outdir = stackFolder();
    const error = await failure(
      readStackOutputs({ stack: 'office', outdir, runTerraform: () => Promise.reject(new Error('Backend initialization required')) }),
    );
    expect(error.step).toBe('outputs');
    expect(error.message).toMatch(/could not read the outputs of stack "office" with `terraform output -json`/);
    expect(error.message).toMatch(/npx cdktf deploy office/);
    expect(error.message).toMatch(/Backend initialization required/);
  });

  test('a stack that was never synthesized or deployed', async () => {
    const outdir = tempFolder();
    const error = await failure(readStackOutputs({ stack: 'office', outdir }));
    expect(error.message).toBe(`${join(outdir, 'stacks', 'office')} does not exist: deploy the stack first (npx cdktf deploy office), or pass --outputs <file>`);
  });

  test('an outputs file', async () => {
    const file = join(tempFolder(), 'outputs.json');
    writeFileSync(file, JSON.stringify({ office: OUTPUTS }));
    await expect(readStackOutputs({ stack: 'office', outputsFile: file })).resolves.toEqual(EXPECTED);
    const error = await failure(readStackOutputs({ stack: 'office', outputsFile: `${file}.missing` }));
    expect(error.message).toMatch(/^cannot read the outputs file .*outputs\.json\.missing/);
  });
});
