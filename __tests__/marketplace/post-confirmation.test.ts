import {
  AdminAddUserToGroupCommand,
  AdminAddUserToGroupCommandInput,
  CognitoIdentityProviderClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AttributeValue,
  ConditionalCheckFailedException,
  DynamoDBClient,
  PutItemCommand,
  PutItemCommandInput,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { decide, handler, settingsFromEnv } from '../../lambdas/post-confirmation';
import { SIGNUP_ENV } from '../../lambdas/post-confirmation-env';
import { signUpGroupClaim } from '../../stacks/marketplace-config';
import { marketplaceFixture } from '../fixtures/configs';

const cognito = mockClient(CognitoIdentityProviderClient);
const dynamo = mockClient(DynamoDBClient);

const POOL = 'us-east-1_AbCdEfGhI';
const TABLE = 'marketplace-dev-Users';
const CLAIM = signUpGroupClaim(marketplaceFixture);

/** What the mocks did, as Cognito and DynamoDB would hold it: memberships per user, rows per key. */
let memberships: Map<string, Set<string>>;
let rows: Map<string, Record<string, AttributeValue>>;
let logs: Array<{ level: string; fields: Record<string, unknown> }>;

beforeEach(() => {
  process.env[SIGNUP_ENV.tableName] = TABLE;
  process.env[SIGNUP_ENV.partitionKey] = marketplaceFixture.tables.users.partitionKey;
  process.env[SIGNUP_ENV.groupClaim] = CLAIM;
  process.env[SIGNUP_ENV.selfServiceGroups] = marketplaceFixture.signUp.selfService.join(',');
  memberships = new Map();
  rows = new Map();
  logs = [];
  cognito.reset();
  dynamo.reset();
  // AdminAddUserToGroup for a member already in the group succeeds and changes nothing.
  cognito.on(AdminAddUserToGroupCommand).callsFake((input: AdminAddUserToGroupCommandInput) => {
    const groups = memberships.get(input.Username!) ?? new Set<string>();
    groups.add(input.GroupName!);
    memberships.set(input.Username!, groups);
    return {};
  });
  // PutItem with attribute_not_exists(#pk) fails as DynamoDB does when the key is taken.
  dynamo.on(PutItemCommand).callsFake((input: PutItemCommandInput) => {
    const keyName = input.ExpressionAttributeNames!['#pk']!;
    const key = input.Item![keyName]!.S!;
    if (input.ConditionExpression === 'attribute_not_exists(#pk)' && rows.has(key)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    rows.set(key, input.Item!);
    return {};
  });
  for (const level of ['info', 'warn', 'error'] as const) {
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logs.push({ level, fields: JSON.parse(String(args[0])) as Record<string, unknown> });
    });
  }
});

afterEach(() => jest.restoreAllMocks());

function confirmation(
  attributes: Record<string, string>,
  triggerSource: PostConfirmationTriggerEvent['triggerSource'] = 'PostConfirmation_ConfirmSignUp',
): PostConfirmationTriggerEvent {
  return {
    version: '1',
    region: 'us-east-1',
    userPoolId: POOL,
    userName: 'sam',
    triggerSource,
    callerContext: { awsSdkVersion: 'aws-sdk-js-3', clientId: 'client0000000000000000000' },
    request: { userAttributes: { sub: '7d8e9f00-1111-4222-8333-444455556666', email: 'sam@example.com', ...attributes } },
    response: {},
  };
}

describe('a self-service group (seller)', () => {
  test('adds the user to it, writes one row, logs the assignment and returns the event', async () => {
    const event = confirmation({ [CLAIM]: 'seller' });
    await expect(handler(event)).resolves.toBe(event);

    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: POOL, Username: 'sam', GroupName: 'seller' },
    ]);
    const puts = dynamo.commandCalls(PutItemCommand).map((call) => call.args[0].input);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({
      TableName: TABLE,
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'userId' },
    });
    expect(memberships).toEqual(new Map([['sam', new Set(['seller'])]]));
    const row = rows.get('7d8e9f00-1111-4222-8333-444455556666')!;
    expect(row).toEqual({
      userId: { S: '7d8e9f00-1111-4222-8333-444455556666' },
      username: { S: 'sam' },
      status: { S: 'assigned' },
      group: { S: 'seller' },
      confirmedAt: { S: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) },
    });
    expect(logs).toEqual([
      {
        level: 'info',
        fields: {
          event: 'signup-group-assigned',
          userPoolId: POOL,
          username: 'sam',
          triggerSource: 'PostConfirmation_ConfirmSignUp',
          sub: '7d8e9f00-1111-4222-8333-444455556666',
          group: 'seller',
          row: 'created',
        },
      },
    ]);
  });

  test('a buyer is added to buyer', async () => {
    await handler(confirmation({ [CLAIM]: 'buyer' }));
    expect(memberships).toEqual(new Map([['sam', new Set(['buyer'])]]));
  });
});

