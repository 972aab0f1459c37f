import { describeCaller, isAccountId, type Principal } from '../../access/iam';
import { resourceAccountOf } from '../../access/iam/caller';

// Edges of reading who calls and who owns the resource. IAM identifiers, "IAM ARNs": an account ID is "the AWS
// account ID with no hyphens (for example, 123456789012)", twelve digits; the ARN format is
// arn:partition:service:region:account-id:resource.
describe('describeCaller: ARNs that name no IAM user, role, session or account', () => {
  const aws = (id: string): Principal => ({ type: 'AWS', id });

  it.each<[string, Principal, object]>([
    // STS issues assumed-role and federated-user ARNs only; anything else under sts is no caller kind IAM lists.
    ['an STS ARN of neither session kind', aws('arn:aws:sts::111122223333:role/x'), { kind: 'other', account: '111122223333' }],
    // An IAM group is never a principal ("You cannot identify a user group as a principal", Principal element).
    ['an IAM group', aws('arn:aws:iam::111122223333:group/admins'), { kind: 'other', account: '111122223333' }],
    ['an ARN of another service', aws('arn:aws:s3:::bucket'), { kind: 'other', account: undefined }],
    // Only iam and sts ARNs name IAM principals: an EC2 resource shaped like a role is no role.
    ['an ARN of another service shaped like a role', aws('arn:aws:ec2:us-east-1:111122223333:role/x'), { kind: 'other', account: '111122223333' }],
    ['an ARN of another service shaped like a root', aws('arn:aws:ec2:us-east-1:111122223333:root'), { kind: 'other', account: '111122223333' }],
    ['a user whose account field has eleven digits', aws('arn:aws:iam::11112222333:user/u'), { kind: 'user', account: undefined }],
    ['a user whose account field has thirteen digits', aws('arn:aws:iam::1111222233334:user/u'), { kind: 'user', account: undefined }],
    ['a name that only starts with "user"', aws('arn:aws:iam::111122223333:username/u'), { kind: 'other', account: '111122223333' }],
    ['a name that only starts with "role"', aws('arn:aws:iam::111122223333:roles/r'), { kind: 'other', account: '111122223333' }],
    ['a root that is not the whole resource', aws('arn:aws:iam::111122223333:rootx'), { kind: 'other', account: '111122223333' }],
    ['text with six fields that does not start with arn', aws('urn:aws:iam::111122223333:user/u'), { kind: 'other', account: undefined }],
    ['an ARN cut short', aws('arn:aws:iam::111122223333'), { kind: 'other', account: undefined }],
    // The Principal type decides before the id does: a Service principal with an account-like id is no account.
    ['a Service principal whose id is twelve digits', { type: 'Service', id: '111122223333' }, { kind: 'other', account: undefined }],
  ])('reads %s', (_what, principal, expected) => {
    expect(describeCaller(principal)).toEqual(expected);
  });

  it('takes an account ID as exactly twelve digits', () => {
    expect(isAccountId('111122223333')).toBe(true);
    expect(isAccountId('1111-2222-3333')).toBe(false); // "with no hyphens"
    expect(isAccountId('x111122223333')).toBe(false);
    expect(isAccountId('111122223333x')).toBe(false);
    expect(isAccountId('11112222333')).toBe(false);
  });
});

describe('resourceAccountOf: the account that owns the resource', () => {
  const request = (resource: string, resourceAccount?: string) => ({ action: 's3:GetObject', resource, resourceAccount });

  it.each<[string, string, string | undefined, string | undefined]>([
    ['the account field of the ARN', 'arn:aws:dynamodb:us-east-1:444455556666:table/t', undefined, '444455556666'],
    // An S3 bucket ARN leaves region and account empty: only resourceAccount can say whose it is.
    ['nothing for an S3 ARN', 'arn:aws:s3:::bucket/key', undefined, undefined],
    ['resourceAccount when given', 'arn:aws:s3:::bucket/key', '444455556666', '444455556666'],
    ['resourceAccount over the ARN', 'arn:aws:dynamodb:us-east-1:444455556666:table/t', '777788889999', '777788889999'],
    ['nothing for "*"', '*', undefined, undefined],
    ['nothing for a value that is no ARN but has six fields', 'urn:aws:dynamodb:us-east-1:444455556666:table/t', undefined, undefined],
    ['nothing for an account field that is not an account ID', 'arn:aws:iam::aws:policy/ReadOnlyAccess', undefined, undefined],
    ['nothing for an ARN cut short', 'arn:aws:dynamodb:us-east-1:444455556666', undefined, undefined],
  ])('takes %s', (_what, resource, resourceAccount, expected) => {
    expect(resourceAccountOf(request(resource, resourceAccount))).toBe(expected);
  });
});
