import { describeCaller, type Principal } from '../../access/iam';

// Rule (Policy evaluation logic, "Resource-based policies and implicit denies in other policy types"): the table tells
// IAM users, IAM roles, role sessions and federated user sessions apart by their ARNs, and (Cross-account policy
// evaluation logic) the caller's account is the trusted account. Examples are the ARNs that table gives.
describe('describeCaller', () => {
  const aws = (id: string): Principal => ({ type: 'AWS', id });

  it.each<[string, Principal | undefined, object]>([
    ['an IAM user', aws('arn:aws:iam::111122223333:user/exampleuser'), { kind: 'user', account: '111122223333' }],
    ['a user with a path', aws('arn:aws:iam::111122223333:user/division/exampleuser'), { kind: 'user', account: '111122223333' }],
    ['a role', aws('arn:aws:iam::111122223333:role/examplerole'), { kind: 'role', account: '111122223333' }],
    ['a role session', aws('arn:aws:sts::111122223333:assumed-role/examplerole/examplerolesessionname'), { kind: 'role-session', account: '111122223333' }],
    ['a federated user session', aws('arn:aws:sts::111122223333:federated-user/exampleuser'), { kind: 'federated-user', account: '111122223333' }],
    ['the root ARN', aws('arn:aws:iam::111122223333:root'), { kind: 'root', account: '111122223333' }],
    // "The account ARN and the shortened account ID behave the same way" (AWS JSON policy elements: Principal).
    ['a bare account ID', aws('111122223333'), { kind: 'root', account: '111122223333' }],
    ['another partition', aws('arn:aws-cn:iam::111122223333:user/u'), { kind: 'user', account: '111122223333' }],
    ['a service', { type: 'Service', id: 'lambda.amazonaws.com' }, { kind: 'other', account: undefined }],
    ['a web identity provider', { type: 'Federated', id: 'cognito-identity.amazonaws.com' }, { kind: 'other', account: undefined }],
    ['an anonymous caller', undefined, { kind: 'other', account: undefined }],
    ['text that is no ARN', aws('not-an-arn'), { kind: 'other', account: undefined }],
    ['an ARN without an account', aws('arn:aws:iam::aws:policy/ReadOnlyAccess'), { kind: 'other', account: undefined }],
  ])('reads %s', (_what, principal, expected) => {
    expect(describeCaller(principal)).toEqual(expected);
  });
});
