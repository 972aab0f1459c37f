import { evaluate } from '../../access/iam';
import { roleView, RoleView } from '../../access/role-policies';
import { StackModel, Unreadable } from '../../model';
import { modelOf } from '../support/model';

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
      unknown: { name: 'fx-unknown', assume_role_policy: TRUST },
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
      unknown: { role: '${aws_iam_role.unknown.name}', policy_arn: 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere' },
      foreign: { role: '${aws_iam_role.unknown.name}', policy_arn: 'arn:aws:iam::210987654321:policy/theirs' },
    },
  },
};

describe('roleView gathers every policy that decides what a role’s sessions may do', () => {
  let stack: StackModel;
  let app: RoleView;
  const role = (name: string) => stack.roles.find((r) => r.name === name)!;
  beforeAll(() => {
    stack = modelOf(STACK);
    app = roleView(role('app'));
  });
  const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
    evaluate({ action, resource, context }, { identity: app.identity, boundaries: app.boundaries }).decision;

  test('name, ARN with the role’s path, and the trust policy compiled as a trust policy', () => {
    expect(app.name).toBe('fx-app');
    expect(app.arn).toBe('arn:aws:iam::123456789012:role/svc/fx-app');
    expect(app.trust).toMatchObject({ name: 'aws_iam_role.app.assume_role_policy', kind: 'trust' });
    expect(stack.problems).toEqual([]);
  });

  test('identity policies: inline block, aws_iam_role_policy, attachment and managed_policy_arns — not other roles’ policies', () => {
    // Inline documents first (block, then aws_iam_role_policy), then managed ones (managed_policy_arns, attachments).
    expect(app.identity.map((p) => [p.name, p.kind])).toEqual([
      ['aws_iam_role.app.inline_policy[0].policy', 'identity'],
      ['aws_iam_role_policy.extra.policy', 'identity'],
      ['aws_iam_policy.managed.policy', 'identity'],
      ['aws_iam_policy.attached.policy', 'identity'],
    ]);
    expect(app.boundaries.map((p) => [p.name, p.kind])).toEqual([['aws_iam_policy.boundary.policy', 'boundary']]);
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
    const bystander = roleView(role('bystander'));
    expect(bystander.identity.map((p) => p.name)).toEqual(['aws_iam_role_policy.elsewhere.policy']);
    expect(bystander.boundaries).toEqual([]);
  });

  test('an AWS managed policy is judged by its document from the catalogue', () => {
    // AWS managed policy reference, ReadOnlyAccess: Get*/List*/Describe* on "*", no writes.
    const readonly = roleView(role('readonly'));
    expect(readonly.identity.map((p) => p.name)).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess.document']);
    const decideAs = (action: string) => evaluate({ action, resource: 'arn:aws:s3:::any-bucket/key' }, { identity: readonly.identity }).decision;
    expect(decideAs('s3:GetObject')).toBe('allowed');
    expect(decideAs('s3:PutObject')).toBe('implicitDeny');
  });

  test('a managed policy whose document is unknown (not in the catalogue, or another account’s) stops the simulation', () => {
    expect(() => roleView({ ...role('unknown'), managed: role('unknown').managed.filter((m) => !m.awsManaged) })).toThrow(
      new Unreadable(
        'aws_iam_role_policy_attachment.foreign',
        'policy_arn',
        'arn:aws:iam::210987654321:policy/theirs (on aws_iam_role.unknown) is not a policy of this stack: its document cannot be read offline',
      ),
    );
    expect(() => roleView({ ...role('unknown'), managed: role('unknown').managed.filter((m) => m.awsManaged) })).toThrow(
      /arn:aws:iam::aws:policy\/NoSuchPolicyAnywhere \(on aws_iam_role.unknown\) is an AWS managed policy the catalogue does not know/,
    );
  });
});
