import type { Principal } from '../../access/iam';
import { ACCOUNT, decide } from './helpers';

const BUCKET = 'arn:aws:s3:::bucket';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app/Reader`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/session-1`;

/** Decision of a bucket policy with one statement naming `principal`, for s3:GetObject by `caller`. */
function bucketDecision(principal: unknown, caller: Principal | undefined, element = 'Principal', effect = 'Allow'): string {
  const document = { Version: '2012-10-17', Statement: [{ Effect: effect, [element]: principal, Action: 's3:GetObject', Resource: `${BUCKET}/*` }] };
  return decide(document, { action: 's3:GetObject', resource: `${BUCKET}/k`, principal: caller }, 'resource');
}

describe('Principal', () => {
  it('matches everyone, anonymous callers included, with "*" or {"AWS": "*"}', () => {
    // Rule (AWS JSON policy elements: Principal, "All principals"): "Principal": "*" and "Principal" : { "AWS" :
    // "*" } are the two documented forms; "using a wildcard (*) with an Allow effect grants access to all
    // users, including anonymous users (public access)".
    for (const principal of ['*', { AWS: '*' }, { AWS: ['*'] }]) {
      expect(bucketDecision(principal, { type: 'AWS', id: ROLE })).toBe('allowed');
      expect(bucketDecision(principal, { type: 'Service', id: 'lambda.amazonaws.com' })).toBe('allowed');
      expect(bucketDecision(principal, undefined)).toBe('allowed');
    }
  });

  it('matches a federated provider, a service and a canonical user by exact id', () => {
    const cognito = { type: 'Federated', id: 'cognito-identity.amazonaws.com' } as const;
    expect(bucketDecision({ Federated: 'cognito-identity.amazonaws.com' }, cognito)).toBe('allowed');
    expect(bucketDecision({ Federated: 'accounts.google.com' }, cognito)).toBe('implicitDeny');
    expect(bucketDecision({ Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] }, { type: 'Service', id: 'ec2.amazonaws.com' })).toBe('allowed');
    // The type matters: a Service principal is not a Federated one with the same text.
    expect(bucketDecision({ Service: 'cognito-identity.amazonaws.com' }, cognito)).toBe('implicitDeny');
    expect(bucketDecision({ CanonicalUser: 'abc123' }, { type: 'CanonicalUser', id: 'abc123' })).toBe('allowed');
    expect(bucketDecision({ Federated: 'cognito-identity.amazonaws.com' }, undefined)).toBe('implicitDeny');
  });

  it('takes ARNs literally: no partial wildcards, case-sensitive names', () => {
    // Rule (Principal): "You cannot use a wildcard to match part of a principal name or ARN." and "In a Principal
    // element, the user name part of the Amazon Resource Name (ARN) is case sensitive."
    expect(bucketDecision({ AWS: ROLE }, { type: 'AWS', id: ROLE })).toBe('allowed');
    expect(bucketDecision({ AWS: `arn:aws:iam::${ACCOUNT}:role/app/*` }, { type: 'AWS', id: ROLE })).toBe('implicitDeny');
    expect(bucketDecision({ AWS: `arn:aws:iam::${ACCOUNT}:user/Bob` }, { type: 'AWS', id: `arn:aws:iam::${ACCOUNT}:user/bob` })).toBe(
      'implicitDeny',
    );
  });

  it("covers a role's sessions through the role ARN", () => {
    // Rule (Policy evaluation logic, same account): "Resource-based policies that grant permissions to an IAM role
    // ARN are limited by an implicit deny in a permissions boundary or session policy" - i.e. they apply to the
    // role's sessions, whose ARN (arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION) drops the role's path.
    expect(bucketDecision({ AWS: ROLE }, { type: 'AWS', id: SESSION })).toBe('allowed');
    expect(bucketDecision({ AWS: `arn:aws:iam::${ACCOUNT}:role/Writer` }, { type: 'AWS', id: SESSION })).toBe('implicitDeny');
  });

  it('delegates to the account when it names only the account', () => {
    // Rule (Principal, "AWS account principals"): "This delegates authority to the account ... The account ARN
    // and the shortened account ID behave the same way." The caller still needs an identity-policy allow, which
    // this resource-only request lacks; the root user itself is named directly.
    for (const account of [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`]) {
      expect(bucketDecision({ AWS: account }, { type: 'AWS', id: SESSION })).toBe('implicitDeny');
      expect(bucketDecision({ AWS: account }, { type: 'AWS', id: `arn:aws:iam::${ACCOUNT}:root` })).toBe('allowed');
      expect(bucketDecision({ AWS: account }, { type: 'AWS', id: ACCOUNT })).toBe('allowed');
      // A Deny naming the account does reach everyone in it.
      expect(bucketDecision({ AWS: account }, { type: 'AWS', id: SESSION }, 'Principal', 'Deny')).toBe('explicitDeny');
    }
  });
});

describe('NotPrincipal', () => {
  // Rule (AWS JSON policy elements: NotPrincipal): "When you use NotPrincipal in the same policy statement as
  // "Effect": "Deny", the actions specified in the policy statement are explicitly denied to all principals
  // except for the ones specified."
  const bob = `arn:aws:iam::444455556666:user/Bob`;
  const notBob = { AWS: [bob, 'arn:aws:iam::444455556666:root'] };

  it('applies to everyone it does not name', () => {
    // Alice shares Bob's account, which NotPrincipal lists "as a best practice"; she is still not Bob.
    expect(bucketDecision(notBob, { type: 'AWS', id: `arn:aws:iam::444455556666:user/Alice` }, 'NotPrincipal', 'Deny')).toBe('explicitDeny');
    expect(bucketDecision({ AWS: bob }, { type: 'AWS', id: ROLE }, 'NotPrincipal', 'Deny')).toBe('explicitDeny');
    expect(bucketDecision(notBob, { type: 'AWS', id: bob }, 'NotPrincipal', 'Deny')).toBe('implicitDeny');
    expect(bucketDecision(notBob, undefined, 'NotPrincipal', 'Deny')).toBe('explicitDeny'); // anonymous is not Bob
  });
});
