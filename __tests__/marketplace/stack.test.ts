import { STRONG_PASSWORD_POLICY, tlsOnlyPolicy } from '../support/expected';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkModels } from '../../guardrails/engine';
import { readSynth } from '../../model';
import { declaredByCode } from '../support/declared';
import { STACKS } from '../../stacks/app';
import { marketplaceFixture } from '../fixtures/configs';
import { NODE_RUNTIME } from '../../stacks/constructs/node-function';
import { findOf, onlyOf, ref, resourcesOf, synth, TfJson } from '../support/synth';

let json: TfJson;
beforeAll(() => {
  json = synth().stack(STACKS.marketplace);
});

const policyOf = (text: unknown) => JSON.parse(text as string) as { Version: string; Statement: Array<Record<string, unknown>> };
const pool = () => onlyOf(json, 'aws_cognito_user_pool');
const fn = () => onlyOf(json, 'aws_lambda_function');
const bucketArn = ref('aws_s3_bucket', 'product-images', 'arn');
const bucketId = ref('aws_s3_bucket', 'product-images', 'id');
const SUB = '$${cognito-identity.amazonaws.com:sub}';

describe('user pool: self sign-up that picks a group', () => {
  test('self sign-up, email verified by code, email-only recovery, 12-character 4-class passwords', () => {
    const { body } = pool();
    expect(body.name).toBe('marketplace-dev-users');
    expect(body.admin_create_user_config).toEqual({ allow_admin_create_user_only: false });
    expect(body.auto_verified_attributes).toEqual(['email']);
    expect(body.verification_message_template).toEqual({ default_email_option: 'CONFIRM_WITH_CODE' });
    expect(body.user_attribute_update_settings).toEqual({ attributes_require_verification_before_update: ['email'] });
    expect(body.account_recovery_setting).toEqual({ recovery_mechanism: [{ name: 'verified_email', priority: 1 }] });
    expect(body.password_policy).toEqual(STRONG_PASSWORD_POLICY);
    expect(body.mfa_configuration).toBe('OPTIONAL');
    expect(body.deletion_protection).toBe('ACTIVE');
  });

  test('required mutable email, and custom:signup_group immutable (settable at sign-up only)', () => {
    expect(pool().body.schema).toEqual([
      {
        name: 'email',
        attribute_data_type: 'String',
        required: true,
        mutable: true,
        string_attribute_constraints: { min_length: '3', max_length: '256' },
      },
      {
        name: 'signup_group',
        attribute_data_type: 'String',
        required: false,
        mutable: false,
        string_attribute_constraints: { min_length: '1', max_length: '40' },
      },
    ]);
  });

  test('the app client may write custom:signup_group (SignUp needs it) and nothing else beyond email', () => {
    const { body } = onlyOf(json, 'aws_cognito_user_pool_client');
    expect(body.write_attributes).toEqual(['email', 'custom:signup_group']);
    expect(body.read_attributes).toEqual(['email', 'email_verified', 'custom:signup_group']);
    expect(body.prevent_user_existence_errors).toBe('ENABLED');
    expect(body.generate_secret).toBe(false);
    expect(body.explicit_auth_flows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  });

  test('deletion protection follows the config', () => {
    const off = synth({ only: ['marketplace'], marketplace: { ...marketplaceFixture, userPool: { deletionProtection: false } } }).stack(STACKS.marketplace);
    expect(onlyOf(off, 'aws_cognito_user_pool').body.deletion_protection).toBe('INACTIVE');
  });

  test('groups seller (precedence 0) and buyer (1), each carrying its own role', () => {
    const groups = resourcesOf(json, 'aws_cognito_user_group').map(({ body }) => body);
    expect(groups).toEqual([
      {
        name: 'buyer',
        description: 'Buyers: read published product images',
        precedence: 1,
        role_arn: ref('aws_iam_role', findOf(json, 'aws_iam_role', 'name', 'marketplace-dev-buyer').name, 'arn'),
        user_pool_id: ref('aws_cognito_user_pool', pool().name, 'id'),
      },
      {
        name: 'seller',
        description: 'Sellers: upload images to their own folder, read published products',
        precedence: 0,
        role_arn: ref('aws_iam_role', findOf(json, 'aws_iam_role', 'name', 'marketplace-dev-seller').name, 'arn'),
        user_pool_id: ref('aws_cognito_user_pool', pool().name, 'id'),
      },
    ]);
  });
});

describe('post-confirmation trigger', () => {
  test('the pool invokes the function, and Cognito may invoke it for this pool only', () => {
    expect(pool().body.lambda_config).toEqual({ post_confirmation: ref('aws_lambda_function', fn().name, 'arn') });
    expect(onlyOf(json, 'aws_lambda_permission').body).toEqual({
      statement_id: 'AllowCognitoPostConfirmation',
      action: 'lambda:InvokeFunction',
      function_name: ref('aws_lambda_function', fn().name, 'function_name'),
      principal: 'cognito-idp.amazonaws.com',
      source_arn: ref('aws_cognito_user_pool', pool().name, 'arn'),
      // Cognito can invoke the trigger only once its sign-up policy exists: before that, a confirmed user would be
      // put in no group (AdminAddUserToGroup denied).
      depends_on: ['aws_iam_role_policy.post-confirmation-signup'],
    });
  });

  test('the function is configured from the config: table, key, claim and allowlist', () => {
    const { body } = fn();
    expect(body.function_name).toBe('marketplace-dev-post-confirmation');
    expect(body.runtime).toBe(NODE_RUNTIME);
    expect(body.timeout).toBe(5);
    expect(body.tracing_config).toEqual({ mode: 'Active' });
    expect(body.environment).toEqual({
      variables: {
        USERS_TABLE: ref('aws_dynamodb_table', 'users-table', 'name'),
        USERS_PARTITION_KEY: 'userId',
        SIGNUP_GROUP_CLAIM: 'custom:signup_group',
        SELF_SERVICE_GROUPS: 'seller,buyer',
      },
    });
  });

  test('its role may add users to groups of this pool and put items in the Users table, nothing more', () => {
    const role = findOf(json, 'aws_iam_role', 'name', 'marketplace-dev-post-confirmation-exec');
    const policies = resourcesOf(json, 'aws_iam_role_policy').filter(({ body }) => body.role === ref('aws_iam_role', role.name, 'id'));
    expect(policies.map(({ body }) => body.name).sort()).toEqual(['add-to-group-and-record-user', 'logs-and-traces']);
    const signUp = findOf(json, 'aws_iam_role_policy', 'name', 'add-to-group-and-record-user');
    expect(signUp.name).toBe('post-confirmation-signup');
    expect(policyOf(signUp.body.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AddUsersToGroupsOfThisPool',
          Effect: 'Allow',
          Action: 'cognito-idp:AdminAddUserToGroup',
          Resource: ref('aws_cognito_user_pool', pool().name, 'arn'),
        },
        { Sid: 'RecordUsers', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: ref('aws_dynamodb_table', 'users-table', 'arn') },
      ],
    });
    // The cycle pool → function → role → pool is broken: the pool ARN lives only in this separate policy, which
    // the function does not wait for.
    expect(fn().body.depends_on).toEqual([
      `aws_cloudwatch_log_group.${onlyOf(json, 'aws_cloudwatch_log_group').name}`,
      `aws_iam_role_policy.${policies.find(({ body }) => body.name === 'logs-and-traces')!.name}`,
    ]);
    expect(JSON.stringify(role.body)).not.toContain('aws_cognito_user_pool');
  });

  test('the Users table: on-demand, keyed by userId, PITR, KMS encryption, deletion protection', () => {
    expect(onlyOf(json, 'aws_dynamodb_table').body).toEqual({
      name: 'marketplace-dev-Users',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'userId',
      attribute: [{ name: 'userId', type: 'S' }],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
    });
  });
});

