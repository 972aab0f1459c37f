import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReaderError, TfStack } from '../../access/terraform-reader';
import { ACCOUNT_ID, standInChars, standInUuid } from '../../model/stand-ins';
import { synth } from '../support/synth';

/** Writes a hand-built cdk.tf.json (and any extra files) into a fresh temp folder and loads it. */
function fixture(json: Record<string, unknown>, files: Record<string, string> = {}, name = 'fx'): TfStack {
  const dir = mkdtempSync(join(tmpdir(), 'reader-'));
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return TfStack.load(dir, name);
}

const US_EAST_1 = { aws: [{ region: 'us-east-1' }] };

/** A small stack with one of every resource whose computed attributes the reader stands in for. */
const STAND_INS = {
  provider: US_EAST_1,
  resource: {
    aws_cognito_user_pool: { users: { name: 'fx-users' } },
    aws_cognito_user_pool_client: { client: { name: 'app', user_pool_id: '${aws_cognito_user_pool.users.id}' } },
    aws_cognito_identity_pool: { ids: { identity_pool_name: 'fx' } },
    aws_cognito_user_group: { admins: { name: 'Admin', user_pool_id: '${aws_cognito_user_pool.users.id}' } },
    aws_iam_role: {
      plain: { name: 'fx-plain', assume_role_policy: '{}' },
      pathed: { name: 'fx-pathed', path: '/teams/', assume_role_policy: '{}' },
    },
    aws_iam_policy: { custom: { name: 'fx-policy', policy: '{}' } },
    aws_api_gateway_rest_api: { api: { name: 'fx-api' } },
    aws_api_gateway_stage: { stage: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', stage_name: 'prod' } },
    aws_lambda_function: { fn: { function_name: 'fx-fn' } },
  },
};

describe('stand-in ids have the shapes AWS gives them', () => {
  let stack: TfStack;
  beforeAll(() => {
    stack = fixture(STAND_INS);
  });
  const attr = (type: string, name: string, attribute: string) => stack.attr(stack.resources(type).find((r) => r.name === name)!, attribute);

  test('identity pool id is <region>:<uuid>, and its ARN embeds it', () => {
    // Cognito identity pool ids look like us-east-1:12345678-90ab-cdef-... (IdentityPoolId pattern [\w-]+:[0-9a-f-]+).
    const id = attr('aws_cognito_identity_pool', 'ids', 'id');
    expect(id).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(attr('aws_cognito_identity_pool', 'ids', 'arn')).toBe(`arn:aws:cognito-identity:us-east-1:${ACCOUNT_ID}:identitypool/${id}`);
  });

  test('user pool id is <region>_<9 alphanumerics>; endpoint is the issuer host/path', () => {
    // User pool ids look like us-east-1_AbCdEfGhI; the token issuer is https://cognito-idp.<region>.amazonaws.com/<id>.
    const id = attr('aws_cognito_user_pool', 'users', 'id');
    expect(id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(attr('aws_cognito_user_pool', 'users', 'arn')).toBe(`arn:aws:cognito-idp:us-east-1:${ACCOUNT_ID}:userpool/${id}`);
    expect(attr('aws_cognito_user_pool', 'users', 'endpoint')).toBe(`cognito-idp.us-east-1.amazonaws.com/${id}`);
  });

  test('app client id is 26 lowercase alphanumerics; a group id is <pool id>/<name>', () => {
    expect(attr('aws_cognito_user_pool_client', 'client', 'id')).toMatch(/^[a-z0-9]{26}$/);
    // The AWS provider imports groups as <user_pool_id>/<name>, its id format.
    expect(attr('aws_cognito_user_group', 'admins', 'id')).toBe(`${attr('aws_cognito_user_pool', 'users', 'id')}/Admin`);
  });

  test('REST API id is 10 lowercase alphanumerics; execution ARN is arn:aws:execute-api:<region>:<account>:<apiId>', () => {
    const apiId = attr('aws_api_gateway_rest_api', 'api', 'id');
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(attr('aws_api_gateway_rest_api', 'api', 'execution_arn')).toBe(`arn:aws:execute-api:us-east-1:123456789012:${apiId}`);
    expect(attr('aws_api_gateway_rest_api', 'api', 'root_resource_id')).toMatch(/^[a-z0-9]{10}$/);
    expect(attr('aws_api_gateway_rest_api', 'api', 'root_resource_id')).not.toBe(apiId);
    // A stage's invoke URL is https://<apiId>.execute-api.<region>.amazonaws.com/<stage>.
    expect(attr('aws_api_gateway_stage', 'stage', 'invoke_url')).toBe(`https://${apiId}.execute-api.us-east-1.amazonaws.com/prod`);
    expect(attr('aws_api_gateway_stage', 'stage', 'execution_arn')).toBe(`arn:aws:execute-api:us-east-1:123456789012:${apiId}/prod`);
  });

  test('role ARN is arn:aws:iam::<account>:role<path><name>; unique id is AROA + 17 characters', () => {
    // IAM ARNs include the role's path; the default path is "/".
    expect(attr('aws_iam_role', 'plain', 'arn')).toBe('arn:aws:iam::123456789012:role/fx-plain');
    expect(attr('aws_iam_role', 'pathed', 'arn')).toBe('arn:aws:iam::123456789012:role/teams/fx-pathed');
    // A role's id is its name; its unique id starts with AROA (IAM identifiers: "Understanding unique ID prefixes").
    expect(attr('aws_iam_role', 'plain', 'id')).toBe('fx-plain');
    expect(attr('aws_iam_role', 'plain', 'unique_id')).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(attr('aws_iam_policy', 'custom', 'arn')).toBe('arn:aws:iam::123456789012:policy/fx-policy');
  });

  test('Lambda invoke ARN is the API Gateway service path wrapping the function ARN', () => {
    // API Gateway integration URIs for Lambda: arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<fn arn>/invocations.
    expect(attr('aws_lambda_function', 'fn', 'arn')).toBe('arn:aws:lambda:us-east-1:123456789012:function:fx-fn');
    expect(attr('aws_lambda_function', 'fn', 'invoke_arn')).toBe(
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fx-fn/invocations',
    );
  });

  test('ids are deterministic: the same address gets the same id in every load, another address another id', () => {
    const again = fixture(STAND_INS);
    const id = (s: TfStack, type: string, name: string) => s.attr(s.resources(type).find((r) => r.name === name)!, 'id');
    for (const [type, name] of [
      ['aws_cognito_identity_pool', 'ids'],
      ['aws_cognito_user_pool', 'users'],
      ['aws_api_gateway_rest_api', 'api'],
      ['aws_cognito_user_pool_client', 'client'],
    ] as const) {
      expect(id(again, type, name)).toBe(id(stack, type, name));
    }
    expect(id(stack, 'aws_cognito_identity_pool', 'ids')).toBe(`us-east-1:${standInUuid('aws_cognito_identity_pool.ids')}`);
    expect(id(stack, 'aws_api_gateway_rest_api', 'api')).toBe(standInChars('aws_api_gateway_rest_api.api', 10));
    const renamed = fixture({
      provider: US_EAST_1,
      resource: { aws_api_gateway_rest_api: { api: { name: 'fx-api' }, other: { name: 'fx-api' } } },
    });
    expect(id(renamed, 'aws_api_gateway_rest_api', 'api')).toBe(id(stack, 'aws_api_gateway_rest_api', 'api'));
    expect(id(renamed, 'aws_api_gateway_rest_api', 'other')).not.toBe(id(renamed, 'aws_api_gateway_rest_api', 'api'));
  });

  test('findBy finds the resource whose resolved attribute has a value', () => {
    const arn = attr('aws_iam_role', 'pathed', 'arn');
    expect(stack.findBy('aws_iam_role', 'arn', arn)?.address).toBe('aws_iam_role.pathed');
    expect(stack.findBy('aws_iam_role', 'arn', 'arn:aws:iam::123456789012:role/nobody')).toBeUndefined();
  });
});

describe('region comes from the default aws provider', () => {
  test('the un-aliased provider block decides, and every stand-in uses it', () => {
    const stack = fixture({
      provider: { aws: [{ alias: 'virginia', region: 'us-east-1' }, { region: 'eu-west-2' }] },
      resource: { aws_cognito_user_pool: { users: { name: 'u' } }, aws_cognito_identity_pool: { ids: {} } },
    });
    expect(stack.region).toBe('eu-west-2');
    expect(stack.attr(stack.resources('aws_cognito_user_pool')[0]!, 'id')).toMatch(/^eu-west-2_[A-Za-z0-9]{9}$/);
    expect(stack.attr(stack.resources('aws_cognito_identity_pool')[0]!, 'id')).toMatch(/^eu-west-2:[0-9a-f-]{36}$/);
  });

  test('no region → ReaderError naming the stack', () => {
    expect(() => fixture({ provider: { aws: [{ alias: 'only', region: 'us-east-1' }] } }, {}, 'noregion')).toThrow(
      new ReaderError('noregion: provider.aws has no region'),
    );
    expect(() => fixture({ resource: {} }, {}, 'noprovider')).toThrow(new ReaderError('noprovider: provider.aws has no region'));
  });

  test('an unreadable cdk.tf.json → ReaderError naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reader-'));
    writeFileSync(join(dir, 'cdk.tf.json'), '{ not json');
    expect(() => TfStack.load(dir, 'bad')).toThrow(ReaderError);
    expect(() => TfStack.load(dir, 'bad')).toThrow(`${join(dir, 'cdk.tf.json')}: `);
  });
});

