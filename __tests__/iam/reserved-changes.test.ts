import { compilePolicy, evaluate } from '../../access/iam';
import { ACCOUNT } from './helpers';

// Every write action on an AWS-reserved resource, not only a sample. Sources: AWS managed policies reference ("You
// cannot change the permissions defined in AWS managed policies"; the IAM actions that write a managed policy or
// its versions and tags are listed in the Service Authorization Reference, "Actions defined by AWS Identity and
// Access Management"); IAM Identity Center User Guide, "Using service-linked roles" (roles under
// /aws-reserved/sso.amazonaws.com/ are only modifiable by AWS, tags included).
const allowAll = compilePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, 'admin', 'identity');
const caller = { type: 'AWS' as const, id: `arn:aws:iam::${ACCOUNT}:user/admin` };
const decide = (action: string, resource: string) => evaluate({ action, resource, principal: caller }, { identity: [allowAll] }).decision;

const MANAGED = 'arn:aws:iam::aws:policy/AdministratorAccess';
const RESERVED = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`;

it.each([
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:TagPolicy',
  'iam:UntagPolicy',
])('%s on an AWS managed policy is refused even under Allow *', (action) => {
  expect(decide(action, MANAGED)).toBe('implicitDeny');
  expect(decide(action, `arn:aws:iam::${ACCOUNT}:policy/team`)).toBe('allowed');
});

it.each([
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
])('%s on an aws-reserved role is refused even under Allow *', (action) => {
  expect(decide(action, RESERVED)).toBe('implicitDeny');
  expect(decide(action, `arn:aws:iam::${ACCOUNT}:role/app/Admin`)).toBe('allowed');
});
