import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSynth, StackModel, Unreadable } from '../../model';
import { ACCOUNT_ID, standInChars, standInUuid } from '../../model/stand-ins';
import { modelOf } from '../support/model';
import { synth } from '../support/synth';

const US_EAST_1 = { aws: [{ region: 'us-east-1' }] };
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** A small stack with one of every resource whose computed attributes the model stands in for. */
const STAND_INS = {
  provider: US_EAST_1,
  resource: {
    aws_cognito_user_pool: { users: { name: 'fx-users' } },
    aws_cognito_user_pool_client: { client: { name: 'app', user_pool_id: '${aws_cognito_user_pool.users.id}' } },
    aws_cognito_identity_pool: { ids: { identity_pool_name: 'fx' } },
    aws_cognito_user_group: { admins: { name: 'Admin', user_pool_id: '${aws_cognito_user_pool.users.id}' } },
    aws_iam_role: {
      plain: { name: 'fx-plain', assume_role_policy: TRUST },
      pathed: { name: 'fx-pathed', path: '/teams/', assume_role_policy: TRUST },
    },
    aws_iam_policy: { custom: { name: 'fx-policy', policy: '{"Version":"2012-10-17","Statement":[]}' } },
    aws_api_gateway_rest_api: { api: { name: 'fx-api' } },
    aws_api_gateway_stage: { stage: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', stage_name: 'prod' } },
    aws_lambda_function: { fn: { function_name: 'fx-fn', role: '${aws_iam_role.plain.arn}' } },
  },
};

describe('stand-in ids have the shapes AWS gives them', () => {
  let model: StackModel;
  beforeAll(() => {
    model = modelOf(STAND_INS);
  });
  const attr = (address: string, attribute: string) => model.attr(model.node(address)!, attribute);

  test('the fixture reads whole', () => {
    expect(model.problems).toEqual([]);
  });

  test('identity pool id is <region>:<uuid>, and its ARN embeds it', () => {
    // Cognito identity pool ids look like us-east-1:12345678-90ab-cdef-... (IdentityPoolId pattern [\w-]+:[0-9a-f-]+).
    const id = attr('aws_cognito_identity_pool.ids', 'id');
    expect(id).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(model.identityPools[0]).toMatchObject({ id, arn: `arn:aws:cognito-identity:us-east-1:${ACCOUNT_ID}:identitypool/${id}` });
  });

  test('user pool id is <region>_<9 alphanumerics>; endpoint is the issuer host/path', () => {
    // User pool ids look like us-east-1_AbCdEfGhI; the token issuer is https://cognito-idp.<region>.amazonaws.com/<id>.
    const pool = model.userPools[0]!;
    expect(pool.id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(pool.arn).toBe(`arn:aws:cognito-idp:us-east-1:${ACCOUNT_ID}:userpool/${pool.id}`);
    expect(pool.endpoint).toBe(`cognito-idp.us-east-1.amazonaws.com/${pool.id}`);
  });

  test('app client id is 26 lowercase alphanumerics; a group id is <pool id>/<name>; both link to their pool', () => {
    const pool = model.userPools[0]!;
    expect(pool.clients.map((c) => c.id)).toEqual([expect.stringMatching(/^[a-z0-9]{26}$/)]);
    // The AWS provider imports groups as <user_pool_id>/<name>, its id format.
    expect(attr('aws_cognito_user_group.admins', 'id')).toBe(`${pool.id}/Admin`);
    expect(pool.groups.map((g) => [g.groupName, g.precedence, g.roleArn])).toEqual([['Admin', null, null]]);
  });

  test('REST API id is 10 lowercase alphanumerics; execution ARN is arn:aws:execute-api:<region>:<account>:<apiId>', () => {
    const api = model.apis[0]!;
    expect(api.id).toMatch(/^[a-z0-9]{10}$/);
    expect(api.executionArn).toBe(`arn:aws:execute-api:us-east-1:123456789012:${api.id}`);
    expect(api.rootResourceId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.rootResourceId).not.toBe(api.id);
    // A stage's invoke URL is https://<apiId>.execute-api.<region>.amazonaws.com/<stage>.
    expect(attr('aws_api_gateway_stage.stage', 'invoke_url')).toBe(`https://${api.id}.execute-api.us-east-1.amazonaws.com/prod`);
    expect(attr('aws_api_gateway_stage.stage', 'execution_arn')).toBe(`arn:aws:execute-api:us-east-1:123456789012:${api.id}/prod`);
    expect(api.stages.map((s) => s.stageName)).toEqual(['prod']);
  });

  test('role ARN is arn:aws:iam::<account>:role<path><name>; unique id is AROA + 17 characters', () => {
    // IAM ARNs include the role's path; the default path is "/".
    expect(model.roleNamed('fx-plain')?.arn).toBe('arn:aws:iam::123456789012:role/fx-plain');
    expect(model.roleNamed('fx-pathed')?.arn).toBe('arn:aws:iam::123456789012:role/teams/fx-pathed');
    // A role's id is its name; its unique id starts with AROA (IAM identifiers: "Understanding unique ID prefixes").
    expect(attr('aws_iam_role.plain', 'id')).toBe('fx-plain');
    expect(model.roleNamed('fx-plain')?.uniqueId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(model.policies.map((p) => p.arn)).toEqual(['arn:aws:iam::123456789012:policy/fx-policy']);
  });

  test('Lambda invoke ARN is the API Gateway service path wrapping the function ARN', () => {
    // API Gateway integration URIs for Lambda: arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<fn arn>/invocations.
    expect(model.functions[0]).toMatchObject({
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:fx-fn',
      invokeArn: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fx-fn/invocations',
      roleArn: 'arn:aws:iam::123456789012:role/fx-plain',
    });
  });

  test('ids are deterministic: the same address gets the same id in every read, another address another id', () => {
    const again = modelOf(STAND_INS);
    for (const address of ['aws_cognito_identity_pool.ids', 'aws_cognito_user_pool.users', 'aws_api_gateway_rest_api.api', 'aws_cognito_user_pool_client.client']) {
      expect(again.attr(again.node(address)!, 'id')).toBe(attr(address, 'id'));
    }
    expect(attr('aws_cognito_identity_pool.ids', 'id')).toBe(`us-east-1:${standInUuid('aws_cognito_identity_pool.ids')}`);
    expect(attr('aws_api_gateway_rest_api.api', 'id')).toBe(standInChars('aws_api_gateway_rest_api.api', 10));
    const two = modelOf({ provider: US_EAST_1, resource: { aws_api_gateway_rest_api: { api: { name: 'fx-api' }, other: { name: 'fx-api' } } } });
    expect(two.apis.map((a) => a.id)).toEqual([attr('aws_api_gateway_rest_api.api', 'id'), expect.not.stringMatching(attr('aws_api_gateway_rest_api.api', 'id'))]);
  });
});

describe('region comes from the default aws provider', () => {
  test('the un-aliased provider block decides, and every stand-in uses it', () => {
    const model = modelOf({
      provider: { aws: [{ alias: 'virginia', region: 'us-east-1' }, { region: 'eu-west-2' }] },
      resource: { aws_cognito_user_pool: { users: { name: 'u' } }, aws_cognito_identity_pool: { ids: { identity_pool_name: 'i' } } },
    });
    expect(model.region).toBe('eu-west-2');
    expect(model.userPools[0]!.id).toMatch(/^eu-west-2_[A-Za-z0-9]{9}$/);
    expect(model.identityPools[0]!.id).toMatch(/^eu-west-2:[0-9a-f-]{36}$/);
  });

  test('no literal region → Unreadable naming the file and field', () => {
    expect(() => modelOf({ provider: { aws: [{ alias: 'only', region: 'us-east-1' }] } })).toThrow(
      /cdk\.tf\.json\.provider\.aws\.region: the default aws provider must set a literal region/,
    );
    expect(() => modelOf({ provider: { aws: [{ region: '${var.region}' }] } })).toThrow(Unreadable);
  });

  test('an unreadable cdk.tf.json → Unreadable naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    try {
      writeFileSync(join(dir, 'cdk.tf.json'), '{ not json');
      expect(() => readSynth(join(dir, 'cdk.tf.json'))).toThrow(/cdk\.tf\.json: not valid JSON/);
      expect(() => readSynth(join(dir, 'missing.json'))).toThrow(/missing\.json: no such file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A role whose `description` holds the template under test: the model resolves any field on request. */
function resolving(template: unknown, extra: Record<string, unknown> = {}, dir?: string): () => unknown {
  const model = modelOf(
    {
      provider: US_EAST_1,
      resource: {
        aws_iam_role: { r: { name: 'fx-r', assume_role_policy: TRUST, max_session_duration: 3600, description: template } },
        aws_lambda_function: { fn: { function_name: 'fx-fn', role: '${aws_iam_role.r.arn}' } },
        ...extra,
      },
    },
    'fx',
    dir,
  );
  return () => model.read(model.node('aws_iam_role.r')!, 'description');
}

describe('resolving configuration strings', () => {
  test('a reference resolves to the referenced attribute, inside surrounding text and with spaces', () => {
    expect(resolving('role=${aws_iam_role.r.arn}; fn=${ aws_lambda_function.fn.arn }')()).toBe(
      'role=arn:aws:iam::123456789012:role/fx-r; fn=arn:aws:lambda:us-east-1:123456789012:function:fx-fn',
    );
  });

  test('a template that is exactly one interpolation keeps the value’s type (Terraform "String Templates")', () => {
    expect(resolving('${aws_iam_role.r.max_session_duration}')()).toBe(3600);
    expect(resolving('${true}')()).toBe(true);
  });

  test('$${x} is Terraform’s escape for a literal ${x}: unescaped, never evaluated; %%{ likewise', () => {
    // Terraform "String Templates": "$${" produces a literal "${" without beginning an interpolation.
    expect(resolving('arn:aws:s3:::bucket/$${aws:userid}/*')()).toBe('arn:aws:s3:::bucket/${aws:userid}/*');
    expect(resolving('$${a}${aws_iam_role.r.name}$${b}')()).toBe('${a}fx-r${b}');
    expect(resolving('$${jsonencode({a = 1})}')()).toBe('${jsonencode({a = 1})}');
    expect(resolving('100%%{x}')()).toBe('100%{x}');
  });

  test('jsonencode of a literal object, with HCL "=" or ":" and nested references, is the JSON text', () => {
    // cdktf writes Fn.jsonencode(...) as ${jsonencode({...})}; Terraform's jsonencode gives JSON text.
    const text = resolving('${jsonencode({"Version" = "2012-10-17", Statement = [{Effect: "Allow", Resource: aws_iam_role.r.arn, N = 1, B = true}]})}')();
    expect(JSON.parse(text as string)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Resource: 'arn:aws:iam::123456789012:role/fx-r', N: 1, B: true }],
    });
  });

  test('nested blocks and lists resolve deeply, and cdktf "//" metadata is dropped', () => {
    expect(resolving({ '//': { metadata: 1 }, a: ['${aws_iam_role.r.id}', 2, true, null], b: { c: '${aws_iam_role.r.name}' } })()).toEqual({
      a: ['fx-r', 2, true, null],
      b: { c: 'fx-r' },
    });
  });

  test('pure functions Terraform evaluates the same anywhere: join, concat, lower, upper, tostring, jsondecode', () => {
    expect(resolving('${join(",", concat(["a"], [lower("B"), upper("c")]))}')()).toBe('a,b,C');
    expect(resolving('${tostring(5)}')()).toBe('5');
    expect(resolving('${jsondecode("{\\"a\\":[1]}")}')()).toEqual({ a: [1] });
  });

  test('filebase64sha256("path") is the base64 SHA-256 of the file, relative to the stack folder', () => {
    // Terraform: filebase64sha256 hashes the file's contents with SHA-256 and encodes the raw hash in Base64.
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    try {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'assets', 'code.zip'), 'hello\n');
      expect(resolving('${filebase64sha256("assets/code.zip")}', {}, dir)()).toBe('WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=');
      expect(resolving('${file("assets/code.zip")}', {}, dir)()).toBe('hello\n');
      expect(() => resolving('${file("assets/missing.zip")}', {}, dir)()).toThrow(/aws_iam_role\.r\.description: file\(\): ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    ['${aws_iam_role.nobody.arn}', 'aws_iam_role.r.description: ${aws_iam_role.nobody.arn}: no aws_iam_role.nobody in stack fx'],
    ['${aws_iam_role.r.create_date}', 'aws_iam_role.r.create_date: not set in the configuration and not known offline for aws_iam_role'],
    ['${var.region}', 'aws_iam_role.r.description: ${var.region}: var.* is not known offline'],
    ['${local.x}', 'aws_iam_role.r.description: ${local.x}: local.* is not known offline'],
    ['${timestamp()}', 'aws_iam_role.r.description: timestamp(): this function is not evaluated offline'],
    ['${data.aws_s3_bucket.b.arn}', 'aws_iam_role.r.description: ${data.aws_s3_bucket.b.arn}: no data.aws_s3_bucket.b in stack fx'],
  ])('%s cannot be known offline → Unreadable naming the resource, the field and the expression', (template, message) => {
    expect(resolving(template)).toThrow(message);
    expect(resolving(template)).toThrow(Unreadable);
  });

  test.each([
    ['a conditional', '${1 == 1 ? "a" : "b"}'],
    ['an operator', '${aws_iam_role.r.max_session_duration + 1}'],
    ['a directive', '%{ if true }x%{ endif }'],
    ['an unterminated interpolation', 'prefix-${aws_iam_role.r.arn'],
  ])('%s is refused, never passed through as if it were text', (_what, template) => {
    expect(resolving(template)).toThrow(Unreadable);
  });

  test('a self-reference → Unreadable instead of endless recursion', () => {
    const model = modelOf({ provider: US_EAST_1, resource: { aws_iam_role: { self: { name: '${aws_iam_role.self.name}', assume_role_policy: TRUST } } } });
    expect(model.problems.map((p) => p.message)).toEqual(['aws_iam_role.self.name: the value refers to itself']);
    expect(model.roles).toEqual([]);
  });
});

describe('values are read as the provider reads them', () => {
  const pool = (body: Record<string, unknown>) =>
    modelOf({ provider: US_EAST_1, resource: { aws_cognito_identity_pool: { ids: { identity_pool_name: 'i', ...body } } } });

  test('the strings "true"/"false" are booleans (Terraform converts a string to the attribute’s bool type)', () => {
    expect(pool({ allow_unauthenticated_identities: 'true', allow_classic_flow: 'false' }).identityPools[0]).toMatchObject({
      allowUnauthenticated: true,
      allowClassicFlow: false,
    });
    expect(pool({ allow_unauthenticated_identities: true }).identityPools[0]!.allowUnauthenticated).toBe(true);
    expect(pool({}).identityPools[0]!.allowUnauthenticated).toBe(false); // the provider's default
  });

  test('a value that does not convert is Unreadable, and the object is left out rather than guessed', () => {
    const model = pool({ allow_unauthenticated_identities: 'yes' });
    expect(model.problems.map((p) => p.message)).toEqual([
      'aws_cognito_identity_pool.ids.allow_unauthenticated_identities: expected a bool, got "yes"',
    ]);
    expect(model.identityPools).toEqual([]);
  });

  test('numeric strings are numbers; a nested block may be one object or a list of one', () => {
    const model = modelOf({
      provider: US_EAST_1,
      resource: {
        aws_cognito_user_pool: { users: { name: 'u' } },
        aws_cognito_user_group: { g: { name: 'G', user_pool_id: '${aws_cognito_user_pool.users.id}', precedence: '7' } },
        aws_cognito_user_pool_client: {
          asObject: { name: 'a', user_pool_id: '${aws_cognito_user_pool.users.id}', refresh_token_validity: '12', token_validity_units: { refresh_token: 'hours' } },
          asList: { name: 'b', user_pool_id: '${aws_cognito_user_pool.users.id}', refresh_token_validity: 60, token_validity_units: [{ refresh_token: 'minutes' }] },
        },
        aws_cognito_identity_pool: {
          ids: {
            identity_pool_name: 'i',
            cognito_identity_providers: { client_id: '${aws_cognito_user_pool_client.asObject.id}', provider_name: '${aws_cognito_user_pool.users.endpoint}', server_side_token_check: 'true' },
          },
        },
      },
    });
    expect(model.problems).toEqual([]);
    expect(model.userPools[0]!.groups[0]!.precedence).toBe(7);
    expect(model.userPools[0]!.clients.map((c) => [c.name, c.refreshTokenValidityDays])).toEqual([
      ['asObject', 0.5],
      ['asList', 60 / 1440],
    ]);
    expect(model.identityPools[0]!.cognitoProviders).toEqual([
      expect.objectContaining({ serverSideTokenCheck: true, clientId: model.userPools[0]!.clients[0]!.id }),
    ]);
  });
});

describe('data.aws_iam_policy_document is evaluated from its own arguments', () => {
  // Terraform AWS provider, "Data Source: aws_iam_policy_document": statements of source_policy_documents first,
  // then this block's (replacing a source statement with the same sid), then override_policy_documents by sid.
  const model = modelOf({
    provider: US_EAST_1,
    data: {
      aws_iam_policy_document: {
        base: {
          statement: [
            { sid: 'Keep', actions: ['sts:TagSession'], principals: [{ type: 'AWS', identifiers: ['123456789012'] }] },
            { sid: 'Replace', actions: ['sts:AssumeRole'], principals: [{ type: '*', identifiers: ['*'] }] },
          ],
        },
        trust: {
          source_policy_documents: ['${data.aws_iam_policy_document.base.json}'],
          statement: [
            {
              sid: 'Replace',
              actions: ['sts:AssumeRoleWithWebIdentity'],
              principals: [{ type: 'Federated', identifiers: ['cognito-identity.amazonaws.com'] }],
              condition: [
                { test: 'StringEquals', variable: 'cognito-identity.amazonaws.com:aud', values: ['${aws_cognito_identity_pool.ids.id}'] },
                { test: 'ForAnyValue:StringLike', variable: 'cognito-identity.amazonaws.com:amr', values: ['authenticated'] },
              ],
            },
            {
              effect: 'Deny',
              actions: ['sts:AssumeRoleWithWebIdentity'],
              principals: [{ type: '*', identifiers: ['*'] }],
              condition: { test: 'StringNotLike', variable: 'cognito-identity.amazonaws.com:sub', values: ['&{aws:username}'] },
            },
          ],
          override_policy_documents: ['{"Statement":[{"Sid":"Keep","Effect":"Deny","Principal":"*","Action":"sts:TagSession"}]}'],
        },
      },
    },
    resource: {
      aws_cognito_identity_pool: { ids: { identity_pool_name: 'i' } },
      aws_iam_role: { r: { name: 'fx-r', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } },
    },
  });

  test('the document the provider would write: merged by sid, principals and conditions grouped, &{...} as ${...}', () => {
    expect(model.problems).toEqual([]);
    const trust = model.roles[0]!.trust;
    expect(trust.error).toBeUndefined();
    expect(trust.json).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Keep', Effect: 'Deny', Principal: '*', Action: 'sts:TagSession' },
        {
          Sid: 'Replace',
          Effect: 'Allow',
          Action: ['sts:AssumeRoleWithWebIdentity'],
          Principal: { Federated: ['cognito-identity.amazonaws.com'] },
          Condition: {
            StringEquals: { 'cognito-identity.amazonaws.com:aud': [model.identityPools[0]!.id] },
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': ['authenticated'] },
          },
        },
        {
          Effect: 'Deny',
          Action: ['sts:AssumeRoleWithWebIdentity'],
          Principal: '*',
          Condition: { StringNotLike: { 'cognito-identity.amazonaws.com:sub': ['${aws:username}'] } },
        },
      ],
    });
    expect(trust.compiled?.statements).toHaveLength(3);
  });

  test('other data sources the model knows: the account, region and partition of the stand-ins', () => {
    const other = modelOf({
      provider: US_EAST_1,
      data: { aws_caller_identity: { me: {} }, aws_region: { here: {} }, aws_partition: { p: {} } },
      resource: {
        aws_iam_role: { r: { name: 'fx', assume_role_policy: TRUST, description: '${data.aws_partition.p.partition}:${data.aws_region.here.name}:${data.aws_caller_identity.me.account_id}' } },
      },
    });
    expect(other.read(other.node('aws_iam_role.r')!, 'description')).toBe('aws:us-east-1:123456789012');
  });
});

describe('fail closed: what can affect access and cannot be read is a problem naming resource and field', () => {
  const problems = (json: object) => modelOf(json).problems.map((p) => p.message);

  test('a resource type the model does not read, and an unknown data source', () => {
    expect(
      problems({
        provider: US_EAST_1,
        resource: { aws_iam_user_policy: { p: { user: 'bob', policy: '{}' } }, aws_cloudwatch_log_group: { g: { name: 'g' } } },
        data: { aws_s3_bucket: { b: { bucket: 'x' } } },
      }),
    ).toEqual([
      'aws_iam_user_policy.p: resource type aws_iam_user_policy can grant or change access and the model does not read it',
      'data.aws_s3_bucket.b: data source aws_s3_bucket is not known offline',
    ]);
  });

  test('a second roles attachment for one identity pool: the last one applied wins, so neither can be trusted', () => {
    const attachment = { identity_pool_id: '${aws_cognito_identity_pool.ids.id}', roles: { authenticated: 'arn:aws:iam::123456789012:role/x' } };
    expect(
      problems({
        provider: US_EAST_1,
        resource: { aws_cognito_identity_pool: { ids: { identity_pool_name: 'i' } }, aws_cognito_identity_pool_roles_attachment: { a: attachment, b: attachment } },
      }),
    ).toEqual([
      'aws_cognito_identity_pool_roles_attachment.b.identity_pool_id: aws_cognito_identity_pool.ids already has aws_cognito_identity_pool_roles_attachment.a: SetIdentityPoolRoles replaces the whole set, so the last one applied wins and the plan never settles',
    ]);
  });

  test('a policy attached to a role or a function permission for a function that is not in the stack', () => {
    expect(
      problems({
        provider: US_EAST_1,
        resource: {
          aws_iam_role_policy: { p: { role: 'elsewhere', policy: '{}' } },
          aws_lambda_permission: { p: { action: 'lambda:InvokeFunction', function_name: 'elsewhere', principal: '*' } },
        },
      }),
    ).toEqual([
      'aws_iam_role_policy.p.role: names role "elsewhere", which is not in this stack',
      'aws_lambda_permission.p.function_name: names function "elsewhere", which is not in this stack',
    ]);
  });

  test('two resource policies for one API (the `policy` argument and aws_api_gateway_rest_api_policy) overwrite each other', () => {
    const open = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}';
    expect(
      problems({
        provider: US_EAST_1,
        resource: {
          aws_api_gateway_rest_api: { api: { name: 'a', policy: open } },
          aws_api_gateway_rest_api_policy: { p: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', policy: open } },
        },
      }),
    ).toEqual([
      'aws_api_gateway_rest_api_policy.p.policy: aws_api_gateway_rest_api.api already has a resource policy (aws_api_gateway_rest_api.api): the two overwrite each other on every apply',
    ]);
  });

  test('a malformed suppression block is a problem too: it must not silence a rule by accident', () => {
    expect(problems({ provider: US_EAST_1, resource: { aws_cloudwatch_log_group: { g: { name: 'g', '//': { suppressions: 'RBAC-001' } } } } })).toEqual([
      expect.stringMatching(/^aws_cloudwatch_log_group\.g\.\/\/\.suppressions: expected a list of \{ "rule", "reason" \} \(in .*cdk\.tf\.json\)$/),
    ]);
  });
});

describe('the synthesized office stack', () => {
  let office: StackModel;
  beforeAll(() => {
    office = readSynth(join(synth({ settings: { policyVersion: 'v1' } }).outdir, 'stacks', 'office', 'cdk.tf.json'), 'office');
  });

  test('reads whole, with every Cognito, API and Lambda reference resolved to stand-ins of the right shape', () => {
    expect(office.problems).toEqual([]);
    expect(office.region).toBe('us-east-1');
    const pool = office.userPools[0]!;
    expect(pool.id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(office.identityPools[0]!.id).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const api = office.apis[0]!;
    expect(api.executionArn).toBe(`arn:aws:execute-api:us-east-1:123456789012:${api.id}`);
    expect(office.role('arn:aws:iam::123456789012:role/office-dev-Admin')?.name).toMatch(/^identities_role-Admin_/);
    // Every group names its pool and the role of the same name.
    for (const group of pool.groups) expect(group.roleArn).toBe(`arn:aws:iam::123456789012:role/office-dev-${group.groupName}`);
  });

  test('the identity pool’s provider is the user pool endpoint, and role_mapping’s key is <endpoint>:<client id>', () => {
    const ids = office.identityPools[0]!;
    const pool = office.userPools[0]!;
    expect(ids.cognitoProviders).toEqual([
      { providerName: pool.endpoint, clientId: pool.clients[0]!.id, serverSideTokenCheck: true, field: 'cognito_identity_providers[0]' },
    ]);
    expect(ids.attachment?.mappings.map((m) => m.identityProvider)).toEqual([`${pool.endpoint}:${pool.clients[0]!.id}`]);
  });

  test('trust policies pin the stand-in identity pool id; Lambda hashes match the asset zips', () => {
    const poolId = office.identityPools[0]!.id;
    const trust = office.role('arn:aws:iam::123456789012:role/office-dev-User')!.trust.json as { Statement: Array<{ Condition: Record<string, unknown> }> };
    expect(trust.Statement[0]!.Condition.StringEquals).toEqual({ 'cognito-identity.amazonaws.com:aud': poolId });
    for (const fn of office.functions) {
      const zip = readFileSync(join(office.dir, fn.filename!));
      expect(office.read(fn, 'source_code_hash')).toBe(createHash('sha256').update(zip).digest('base64'));
    }
  });
});