describe('identity pool', () => {
  test('Token mapping with Deny, no guests, no classic flow', () => {
    expect(onlyOf(json, 'aws_cognito_identity_pool').body).toMatchObject({
      identity_pool_name: 'marketplace_dev_identities',
      allow_unauthenticated_identities: false,
      allow_classic_flow: false,
    });
    const attachment = onlyOf(json, 'aws_cognito_identity_pool_roles_attachment').body;
    expect(attachment.role_mapping).toEqual([
      {
        identity_provider: `${ref('aws_cognito_user_pool', pool().name, 'endpoint')}:${ref('aws_cognito_user_pool_client', onlyOf(json, 'aws_cognito_user_pool_client').name, 'id')}`,
        type: 'Token',
        ambiguous_role_resolution: 'Deny',
      },
    ]);
  });

  test.each(['seller', 'buyer'])('the %s role trusts only this identity pool, for authenticated identities', (group) => {
    const role = findOf(json, 'aws_iam_role', 'name', `marketplace-dev-${group}`);
    expect(role.body.max_session_duration).toBe(3600);
    expect(policyOf(role.body.assume_role_policy).Statement).toEqual([
      {
        Sid: 'AssumeFromThisIdentityPoolOnly',
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('aws_cognito_identity_pool', onlyOf(json, 'aws_cognito_identity_pool').name, 'id') },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    ]);
  });
});

