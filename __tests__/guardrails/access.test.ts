import { chain, describeRule, policy, ref, withChanges, type Resources } from './helpers';

/** The rules added with the model: each asks the evaluator (or the model) a question; one passing and failing fixtures each. */

const client = (r: Resources) => r.aws_cognito_user_pool_client!.client!;

describeRule('COG-006', [
  { name: 'passes: SRP and refresh, 30-day refresh tokens, revocation on (defaults)', resources: withChanges(chain(), (r) => { client(r).explicit_auth_flows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']; }), expect: [] },
  {
    // Cognito Developer Guide, "Authentication flows": USER_PASSWORD_AUTH sends the password itself to Cognito.
    name: 'fails: ALLOW_USER_PASSWORD_AUTH',
    resources: withChanges(chain(), (r) => { client(r).explicit_auth_flows = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']; }),
    expect: ['aws_cognito_user_pool_client.client'],
    message: /ALLOW_USER_PASSWORD_AUTH/,
  },
  {
    // "refresh_token_validity" in days by default; 3650 days keeps a stolen token alive for ten years.
    name: 'fails: refresh tokens for 3650 days, written as the string "3650"',
    resources: withChanges(chain(), (r) => { client(r).refresh_token_validity = '3650'; }),
    expect: ['aws_cognito_user_pool_client.client'],
    message: /3650 days/,
  },
  {
    // Cognito Developer Guide, "Revoking refresh tokens": with revocation off, RevokeToken does nothing.
    name: 'fails: enable_token_revocation "false"',
    resources: withChanges(chain(), (r) => { client(r).enable_token_revocation = 'false'; }),
    expect: ['aws_cognito_user_pool_client.client'],
    message: /cannot be revoked/,
  },
]);

describeRule('COG-007', [
  { name: 'passes: no pre-token-generation trigger', resources: chain(), expect: [] },
  {
    // Cognito Developer Guide, "Pre token generation Lambda trigger": it can override groups and the preferred role.
    name: 'fails: a pre_token_generation_config trigger (warning)',
    resources: withChanges(chain(), (r) => {
      r.aws_cognito_user_pool!.users!.lambda_config = { pre_token_generation_config: { lambda_arn: 'arn:aws:lambda:us-east-1:123456789012:function:rewrite', lambda_version: 'V2_0' } };
    }),
    expect: ['aws_cognito_user_pool.users'],
  },
]);

describeRule('RBAC-013', [
  { name: 'passes: server_side_token_check on', resources: chain(), expect: [] },
  {
    // Cognito API reference, CognitoIdentityProvider.ServerSideTokenCheck: off, a revoked token still gets credentials.
    name: 'fails: server_side_token_check "false" (a string Terraform converts)',
    resources: withChanges(chain(), (r) => {
      (r.aws_cognito_identity_pool!.pool!.cognito_identity_providers as Array<Record<string, unknown>>)[0]!.server_side_token_check = 'false';
    }),
    expect: ['aws_cognito_identity_pool.pool'],
  },
]);

describeRule('RBAC-014', [
  { name: 'passes: group roles only invoke their routes', resources: chain(), expect: [] },
  {
    // Cognito API reference, AdminAddUserToGroup: a caller allowed it on the pool moves any user into any group.
    name: 'fails: a group role may add users to groups of its own pool',
    resources: withChanges(chain(), (r) => {
      r.aws_iam_role_policy!['user-invoke']!.policy = policy([{ Effect: 'Allow', Action: 'cognito-idp:AdminAddUserToGroup', Resource: ref('aws_cognito_user_pool.users.arn') }]);
    }),
    expect: ['aws_iam_role.user'],
    message: /cognito-idp:AdminAddUserToGroup on arn:aws:cognito-idp:us-east-1:123456789012:userpool\//,
  },
  {
    // IAM: iam:PutRolePolicy on one's own role writes any permission into it.
    name: 'fails: a group role may write its own inline policy',
    resources: withChanges(chain(), (r) => {
      r.aws_iam_role_policy!['user-invoke']!.policy = policy([{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: ref('aws_iam_role.user.arn') }]);
    }),
    expect: ['aws_iam_role.user'],
    message: /iam:PutRolePolicy/,
  },
]);

function service(trust: object): Resources {
  return { aws_iam_role: { exec: { name: 'exec', assume_role_policy: policy([trust]) } } };
}

describeRule('IAM-008', [
  {
    name: 'passes: Lambda trusted for this account only',
    resources: service({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }),
    expect: [],
  },
  {
    // IAM User Guide, "The confused deputy problem": pin aws:SourceAccount or aws:SourceArn in service role trust.
    name: 'fails: API Gateway trusted with no source condition',
    resources: service({ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    expect: ['aws_iam_role.exec'],
  },
]);

function bucket(statement: object): Resources {
  return {
    aws_s3_bucket: { b: { bucket: 'data' } },
    aws_s3_bucket_policy: { b: { bucket: ref('aws_s3_bucket.b.id'), policy: policy([statement]) } },
  };
}

describeRule('S3-005', [
  { name: 'passes: this account only', resources: bucket({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }), expect: [] },
  {
    // S3 User Guide, "Blocking public access": Principal "*" makes the objects public.
    name: 'fails: GetObject for "*"',
    resources: bucket({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }),
    expect: ['aws_s3_bucket_policy.b'],
    message: /anyone \(anonymous\): s3:GetObject/,
  },
  {
    name: 'fails: PutObject for another account',
    resources: bucket({ Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::data/*' }),
    expect: ['aws_s3_bucket_policy.b'],
    message: /account 999988887777: s3:PutObject/,
  },
]);

function key(statement: object): Resources {
  return { aws_kms_key: { k: { description: 'data', policy: policy([statement]) } } };
}

describeRule('KMS-001', [
  { name: 'passes: the default key policy (this account)', resources: key({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' }), expect: [] },
  {
    // KMS Developer Guide, "Allowing users in other accounts to use a KMS key": the key policy alone grants it.
    name: 'fails: kms:Decrypt for another account',
    resources: key({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'kms:Decrypt', Resource: '*' }),
    expect: ['aws_kms_key.k'],
    message: /kms:Decrypt/,
  },
]);

function table(statement: object): Resources {
  return {
    aws_dynamodb_table: { t: { name: 'rows', hash_key: 'id', attribute: [{ name: 'id', type: 'S' }] } },
    aws_dynamodb_resource_policy: { t: { resource_arn: ref('aws_dynamodb_table.t.arn'), policy: policy([statement]) } },
  };
}

describeRule('DDB-003', [
  { name: 'passes: this account only', resources: table({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'dynamodb:GetItem', Resource: '*' }), expect: [] },
  {
    // DynamoDB Developer Guide, "Resource-based policies": a cross-account principal needs only this Allow and its own.
    name: 'fails: PutItem for "*"',
    resources: table({ Effect: 'Allow', Principal: '*', Action: 'dynamodb:PutItem', Resource: '*' }),
    expect: ['aws_dynamodb_resource_policy.t'],
    message: /dynamodb:PutItem/,
  },
]);

describeRule('RBAC-015', [
  { name: 'passes: the stack\'s own user pool client', resources: chain(), expect: [] },
  {
    // Cognito Developer Guide, "Identity pools third-party identity providers": a listed provider's users get credentials.
    name: 'fails: Google sign-in accepted',
    resources: withChanges(chain(), (r) => {
      r.aws_cognito_identity_pool!.pool!.supported_login_providers = { 'accounts.google.com': '123-abc.apps.googleusercontent.com' };
    }),
    expect: ['aws_cognito_identity_pool.pool'],
    message: /accounts\.google\.com/,
  },
  {
    name: 'fails: a user pool outside the stack',
    resources: withChanges(chain(), (r) => {
      (r.aws_cognito_identity_pool!.pool!.cognito_identity_providers as object[]).push({
        client_id: 'attackerclient0000000000000',
        provider_name: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Attacker0',
        server_side_token_check: true,
      });
    }),
    expect: ['aws_cognito_identity_pool.pool'],
    message: /not in this stack/,
  },
]);

describeRule('RBAC-016', [
  { name: 'passes: group roles invoke their own API only', resources: chain(), expect: [] },
  {
    // S3 User Guide, "Bucket policy examples": arn:aws:s3:::*/* is every object of every bucket.
    name: 'fails: a group role reads every object of every bucket',
    resources: withChanges(chain(), (r) => {
      r.aws_iam_role_policy!['user-invoke']!.policy = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }]);
    }),
    expect: ['aws_iam_role.user'],
    message: /s3:GetObject on arn:aws:s3:::zz-not-this-app\/any\/key/,
  },
  {
    // DynamoDB Developer Guide, "Using identity-based policies": table/* is every table of the account and region.
    name: 'fails: a group role scans every table',
    resources: withChanges(chain(), (r) => {
      r.aws_iam_role_policy!['admin-invoke']!.policy = policy([{ Effect: 'Allow', Action: 'dynamodb:Scan', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/*' }]);
    }),
    expect: ['aws_iam_role.admin'],
    message: /dynamodb:Scan/,
  },
]);
