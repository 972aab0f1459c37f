import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../stacks/app';
import { ConfigError } from '../../stacks/config-validation';
import { RowsConfig, RowsGroupConfig, validateRowsConfig } from '../../stacks/rows-config';
import { rowsFixture } from '../fixtures/configs';

const [writers, readers] = rowsFixture.groups as [RowsGroupConfig, RowsGroupConfig];

function errorOf(config: RowsConfig): string {
  try {
    validateRowsConfig(config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

test('the fixture config is valid: writers (precedence 0) and readers (1) on UserData', () => {
  expect(() => validateRowsConfig(rowsFixture)).not.toThrow();
  expect(rowsFixture.groups.map((g) => [g.name, g.precedence, g.access])).toEqual([
    ['writers', 0, 'own-rows'],
    ['readers', 1, 'read-all'],
  ]);
  expect([rowsFixture.table.name, rowsFixture.table.partitionKey]).toEqual(['UserData', 'userid']);
});

test.each<[string, RowsConfig, string]>([
  [
    'an own-rows group granted Scan, which carries no partition key',
    { ...rowsFixture, groups: [{ ...writers, actions: ['dynamodb:PutItem', 'dynamodb:Scan'] }, readers] },
    'invalid config: rows.groups[0].actions[1]: "dynamodb:Scan" carries no dynamodb:LeadingKeys, so the own-rows condition would not restrict it to the caller\'s rows (ForAllValues over an absent key is true); own-rows groups may use dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query, dynamodb:PutItem, dynamodb:UpdateItem, dynamodb:DeleteItem, dynamodb:BatchWriteItem, dynamodb:ConditionCheckItem',
  ],
  [
    'a read-all group granted a write',
    { ...rowsFixture, groups: [writers, { ...readers, actions: ['dynamodb:Scan', 'dynamodb:UpdateItem'] }] },
    'invalid config: rows.groups[1].actions[1]: "dynamodb:UpdateItem" is not a read action; read-all groups may use dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query, dynamodb:Scan, dynamodb:ConditionCheckItem, dynamodb:DescribeTable',
  ],
  [
    'a wildcard action',
    { ...rowsFixture, groups: [{ ...writers, actions: ['dynamodb:*'] }, readers] },
    'invalid config: rows.groups[0].actions[0]: "dynamodb:*" is not a DynamoDB action (dynamodb:Name, no wildcards)',
  ],
  [
    'an action of another service',
    { ...rowsFixture, groups: [writers, { ...readers, actions: ['s3:GetObject'] }] },
    'invalid config: rows.groups[1].actions[0]: "s3:GetObject" is not a DynamoDB action (dynamodb:Name, no wildcards)',
  ],
  ['no actions', { ...rowsFixture, groups: [writers, { ...readers, actions: [] }] }, 'invalid config: rows.groups[1].actions: grant at least one action'],
  [
    'a duplicate action',
    { ...rowsFixture, groups: [writers, { ...readers, actions: ['dynamodb:Scan', 'dynamodb:Scan'] }] },
    'invalid config: rows.groups[1].actions[1]: duplicate action "dynamodb:Scan"',
  ],
  [
    'tied precedence',
    { ...rowsFixture, groups: [writers, { ...readers, precedence: 0 }] },
    'invalid config: rows.groups[1].precedence: precedence 0 is also used by rows.groups[0] with a different role; Cognito would then issue no preferred role and the identity pool would deny both',
  ],
  [
    'group names that differ only in case (IAM role names ignore case)',
    { ...rowsFixture, groups: [writers, { ...readers, name: 'Writers' }] },
    'invalid config: rows.groups[1].name: duplicate group "Writers" (also rows.groups[0])',
  ],
  [
    'an unknown access kind',
    { ...rowsFixture, groups: [writers, { ...readers, access: 'everything' as RowsGroupConfig['access'] }] },
    'invalid config: rows.groups[1].access: "everything" is not "own-rows" or "read-all"',
  ],
  ['no groups', { ...rowsFixture, groups: [] }, 'invalid config: rows.groups: declare at least one group'],
  [
    'a sort key equal to the partition key',
    { ...rowsFixture, table: { ...rowsFixture.table, sortKey: 'userid' } },
    'invalid config: rows.table.sortKey: "userid" is also the partition key',
  ],
  [
    'a table name DynamoDB refuses',
    { ...rowsFixture, table: { ...rowsFixture.table, name: 'User Data' } },
    'invalid config: rows.table.name: table name "rows-dev-User Data" must match /^[A-Za-z0-9_.-]{3,255}$/',
  ],
  ['an invalid region', { ...rowsFixture, region: 'mars-1' }, 'invalid config: rows.region: "mars-1" is not an AWS region name'],
  [
    'a group name Cognito and IAM refuse',
    { ...rowsFixture, groups: [writers, { ...readers, name: 'readers of rows' }] },
    'invalid config: rows.groups[1].name: "readers of rows" must match /^[A-Za-z0-9+=,.@_-]{1,40}$/',
  ],
  [
    // Amazon Cognito API Reference, CreateGroup: Precedence is a non-negative Integer (2^31-1 at most).
    "a precedence beyond Cognito's maximum",
    { ...rowsFixture, groups: [writers, { ...readers, precedence: 2 ** 31 }] },
    "invalid config: rows.groups[1].precedence: must be an integer from 0 to 2147483647 (Cognito's maximum)",
  ],
  [
    'a role name over IAM’s 64 characters',
    { ...rowsFixture, environment: 'staging-eu-customer-1', groups: [writers, { ...readers, name: 'readers-of-every-row-in-the-whole-table' }] },
    'invalid config: rows.groups[1].name: role name "rows-staging-eu-customer-1-readers-of-every-row-in-the-whole-table" is 66 characters; IAM allows 64',
  ],
])('%s stops synth with the field named', (_name, config, message) => {
  expect(errorOf(config)).toBe(message);
});

test('a bad rows config stops buildApp before anything is written', () => {
  const parent = mkdtempSync(join(tmpdir(), 'rows-config-'));
  const outdir = join(parent, 'out');
  expect(() => buildApp({ outdir, rows: { ...rowsFixture, groups: [writers, { ...readers, precedence: 0 }] } })).toThrow(
    'invalid config: rows.groups[1].precedence',
  );
  expect(existsSync(outdir)).toBe(false);
  rmSync(parent, { recursive: true, force: true });
});

test('a table without a sort key synthesizes with the partition key only', () => {
  expect(() => validateRowsConfig({ ...rowsFixture, table: { ...rowsFixture.table, sortKey: undefined } })).not.toThrow();
});