describe('group role policies (policies v2, the default)', () => {
  const rolePolicies = (group: string) => {
    const role = findOf(json, 'aws_iam_role', 'name', `marketplace-dev-${group}`);
    return Object.fromEntries(
      resourcesOf(json, 'aws_iam_role_policy')
        .filter(({ body }) => body.role === ref('aws_iam_role', role.name, 'id'))
        .map(({ body }) => [body.name as string, policyOf(body.policy)]),
    );
  };

  test('sellers: objects in uploads/<own identity id>/, list only that folder, read products/, deny writes elsewhere', () => {
    expect(rolePolicies('seller')).toEqual({
      'own-folder': {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ManageObjectsInOwnFolder',
            Effect: 'Allow',
            Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
            Resource: `${bucketArn}/uploads/${SUB}/*`,
          },
          {
            Sid: 'ListOwnFolderOnly',
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: bucketArn,
            Condition: { StringLike: { 's3:prefix': [`uploads/${SUB}`, `uploads/${SUB}/*`] } },
          },
          {
            Sid: 'DenyObjectWritesOutsideOwnFolder',
            Effect: 'Deny',
            Action: ['s3:PutObject', 's3:DeleteObject'],
            NotResource: `${bucketArn}/uploads/${SUB}/*`,
          },
        ],
      },
      'read-prefixes': {
        Version: '2012-10-17',
        Statement: [{ Sid: 'ReadObjectsUnderPrefixes', Effect: 'Allow', Action: 's3:GetObject', Resource: [`${bucketArn}/products/*`] }],
      },
    });
  });

  test('buyers: GetObject on products/ only', () => {
    expect(rolePolicies('buyer')).toEqual({
      'read-prefixes': {
        Version: '2012-10-17',
        Statement: [{ Sid: 'ReadObjectsUnderPrefixes', Effect: 'Allow', Action: 's3:GetObject', Resource: [`${bucketArn}/products/*`] }],
      },
    });
  });

  test('no policy tests cognito:groups (or any ID-token claim)', () => {
    expect(JSON.stringify(json.resource)).not.toMatch(/cognito:groups|custom:signup_group[^"]*"\s*:\s*\[/);
    for (const { body } of resourcesOf(json, 'aws_iam_role_policy')) expect(String(body.policy)).not.toContain('cognito:');
  });

  test('policies v1 (the article) has no explicit deny: another seller’s folder is merely not allowed', () => {
    const v1 = synth({ settings: { policyVersion: 'v1' } }).stack(STACKS.marketplace);
    const own = policyOf(findOf(v1, 'aws_iam_role_policy', 'name', 'own-folder').body.policy);
    expect(own.Statement.map((s) => [s.Sid, s.Effect])).toEqual([
      ['ManageObjectsInOwnFolder', 'Allow'],
      ['ListOwnFolderOnly', 'Allow'],
    ]);
  });
});

