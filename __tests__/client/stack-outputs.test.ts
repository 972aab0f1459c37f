import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientError } from '../../client/errors';
import { groupOfRole, groupRoleArn, parseOutputs, readStackOutputs, roleName } from '../../client/stack-outputs';

const OUTPUTS = {
  region: 'us-east-1',
  user_pool_id: 'us-east-1_AbCdEfGhI',
  user_pool_client_id: 'client123',
  identity_pool_id: 'us-east-1:11111111-2222-4333-a444-555555555555',
  api_invoke_url: 'https://abc123.execute-api.us-east-1.amazonaws.com/api',
  role_arn_Admin: 'arn:aws:iam::123456789012:role/office-dev-Admin',
  role_arn_User: 'arn:aws:iam::123456789012:role/office-dev-User',
};
const terraformShape = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { sensitive: false, type: 'string', value }]));

const EXPECTED = {
  stack: 'office',
  region: 'us-east-1',
  userPoolId: 'us-east-1_AbCdEfGhI',
  userPoolClientId: 'client123',
  identityPoolId: 'us-east-1:11111111-2222-4333-a444-555555555555',
  apiInvokeUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/api',
  groupRoles: { Admin: OUTPUTS.role_arn_Admin, User: OUTPUTS.role_arn_User },
};

function stackFolder(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'client-outputs-'));
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

  test('group roles: by name, and back from an ARN or an assumed-role caller ARN', () => {
    const outputs = parseOutputs(OUTPUTS, 'x', 'office');
    expect(groupRoleArn(outputs, 'User')).toBe(OUTPUTS.role_arn_User);
    expect(() => groupRoleArn(outputs, 'Visitor')).toThrow('stack "office" has no output "role_arn_Visitor": its groups are Admin, User');
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
    const outdir = mkdtempSync(join(tmpdir(), 'client-outputs-'));
    const error = await failure(readStackOutputs({ stack: 'office', outdir }));
    expect(error.message).toBe(`${join(outdir, 'stacks', 'office')} does not exist: deploy the stack first (npx cdktf deploy office), or pass --outputs <file>`);
  });

  test('an outputs file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'client-outputs-')), 'outputs.json');
    writeFileSync(file, JSON.stringify({ office: OUTPUTS }));
    await expect(readStackOutputs({ stack: 'office', outputsFile: file })).resolves.toEqual(EXPECTED);
    const error = await failure(readStackOutputs({ stack: 'office', outputsFile: `${file}.missing` }));
    expect(error.message).toMatch(/^cannot read the outputs file .*outputs\.json\.missing/);
  });
});
