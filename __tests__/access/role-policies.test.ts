import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../access/iam';
import { roleView, RoleView } from '../../access/role-policies';
import { ReaderError, TfStack } from '../../access/terraform-reader';

const allow = (action: string, resource: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
});

/** One role with every kind of policy Terraform can give it, plus a bystander role and one with an AWS managed policy. */
const STACK = {
  provider: { aws: [{ region: 'us-east-1' }] },
  resource: {
    aws_iam_role: {
      app: {
        name: 'fx-app',
        path: '/svc/',
        assume_role_policy: TRUST,
        // Inline policy block; $${aws:userid} is Terraform's escape for the IAM policy variable ${aws:userid}.
        inline_policy: [{ name: 'own-prefix', policy: allow('s3:GetObject', 'arn:aws:s3:::fx-bucket/$${aws:userid}/*') }],
        managed_policy_arns: ['${aws_iam_policy.managed.arn}'],
        permissions_boundary: '${aws_iam_policy.boundary.arn}',
      },
      bystander: { name: 'fx-bystander', assume_role_policy: TRUST },
      readonly: { name: 'fx-readonly', assume_role_policy: TRUST },
    },
    aws_dynamodb_table: { table: { name: 'fx-table' } },
    aws_iam_role_policy: {
      extra: { name: 'table', role: '${aws_iam_role.app.id}', policy: allow('dynamodb:GetItem', '${aws_dynamodb_table.table.arn}') },
      elsewhere: { name: 'other', role: '${aws_iam_role.bystander.name}', policy: allow('*', '*') },
    },
    aws_iam_policy: {
      attached: { name: 'fx-queue', policy: allow('sqs:SendMessage', '*') },
      managed: { name: 'fx-topic', path: '/team/', policy: allow('sns:Publish', '*') },
      boundary: {
        name: 'fx-boundary',
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'sns:*'], Resource: '*' }] }),
      },
    },
    aws_iam_role_policy_attachment: {
      queue: { role: '${aws_iam_role.app.name}', policy_arn: '${aws_iam_policy.attached.arn}' },
      aws: { role: '${aws_iam_role.readonly.name}', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    },
  },
};

describe('roleView gathers every policy that decides what a role’s sessions may do', () => {
  let stack: TfStack;
  let app: RoleView;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'role-policies-'));
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(STACK));
    stack = TfStack.load(dir, 'fx');
    app = roleView(stack, stack.resources('aws_iam_role').find((r) => r.name === 'app')!);
  });
  const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
    evaluate({ action, resource, context }, { identity: app.identity, boundaries: app.boundaries }).decision;

  test('name, ARN with the role’s path, and the trust policy compiled as a trust policy', () => {
    expect(app.name).toBe('fx-app');
    expect(app.arn).toBe('arn:aws:iam::123456789012:role/svc/fx-app');
    expect(app.trust).toMatchObject({ name: 'aws_iam_role.app.assume_role_policy', kind: 'trust' });
  });

  test('identity policies: inline block, aws_iam_role_policy, attachment and managed_policy_arns — not other roles’ policies', () => {
    expect(app.identity.map((p) => [p.name, p.kind])).toEqual([
      ['aws_iam_role.app.inline_policy[0]', 'identity'],
      ['aws_iam_role_policy.extra', 'identity'],
      ['aws_iam_policy.attached', 'identity'],
      ['aws_iam_policy.managed', 'identity'],
    ]);
    expect(app.boundaries.map((p) => [p.name, p.kind])).toEqual([['aws_iam_policy.boundary', 'boundary']]);
  });

  test('references inside policies are resolved, and $${...} reaches IAM as a policy variable', () => {
    // IAM "Policy variables": ${aws:userid} is replaced with the caller's user id (role id:session name for a role).
    const userid = 'AROAEXAMPLEEXAMPLE123:CognitoIdentityCredentials';
    expect(decide('s3:GetObject', `arn:aws:s3:::fx-bucket/${userid}/report.pdf`, { 'aws:userid': userid })).toBe('allowed');
    expect(decide('s3:GetObject', 'arn:aws:s3:::fx-bucket/AROAOTHER:x/report.pdf', { 'aws:userid': userid })).toBe('implicitDeny');
    expect(decide('dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:123456789012:table/fx-table')).toBe('allowed');
    expect(decide('dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:123456789012:table/other')).toBe('implicitDeny');
    expect(decide('sns:Publish', 'arn:aws:sns:us-east-1:123456789012:topic')).toBe('allowed');
  });

  test('the permissions boundary caps the identity policies: an action only they allow is implicitly denied', () => {
    // IAM "Permissions boundaries": the effective permissions are the intersection of identity policy and boundary.
    expect(decide('sqs:SendMessage', 'arn:aws:sqs:us-east-1:123456789012:queue')).toBe('implicitDeny');
    const result = evaluate(
      { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:123456789012:queue' },
      { identity: app.identity, boundaries: app.boundaries },
    );
    expect(result.reasons.at(-1)).toBe('no permissions boundary allows sqs:SendMessage on arn:aws:sqs:us-east-1:123456789012:queue');
  });

  test('a role with no policies of its own gets none from its neighbours', () => {
    const bystander = roleView(stack, stack.resources('aws_iam_role').find((r) => r.name === 'bystander')!);
    expect(bystander.identity.map((p) => p.name)).toEqual(['aws_iam_role_policy.elsewhere']);
    expect(bystander.boundaries).toEqual([]);
  });

  test('an AWS managed policy cannot be read offline → ReaderError naming role and policy', () => {
    const readonly = stack.resources('aws_iam_role').find((r) => r.name === 'readonly')!;
    expect(() => roleView(stack, readonly)).toThrow(
      new ReaderError(
        'aws_iam_role.readonly: policy arn:aws:iam::aws:policy/ReadOnlyAccess is not in this stack (AWS managed policies cannot be evaluated offline)',
      ),
    );
  });
});