describe('product-images bucket', () => {
  test('named from the config, private, SSE, versioned, public access blocked, ACLs disabled', () => {
    expect(onlyOf(json, 'aws_s3_bucket')).toEqual({ name: 'product-images', body: { bucket: 'marketplace-dev-product-images' } });
    expect(onlyOf(json, 'aws_s3_bucket_versioning').body).toEqual({ bucket: bucketId, versioning_configuration: { status: 'Enabled' } });
    expect(onlyOf(json, 'aws_s3_bucket_server_side_encryption_configuration').body).toEqual({
      bucket: bucketId,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: true }],
    });
    expect(onlyOf(json, 'aws_s3_bucket_public_access_block').body).toEqual({
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(onlyOf(json, 'aws_s3_bucket_ownership_controls').body).toEqual({
      bucket: bucketId,
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
    expect(onlyOf(json, 'aws_s3_bucket_lifecycle_configuration').body).toEqual({
      bucket: bucketId,
      rule: [
        {
          id: 'expire-old-versions-and-abandoned-uploads',
          status: 'Enabled',
          filter: [{}],
          noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        },
      ],
    });
  });

  test('the bucket policy only denies non-TLS requests, after the public access block exists', () => {
    const { body } = onlyOf(json, 'aws_s3_bucket_policy');
    expect(body.bucket).toBe(bucketId);
    expect(body.depends_on).toEqual(['aws_s3_bucket_public_access_block.product-images-public-access']);
    expect(policyOf(body.policy)).toEqual(tlsOnlyPolicy(bucketArn));
  });
});

test('outputs: region, pool, client, identity pool, bucket, table and one role ARN per group', () => {
  expect(json.output).toEqual({
    region: { value: 'us-east-1' },
    user_pool_id: { value: ref('aws_cognito_user_pool', pool().name, 'id') },
    user_pool_client_id: { value: ref('aws_cognito_user_pool_client', onlyOf(json, 'aws_cognito_user_pool_client').name, 'id') },
    identity_pool_id: { value: ref('aws_cognito_identity_pool', onlyOf(json, 'aws_cognito_identity_pool').name, 'id') },
    bucket_name: { value: ref('aws_s3_bucket', 'product-images', 'bucket') },
    users_table_name: { value: ref('aws_dynamodb_table', 'users-table', 'name') },
    role_arn_seller: { value: ref('aws_iam_role', findOf(json, 'aws_iam_role', 'name', 'marketplace-dev-seller').name, 'arn') },
    role_arn_buyer: { value: ref('aws_iam_role', findOf(json, 'aws_iam_role', 'name', 'marketplace-dev-buyer').name, 'arn') },
  });
  expect(json.terraform.backend).toEqual({
    s3: { bucket: 'office-rbac-tfstate', key: 'marketplace/marketplace.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
  });
});

test('guardrails refuse the source article’s cognito:groups condition if someone puts it back (RBAC-012, and IAM-007: no such IAM key)', async () => {
  const edited = structuredClone(json) as unknown as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const seller = edited.resource.aws_iam_role_policy!['role-seller-own-folder']!;
  const policy = policyOf(seller.policy);
  policy.Statement[0]!.Condition = { 'ForAnyValue:StringEquals': { 'cognito:groups': ['seller'] } };
  seller.policy = JSON.stringify(policy);
  const dir = join(mkdtempSync(join(tmpdir(), 'marketplace-rbac012-')), 'stacks', 'marketplace');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(edited));
  const results = await checkModels([readSynth(join(dir, 'cdk.tf.json'))], declaredByCode());
  expect(results.filter((r) => r.severity === 'error' && !r.suppressed).map((r) => [r.rule, r.resource])).toEqual([
    ['IAM-007', 'aws_iam_role_policy.role-seller-own-folder'],
    ['RBAC-012', 'aws_iam_role_policy.role-seller-own-folder'],
  ]);
  expect(results.find((r) => r.rule === 'RBAC-012')!.message).toContain('"cognito:groups", an ID-token claim that AWS never puts in the request context');
}, 30_000);
