import { chain, findings, guestGrants, model, policy, ref, withChanges, type Resources } from './helpers';

/** The chain with the user group's role granted exactly these statements (plus its route, so two Allow statements). */
const userGrants = (...statements: object[]) =>
  withChanges(chain(), (r) => {
    r.aws_iam_role_policy!['user-invoke']!.policy = policy([
      { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${ref('aws_api_gateway_rest_api.api.execution_arn')}/*/GET/user`] },
      ...statements,
    ]);
  });
const allow = (Action: string | string[], Resource: string | string[]) => ({ Effect: 'Allow', Action, Resource });


const messages = async (rule: string, resources: Resources) => (await findings(rule, resources)).map((f) => [f.resource, f.message]);

describe('RBAC-014: what a handed-out role may change', () => {
  const m = model(chain());
  const pool = m.identityPools[0]!.arn;
  const userPool = m.userPools[0]!.arn;
  const adminRole = 'arn:aws:iam::123456789012:role/admin';

  it('names each kind of target: identity pool, IAM, functions, other roles', async () => {
    // Cognito identity API reference, SetIdentityPoolRoles: whoever may call it picks the roles every user gets.
    expect(await messages('RBAC-014', userGrants(allow('cognito-identity:SetIdentityPoolRoles', pool)))).toEqual([
      ['aws_iam_role.user', `identity-pool role can cognito-identity:SetIdentityPoolRoles on ${pool} (its identity pool)`],
    ]);
    // IAM API reference, CreatePolicyVersion: a new default version of a policy changes what it grants.
    expect(await messages('RBAC-014', userGrants(allow('iam:CreatePolicyVersion', 'arn:aws:iam::123456789012:policy/any-*')))).toEqual([
      ['aws_iam_role.user', 'identity-pool role can iam:CreatePolicyVersion on arn:aws:iam::123456789012:policy/any-policy (IAM roles and policies)'],
    ]);
    expect(await messages('RBAC-014', userGrants(allow('iam:UpdateAssumeRolePolicy', 'arn:aws:iam::123456789012:role/any-*')))).toEqual([
      ['aws_iam_role.user', 'identity-pool role can iam:UpdateAssumeRolePolicy on arn:aws:iam::123456789012:role/any-role (IAM roles and policies)'],
    ]);
    // Lambda API reference, UpdateFunctionCode: replaces the code that runs with the function's execution role.
    const withFunction = withChanges(userGrants(allow('lambda:UpdateFunctionCode', '*')), (r) => {
      r.aws_lambda_function = { fn: { function_name: 'office-fn', role: ref('aws_iam_role.default.arn'), runtime: 'nodejs22.x', handler: 'index.handler', filename: 'fn.zip' } };
    });
    const fnArn = model(withFunction).functions[0]!.arn;
    expect(await messages('RBAC-014', withFunction)).toEqual([['aws_iam_role.user', `identity-pool role can lambda:UpdateFunctionCode on ${fnArn} (the stack's functions)`]]);
  });

  it('asks about sts:AssumeRole on the other roles of the stack and any role of the account, not on the role itself', async () => {
    // IAM User Guide, "Role chaining": sts:AssumeRole on another role takes on that role's permissions.
    expect(await messages('RBAC-014', userGrants(allow('sts:AssumeRole', adminRole)))).toEqual([
      ['aws_iam_role.user', `identity-pool role can sts:AssumeRole on ${adminRole} (other roles)`],
    ]);
    expect(await messages('RBAC-014', userGrants(allow('sts:AssumeRole', 'arn:aws:iam::123456789012:role/any-*')))).toEqual([
      ['aws_iam_role.user', 'identity-pool role can sts:AssumeRole on arn:aws:iam::123456789012:role/any-role (other roles)'],
    ]);
    expect(await messages('RBAC-014', userGrants(allow('sts:AssumeRole', 'arn:aws:iam::123456789012:role/user')))).toEqual([]);
    // sts:TagSession only adds tags to a session being assumed; it assumes nothing by itself.
    expect(await messages('RBAC-014', userGrants(allow('sts:TagSession', adminRole)))).toEqual([]);
  });

  it('counts only non-read actions, allowed on one of the targets', async () => {
    // Service Authorization Reference: cognito-idp:DescribeUserPool has access level Read.
    expect(await messages('RBAC-014', userGrants(allow('cognito-idp:DescribeUserPool', userPool)))).toEqual([]);
    // A write on another user pool is not a write on this app's identity (RBAC-016 reports reaching outside).
    expect(await messages('RBAC-014', userGrants(allow('cognito-idp:AdminAddUserToGroup', 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_other')))).toEqual([]);
  });

  it('lists four grants and counts the rest', async () => {
    const four = ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminDisableUser'];
    const [[, message4]] = (await messages('RBAC-014', userGrants(allow(four, userPool)))) as [[string, string]];
    expect(message4).toBe(`identity-pool role can ${four.map((a) => `${a} on ${userPool} (its user pool)`).join('; ')}`);
    const [[, message5]] = (await messages('RBAC-014', userGrants(allow([...four, 'cognito-idp:AdminEnableUser'], userPool)))) as [[string, string]];
    expect(message5).toBe(`identity-pool role can ${four.map((a) => `${a} on ${userPool} (its user pool)`).join('; ')}; and 1 more`);
  });

  it('says "guest role" for the role of unauthenticated identities', async () => {
    expect(await messages('RBAC-014', guestGrants(allow('cognito-identity:SetIdentityPoolRoles', pool)))).toEqual([
      ['aws_iam_role.guest', `guest role can cognito-identity:SetIdentityPoolRoles on ${pool} (its identity pool)`],
    ]);
  });
});

describe('RBAC-016: resources outside the app', () => {
  const reach = async (statement: object) => (await messages('RBAC-016', userGrants(statement))).map(([, message]) => message);
  const prefix = 'identity-pool role reaches resources outside this app: ';

  it('probes each service with a resource no stack of the app owns', async () => {
    expect(await reach(allow('s3:GetObject', 'arn:aws:s3:::*'))).toEqual([`${prefix}s3:GetObject on arn:aws:s3:::zz-not-this-app`]);
    expect(await reach(allow('s3:GetObject', 'arn:aws:s3:::*/*'))).toEqual([`${prefix}s3:GetObject on arn:aws:s3:::zz-not-this-app/any/key`]);
    expect(await reach(allow('dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:123456789012:table/*'))).toEqual([
      `${prefix}dynamodb:GetItem on arn:aws:dynamodb:us-east-1:123456789012:table/zz-not-this-app`,
    ]);
    expect(await reach(allow('dynamodb:Query', 'arn:aws:dynamodb:*:*:table/*/index/*'))).toEqual([
      `${prefix}dynamodb:Query on arn:aws:dynamodb:us-east-1:123456789012:table/zz-not-this-app/index/any`,
    ]);
    expect(await reach(allow('execute-api:Invoke', 'arn:aws:execute-api:*:*:*'))).toEqual([
      `${prefix}execute-api:Invoke on arn:aws:execute-api:us-east-1:123456789012:zznotthisapp/prod/GET/any`,
    ]);
    expect(await reach(allow('lambda:InvokeFunction', '*'))).toEqual([`${prefix}lambda:InvokeFunction on arn:aws:lambda:us-east-1:123456789012:function:zz-not-this-app`]);
    // AWS KMS Developer Guide, "Default key policy": a key created without a key policy allows its account, so the
    // account's IAM policies grant its use; a key of another app is probed with that policy.
    expect(await reach(allow('kms:Decrypt', '*'))).toEqual([`${prefix}kms:Decrypt on arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-00000000dead`]);
    // Any other service: a generic ARN of that service.
    expect(await reach(allow('sns:Publish', '*'))).toEqual([`${prefix}sns:Publish on arn:aws:sns:us-east-1:123456789012:zz-not-this-app`]);
  });

  it('asks only about actions the role allows (one of its Allow statements names them)', async () => {
    // The chain's route statement allows execute-api:Invoke on this API only; nothing else is allowed anywhere.
    expect(await reach(allow('cognito-idp:DescribeUserPool', model(chain()).userPools[0]!.arn))).toEqual([]);
  });

  it('lists four reached actions and counts the rest', async () => {
    const actions = ['sns:CreateTopic', 'sns:DeleteTopic', 'sns:Publish', 'sns:Subscribe'];
    const [four] = await reach(allow(actions, '*'));
    expect(four).toMatch(new RegExp(`^${prefix}(sns:\\w+ on arn:aws:sns:us-east-1:123456789012:zz-not-this-app; ){3}sns:\\w+ on arn:aws:sns:us-east-1:123456789012:zz-not-this-app$`));
    const [five] = await reach(allow([...actions, 'sns:Unsubscribe'], '*'));
    expect(five).toMatch(new RegExp(`^${prefix}(sns:\\w+ on arn:aws:sns:us-east-1:123456789012:zz-not-this-app; ){3}sns:\\w+ on arn:aws:sns:us-east-1:123456789012:zz-not-this-app; and 1 more$`));
  });

  it('says "guest role" for the role of unauthenticated identities', async () => {
    expect(await messages('RBAC-016', guestGrants(allow('s3:GetObject', 'arn:aws:s3:::*')))).toEqual([
      ['aws_iam_role.guest', 'guest role reaches resources outside this app: s3:GetObject on arn:aws:s3:::zz-not-this-app'],
    ]);
  });
});

describe('RBAC-015: providers an identity pool accepts', () => {
  const pool = (change: (p: Record<string, unknown>) => void) => withChanges(chain(), (r) => change(r.aws_cognito_identity_pool!.pool!));
  const accepted = async (resources: Resources) => (await findings('RBAC-015', resources)).map((f) => f.message);

  it('names every provider outside the stack, by field', async () => {
    // Cognito Developer Guide, "Identity pools third-party identity providers": each provider's users get credentials.
    const resources = pool((p) => {
      p.supported_login_providers = { 'accounts.google.com': 'google-client-id' };
      p.openid_connect_provider_arns = ['arn:aws:iam::123456789012:oidc-provider/login.example.com'];
      p.saml_provider_arns = ['arn:aws:iam::123456789012:saml-provider/corp'];
      p.developer_provider_name = 'login.office';
    });
    expect(await accepted(resources)).toEqual([
      'supported_login_providers accepts accounts.google.com: its users get AWS credentials from this pool',
      'openid_connect_provider_arns[0] accepts the OpenID Connect provider arn:aws:iam::123456789012:oidc-provider/login.example.com: its users get AWS credentials from this pool',
      'saml_provider_arns[0] accepts the SAML provider arn:aws:iam::123456789012:saml-provider/corp: its users get AWS credentials from this pool',
      'developer_provider_name accepts developer-authenticated identities (login.office): its users get AWS credentials from this pool',
    ]);
    expect((await findings('RBAC-015', resources))[0]!.fix).toBe(
      "Federate only this stack's user pool clients (IdentityPool does), or suppress with why these users need credentials.",
    );
  });

  it('refuses a client id that is not an app client of the federated user pool', async () => {
    const userPool = model(chain()).userPools[0]!;
    const resources = pool((p) => {
      (p.cognito_identity_providers as Array<Record<string, unknown>>)[0]!.client_id = 'notaclientofthispool';
    });
    expect(await accepted(resources)).toEqual([
      `cognito_identity_providers[0] accepts client notaclientofthispool, which is not an app client of ${userPool.address}: its users get AWS credentials from this pool`,
    ]);
    expect(await accepted(chain())).toEqual([]);
    // A user pool with several app clients: the provider's client is one of them.
    expect(await accepted(withChanges(chain(), (r) => (r.aws_cognito_user_pool_client!.other = { user_pool_id: ref('aws_cognito_user_pool.users.id') })))).toEqual([]);
  });
});