describe('refused requests leave the user in no group', () => {
  test.each([
    ['Admin', 'an admin group the allowlist does not hold'],
    ['Seller', 'the wrong case: group names are case-sensitive'],
    ['moderator', 'a group that does not exist'],
    ['seller,buyer', 'a list smuggled into one value'],
  ])('%s (%s): no AdminAddUserToGroup, a refused row, a structured warning', async (requested) => {
    const event = confirmation({ [CLAIM]: requested });
    await expect(handler(event)).resolves.toBe(event);

    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    expect(memberships.size).toBe(0);
    expect(rows.get('7d8e9f00-1111-4222-8333-444455556666')).toEqual({
      userId: { S: '7d8e9f00-1111-4222-8333-444455556666' },
      username: { S: 'sam' },
      status: { S: 'refused' },
      refusal: { S: 'not-self-service' },
      requestedGroup: { S: requested },
      confirmedAt: { S: expect.any(String) },
    });
    expect(logs[0]).toEqual({
      level: 'warn',
      fields: {
        event: 'signup-group-refused',
        userPoolId: POOL,
        username: 'sam',
        triggerSource: 'PostConfirmation_ConfirmSignUp',
        sub: '7d8e9f00-1111-4222-8333-444455556666',
        requestedGroup: requested,
        reason: 'not-self-service',
        selfServiceGroups: ['seller', 'buyer'],
      },
    });
    expect(logs[1]!.fields).toMatchObject({ event: 'signup-recorded-without-group', group: null, row: 'created' });
  });

  test('a missing custom:signup_group is refused as missing, and the confirmation still succeeds', async () => {
    const event = confirmation({});
    await expect(handler(event)).resolves.toBe(event);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    expect(rows.get('7d8e9f00-1111-4222-8333-444455556666')).toEqual({
      userId: { S: '7d8e9f00-1111-4222-8333-444455556666' },
      username: { S: 'sam' },
      status: { S: 'refused' },
      refusal: { S: 'missing' },
      confirmedAt: { S: expect.any(String) },
    });
    expect(logs[0]).toMatchObject({ level: 'warn', fields: { event: 'signup-group-refused', requestedGroup: null, reason: 'missing' } });
  });
});

describe('retries', () => {
  test('a second invocation after success: no error, still one membership and the first row untouched', async () => {
    const event = confirmation({ [CLAIM]: 'seller' });
    await handler(event);
    const first = structuredClone(rows.get('7d8e9f00-1111-4222-8333-444455556666'));
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later confirmedAt, were the row rewritten
    await expect(handler(event)).resolves.toBe(event);

    expect(memberships).toEqual(new Map([['sam', new Set(['seller'])]]));
    expect(rows.size).toBe(1);
    expect(rows.get('7d8e9f00-1111-4222-8333-444455556666')).toEqual(first);
    expect(dynamo.commandCalls(PutItemCommand)).toHaveLength(2); // the second was refused by its condition
    expect(logs.map((entry) => [entry.level, entry.fields.event, entry.fields.row])).toEqual([
      ['info', 'signup-group-assigned', 'created'],
      ['info', 'signup-group-assigned', 'already-present'],
    ]);
  });

  test('a retry after a refusal stays refused and writes nothing new', async () => {
    const event = confirmation({ [CLAIM]: 'Admin' });
    await handler(event);
    await expect(handler(event)).resolves.toBe(event);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    expect(rows.size).toBe(1);
  });

  test('a failed group add throws before any row is written, so the retry finishes the job', async () => {
    cognito.on(AdminAddUserToGroupCommand).rejectsOnce(new ResourceNotFoundException({ message: 'Group not found', $metadata: {} }));
    const event = confirmation({ [CLAIM]: 'seller' });
    await expect(handler(event)).rejects.toThrow('Group not found');
    expect(rows.size).toBe(0);
    expect(logs).toEqual([
      {
        level: 'error',
        fields: expect.objectContaining({ event: 'signup-group-failed', group: 'seller', error: 'ResourceNotFoundException' }),
      },
    ]);

    cognito.on(AdminAddUserToGroupCommand).callsFake((input: AdminAddUserToGroupCommandInput) => {
      memberships.set(input.Username!, new Set([input.GroupName!]));
      return {};
    });
    await expect(handler(event)).resolves.toBe(event);
    expect(memberships).toEqual(new Map([['sam', new Set(['seller'])]]));
    expect(rows.get('7d8e9f00-1111-4222-8333-444455556666')!.status).toEqual({ S: 'assigned' });
  });

  test('a DynamoDB error other than the condition is not swallowed', async () => {
    dynamo
      .on(PutItemCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(handler(confirmation({ [CLAIM]: 'buyer' }))).rejects.toThrow('slow down');
    expect(logs.at(-1)).toMatchObject({ level: 'error', fields: { event: 'signup-record-failed', error: 'ProvisionedThroughputExceededException' } });
  });
});

test('a confirmed password reset (same trigger) never grants a group, e.g. back to a seller an admin removed', async () => {
  const event = confirmation({ [CLAIM]: 'seller' }, 'PostConfirmation_ConfirmForgotPassword');
  await expect(handler(event)).resolves.toBe(event);
  expect(cognito.calls()).toHaveLength(0);
  expect(dynamo.calls()).toHaveLength(0);
  expect(logs[0]).toMatchObject({ level: 'info', fields: { event: 'signup-group-skipped' } });
});

test('decide: exact, case-sensitive membership of the allowlist', () => {
  expect(decide('seller', ['seller', 'buyer'])).toEqual({ kind: 'assign', group: 'seller' });
  expect(decide('Admin', ['seller', 'buyer'])).toEqual({ kind: 'refuse', requested: 'Admin', reason: 'not-self-service' });
  expect(decide(' seller', ['seller', 'buyer'])).toEqual({ kind: 'refuse', requested: ' seller', reason: 'not-self-service' });
  expect(decide('', ['seller'])).toEqual({ kind: 'refuse', requested: null, reason: 'missing' });
  expect(decide(undefined, ['seller'])).toEqual({ kind: 'refuse', requested: null, reason: 'missing' });
});

test('settings come from the environment the stack sets, and a missing variable fails loudly', () => {
  expect(settingsFromEnv()).toEqual({ tableName: TABLE, partitionKey: 'userId', groupClaim: 'custom:signup_group', selfServiceGroups: ['seller', 'buyer'] });
  expect(() => settingsFromEnv({ ...process.env, [SIGNUP_ENV.tableName]: '' })).toThrow('environment variable USERS_TABLE is not set');
});
