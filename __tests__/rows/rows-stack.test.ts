import { STACKS } from '../../stacks/app';
import { findOf, onlyOf, ref, resourcesOf, synth, TfJson } from '../support/synth';

const SUB = '$${cognito-identity.amazonaws.com:sub}';
const TABLE_ARN = ref('aws_dynamodb_table', 'table', 'arn');
const WRITER_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'];

let v1: TfJson;
let v2: TfJson;
beforeAll(() => {
  v1 = synth({ settings: { policyVersion: 'v1' } }).stack(STACKS.rows);
  v2 = synth({ settings: { policyVersion: 'v2' } }).stack(STACKS.rows);
});

const policyOf = (json: TfJson, name: string) => JSON.parse(String(resourcesOf(json, 'aws_iam_role_policy').find((p) => p.name === name)!.body.policy));

test('the UserData table: partition key userid (the identity id), sort key itemid, KMS SSE, PITR, deletion protection', () => {
  expect(onlyOf(v2, 'aws_dynamodb_table')).toEqual({
    name: 'table',
    body: {
      name: 'rows-dev-UserData',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'userid',
      range_key: 'itemid',
      attribute: [
        { name: 'userid', type: 'S' },
        { name: 'itemid', type: 'S' },
      ],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
    },
  });
});

test('one group per config group, each carrying its own role, with distinct precedences', () => {
  const pool = ref('aws_cognito_user_pool', 'users_pool_87CF6C50', 'id');
  expect(resourcesOf(v2, 'aws_cognito_user_group')).toEqual([
    {
      name: 'group-readers',
      body: {
        name: 'readers',
        description: 'Read every row (Scan, Query); no writes',
        precedence: 1,
        user_pool_id: pool,
        role_arn: ref('aws_iam_role', 'identities_role-readers_3320E1B8', 'arn'),
      },
    },
    {
      name: 'group-writers',
      body: {
        name: 'writers',
        description: 'Read and write their own rows only (partition key = their Cognito identity id)',
        precedence: 0,
        user_pool_id: pool,
        role_arn: ref('aws_iam_role', 'identities_role-writers_28E1C280', 'arn'),
      },
    },
  ]);
  expect(findOf(v2, 'aws_iam_role', 'name', 'rows-dev-writers').body.max_session_duration).toBe(3600);
  const trust = JSON.parse(String(findOf(v2, 'aws_iam_role', 'name', 'rows-dev-readers').body.assume_role_policy));
  expect(trust.Statement[0].Condition).toEqual({
    StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('aws_cognito_identity_pool', 'identities_pool_22FAEEC8', 'id') },
    'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
  });
});

test('identity pool: no guests, no classic flow, Token mapping that denies an ambiguous token', () => {
  const pool = onlyOf(v2, 'aws_cognito_identity_pool').body;
  expect([pool.identity_pool_name, pool.allow_unauthenticated_identities, pool.allow_classic_flow]).toEqual(['rows_dev_identities', false, false]);
  expect(onlyOf(v2, 'aws_cognito_identity_pool_roles_attachment').body.role_mapping).toEqual([
    {
      identity_provider: `${ref('aws_cognito_user_pool', 'users_pool_87CF6C50', 'endpoint')}:${ref('aws_cognito_user_pool_client', 'users_client_C9CE1D58', 'id')}`,
      type: 'Token',
      ambiguous_role_resolution: 'Deny',
    },
  ]);
  expect(onlyOf(v2, 'aws_cognito_user_pool').body.admin_create_user_config).toEqual({ allow_admin_create_user_only: true });
});

test('v1 writers: the AWS sample, ForAllValues:StringEquals dynamodb:LeadingKeys = the caller’s identity id', () => {
  expect(policyOf(v1, 'role-writers-table')).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnRowsOnly',
        Effect: 'Allow',
        Action: WRITER_ACTIONS,
        Resource: TABLE_ARN,
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SUB] } },
      },
    ],
  });
  expect(policyOf(v1, 'role-readers-table')).toEqual({
    Version: '2012-10-17',
    Statement: [{ Sid: 'ReadAllRows', Effect: 'Allow', Action: ['dynamodb:Scan', 'dynamodb:Query'], Resource: TABLE_ARN }],
  });
});

test('v2 writers: the key must be present (Null false), and any other user’s key is an explicit deny', () => {
  expect(policyOf(v2, 'role-writers-table')).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnRowsOnly',
        Effect: 'Allow',
        Action: WRITER_ACTIONS,
        Resource: TABLE_ARN,
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SUB] }, Null: { 'dynamodb:LeadingKeys': 'false' } },
      },
      {
        Sid: 'DenyOtherUsersRows',
        Effect: 'Deny',
        Action: WRITER_ACTIONS,
        Resource: TABLE_ARN,
        Condition: { 'ForAnyValue:StringNotEquals': { 'dynamodb:LeadingKeys': [SUB] } },
      },
    ],
  });
  expect(resourcesOf(v2, 'aws_iam_role_policy').find((p) => p.name === 'role-writers-table')!.body).toMatchObject({
    name: 'own-rows-only',
    role: ref('aws_iam_role', 'identities_role-writers_28E1C280', 'id'),
  });
});

test('v2 readers: Scan and Query, and every other action on the table or its indexes is an explicit deny', () => {
  expect(policyOf(v2, 'role-readers-table')).toEqual({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadAllRows', Effect: 'Allow', Action: ['dynamodb:Scan', 'dynamodb:Query'], Resource: TABLE_ARN },
      { Sid: 'DenyEveryOtherActionOnTheTable', Effect: 'Deny', NotAction: ['dynamodb:Scan', 'dynamodb:Query'], Resource: [TABLE_ARN, `${TABLE_ARN}/*`] },
    ],
  });
});

test('outputs: what a client needs, and each group’s role', () => {
  expect(v2.output).toEqual({
    region: { value: 'us-east-1' },
    user_pool_id: { value: ref('aws_cognito_user_pool', 'users_pool_87CF6C50', 'id') },
    user_pool_client_id: { value: ref('aws_cognito_user_pool_client', 'users_client_C9CE1D58', 'id') },
    identity_pool_id: { value: ref('aws_cognito_identity_pool', 'identities_pool_22FAEEC8', 'id') },
    table_name: { value: ref('aws_dynamodb_table', 'table', 'name') },
    table_arn: { value: TABLE_ARN },
    role_arn_writers: { value: ref('aws_iam_role', 'identities_role-writers_28E1C280', 'arn') },
    role_arn_readers: { value: ref('aws_iam_role', 'identities_role-readers_3320E1B8', 'arn') },
  });
});

test('state goes to its own key in the shared bucket', () => {
  expect((v2.terraform.backend as { s3: Record<string, unknown> }).s3).toMatchObject({ key: 'rows/rows.tfstate', encrypt: true, use_lockfile: true });
});