describe('resolving configuration strings', () => {
  const stack = () =>
    fixture(
      {
        provider: US_EAST_1,
        resource: {
          aws_iam_role: {
            r: { name: 'fx-r', assume_role_policy: '{}', max_session_duration: 3600 },
            self: { name: '${aws_iam_role.self.name}', assume_role_policy: '{}' },
            dangling: { name: '${aws_iam_role.missing.name}', assume_role_policy: '{}' },
          },
          aws_lambda_function: { fn: { function_name: 'fx-fn', source_code_hash: '${filebase64sha256("assets/code.zip")}' } },
        },
      },
      { 'assets/code.zip': 'hello\n' },
    );

  test('a reference resolves to the referenced attribute, inside surrounding text', () => {
    expect(stack().resolveString('role=${aws_iam_role.r.arn}; fn=${ aws_lambda_function.fn.arn }', 'f')).toBe(
      'role=arn:aws:iam::123456789012:role/fx-r; fn=arn:aws:lambda:us-east-1:123456789012:function:fx-fn',
    );
  });

  test('a scalar configuration attribute resolves as a string', () => {
    const s = stack();
    expect(s.attr(s.resources('aws_iam_role')[0]!, 'max_session_duration')).toBe('3600');
  });

  test('$${x} is Terraform’s escape for a literal ${x}: unescaped, never evaluated', () => {
    // Terraform "String Templates": "$${" produces a literal "${" without beginning an interpolation.
    const s = stack();
    expect(s.resolveString('arn:aws:s3:::bucket/$${aws:userid}/*', 'f')).toBe('arn:aws:s3:::bucket/${aws:userid}/*');
    expect(s.resolveString('$${a}${aws_iam_role.r.name}$${b}', 'f')).toBe('${a}fx-r${b}');
    expect(s.resolveString('$${jsonencode({a = 1})}', 'f')).toBe('${jsonencode({a = 1})}');
  });

  test('filebase64sha256("path") is the base64 SHA-256 of the file, relative to the stack folder', () => {
    // Terraform: filebase64sha256 hashes the file's contents with SHA-256 and encodes the raw hash in Base64.
    const s = stack();
    expect(s.attr(s.resources('aws_lambda_function')[0]!, 'source_code_hash')).toBe('WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=');
  });

  test('resolveValue resolves nested strings, keeps other scalars and drops cdktf "//" metadata', () => {
    expect(
      stack().resolveValue({ '//': { metadata: 1 }, a: ['${aws_iam_role.r.id}', 2, true, null], b: { c: '${aws_iam_role.r.name}' } }, 'f'),
    ).toEqual({ a: ['fx-r', 2, true, null], b: { c: 'fx-r' } });
  });

  test('a reference to a resource that is not in the stack → ReaderError naming field and expression', () => {
    expect(() => stack().resolveString('x ${aws_iam_role.nobody.arn}', 'my.field')).toThrow(
      new ReaderError('my.field: ${aws_iam_role.nobody.arn}: no resource aws_iam_role.nobody in stack fx'),
    );
    const s = stack();
    expect(() => s.attr(s.resources('aws_iam_role').find((r) => r.name === 'dangling')!, 'arn')).toThrow(
      new ReaderError('aws_iam_role.dangling.name: ${aws_iam_role.missing.name}: no resource aws_iam_role.missing in stack fx'),
    );
  });

  test('an attribute neither computed nor configured → ReaderError naming the expression', () => {
    expect(() => stack().resolveString('${aws_iam_role.r.create_date}', 'f')).toThrow(
      new ReaderError('cannot resolve ${aws_iam_role.r.create_date}: "create_date" is not known offline for aws_iam_role'),
    );
  });

  test('a self-reference → ReaderError instead of endless recursion', () => {
    const s = stack();
    expect(() => s.attr(s.resources('aws_iam_role').find((r) => r.name === 'self')!, 'arn')).toThrow(
      new ReaderError('cannot resolve ${aws_iam_role.self.name}: it refers to itself'),
    );
  });

  test('an unsupported function → ReaderError naming the call', () => {
    expect(() => stack().resolveString('${upper("x")}', 'f')).toThrow(new ReaderError('f: ${upper("x")}: unsupported function upper()'));
  });

  test('variables, locals, data sources and indexed references are unsupported expressions', () => {
    expect(() => stack().resolveString('${var.region}', 'f')).toThrow(new ReaderError('f: ${var.region}: unsupported expression'));
    expect(() => stack().resolveString('${aws_iam_role.r[0].arn}', 'f')).toThrow(
      new ReaderError('f: ${aws_iam_role.r[0].arn}: unsupported expression'),
    );
  });

  test('an interpolation with nested braces is refused, never passed through as if it were a literal', () => {
    // cdktf writes Fn.jsonencode(...) as ${jsonencode({...})}; the reader cannot evaluate it, so it must say so.
    expect(() => stack().resolveString('{"a": "${jsonencode({b = 1})}"}', 'f')).toThrow(
      new ReaderError('f: ${jsonencode({b = 1})}: unsupported expression'),
    );
    expect(() => stack().resolveString('prefix-${aws_iam_role.r.arn', 'f')).toThrow(
      new ReaderError('f: ${aws_iam_role.r.arn: unsupported expression'),
    );
  });

  test('filebase64sha256 with a non-literal argument or a missing file → ReaderError naming the call', () => {
    expect(() => stack().resolveString('${filebase64sha256(path.module)}', 'f')).toThrow(
      new ReaderError('f: ${filebase64sha256(path.module)}: expected one string argument'),
    );
    expect(() => stack().resolveString('${filebase64sha256("assets/missing.zip")}', 'f')).toThrow(ReaderError);
    expect(() => stack().resolveString('${filebase64sha256("assets/missing.zip")}', 'f')).toThrow(
      /^f: \$\{filebase64sha256\("assets\/missing\.zip"\)\}: ENOENT/,
    );
  });
});

describe('the synthesized office stack', () => {
  let office: TfStack;
  beforeAll(() => {
    office = TfStack.load(join(synth({ settings: { policyVersion: 'v1' } }).outdir, 'stacks', 'office'), 'office');
  });
  const only = (type: string) => {
    const all = office.resources(type);
    expect(all).toHaveLength(1);
    return all[0]!;
  };

  test('its Cognito, API and Lambda references all resolve to stand-ins of the right shape', () => {
    expect(office.region).toBe('us-east-1');
    const poolId = office.attr(only('aws_cognito_user_pool'), 'id');
    expect(poolId).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(office.attr(only('aws_cognito_identity_pool'), 'id')).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const apiId = office.attr(only('aws_api_gateway_rest_api'), 'id');
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(office.attr(only('aws_api_gateway_rest_api'), 'execution_arn')).toBe(`arn:aws:execute-api:us-east-1:123456789012:${apiId}`);
    const admin = office.findBy('aws_iam_role', 'arn', 'arn:aws:iam::123456789012:role/office-dev-Admin');
    expect(admin?.name).toMatch(/^identities_role-Admin_/);
    // Every group names its pool and the role of the same name.
    for (const group of office.resources('aws_cognito_user_group')) {
      const name = office.attr(group, 'name');
      expect(office.attr(group, 'user_pool_id')).toBe(poolId);
      expect(office.attr(group, 'role_arn')).toBe(`arn:aws:iam::123456789012:role/office-dev-${name}`);
    }
  });

  test('the identity pool’s provider is the user pool endpoint, and role_mapping’s key is <endpoint>:<client id>', () => {
    const pool = only('aws_cognito_identity_pool');
    const resolved = office.resolveValue(pool.body, pool.address) as { cognito_identity_providers: Array<Record<string, unknown>> };
    const endpoint = office.attr(only('aws_cognito_user_pool'), 'endpoint');
    const clientId = office.attr(only('aws_cognito_user_pool_client'), 'id');
    expect(resolved.cognito_identity_providers).toEqual([{ client_id: clientId, provider_name: endpoint, server_side_token_check: true }]);
    const attachment = only('aws_cognito_identity_pool_roles_attachment');
    const mapping = office.resolveValue(attachment.body, attachment.address) as { role_mapping: Array<{ identity_provider: string }> };
    expect(mapping.role_mapping[0]!.identity_provider).toBe(`${endpoint}:${clientId}`);
  });

  test('trust policies pin the stand-in identity pool id; Lambda hashes match the asset zips', () => {
    const poolId = office.attr(only('aws_cognito_identity_pool'), 'id');
    const role = office.findBy('aws_iam_role', 'arn', 'arn:aws:iam::123456789012:role/office-dev-User')!;
    const trust = JSON.parse(office.resolveString(String(role.body.assume_role_policy), 'trust')) as {
      Statement: Array<{ Condition: Record<string, Record<string, string>> }>;
    };
    expect(trust.Statement[0]!.Condition.StringEquals).toEqual({ 'cognito-identity.amazonaws.com:aud': poolId });
    for (const fn of office.resources('aws_lambda_function')) {
      const zip = readFileSync(join(office.dir, office.attr(fn, 'filename')));
      const expected = createHash('sha256').update(zip).digest('base64');
      expect(office.attr(fn, 'source_code_hash')).toBe(expected);
      expect(office.attr(fn, 'invoke_arn')).toBe(
        `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${office.attr(fn, 'function_name')}/invocations`,
      );
    }
  });
});
