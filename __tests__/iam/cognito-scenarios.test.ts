import { compilePolicy, evaluate } from '../../access/iam';
import { API, decide } from './helpers';

/** The policies this product generates for Amazon Cognito identity-pool roles, decided as IAM would. */

describe('API Gateway role policy', () => {
  const rolePolicy = compilePolicy(
    {
      Version: '2012-10-17',
      Statement: [{ Sid: 'InvokeUser', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API}/*/GET/user` }],
    },
    'office-User-invoke',
    'identity',
  );
  const invoke = (route: string) => evaluate({ action: 'execute-api:Invoke', resource: `${API}/${route}` }, { identity: [rolePolicy] }).decision;

  it.each([
    // `*` in the resource part spans the stage: "The asterisk (*) character can expand to replace everything
    // within a segment, including characters like a forward slash (/)" (IAM JSON policy elements: Resource).
    ['api/GET/user', 'allowed'],
    ['prod/v2/GET/user', 'allowed'],
    // Nothing allows these: "By default, all requests are implicitly denied" (Policy evaluation logic).
    ['api/GET/admin', 'implicitDeny'],
    ['api/POST/user', 'implicitDeny'],
    // ARN matching is case-sensitive ("Case-sensitive matching of the ARN" - Condition operators, ARN), so the
    // path /Admin is not /admin, and /User is not /user.
    ['api/GET/Admin', 'implicitDeny'],
    ['api/GET/User', 'implicitDeny'],
    ['api/GET/user/extra', 'implicitDeny'],
  ])('%s -> %s', (route, decision) => {
    expect(invoke(route)).toBe(decision);
  });

  it('covers every API in any region and account with the wildcarded form', () => {
    const wide = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:*/*/GET/user' } };
    const request = (resource: string) => ({ action: 'execute-api:Invoke', resource });
    expect(decide(wide, request('arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/api/GET/user'))).toBe('allowed');
    expect(decide(wide, request('arn:aws:execute-api:eu-west-1:999999999999:zzz/prod/GET/user'))).toBe('allowed');
    expect(decide(wide, request('arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/api/GET/admin'))).toBe('implicitDeny');
  });
});

describe('identity-pool role trust policy', () => {
  const POOL = 'us-east-1:11111111-2222-3333-4444-555555555555';
  const trust = compilePolicy(
    {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    },
    'office-User-trust',
    'trust',
  );
  const authenticatedAmr = [
    'authenticated',
    'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc',
    'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:CognitoSignIn:sub-1',
  ];
  const assume = (context: Record<string, string | string[]>, principalId = 'cognito-identity.amazonaws.com') =>
    evaluate(
      {
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: 'arn:aws:iam::123456789012:role/office-User',
        principal: { type: 'Federated', id: principalId },
        context,
      },
      { identity: [], resource: trust },
    ).decision;

  it('lets an authenticated identity of the pool assume the role', () => {
    // Rule (Creating a condition with multiple keys or values): ForAnyValue "returns true if any one of the key
    // values in the request matches any one of the condition values"; amr's first value is "authenticated".
    expect(assume({ 'cognito-identity.amazonaws.com:aud': POOL, 'cognito-identity.amazonaws.com:amr': authenticatedAmr })).toBe('allowed');
  });

  it('refuses a guest, another pool, a missing aud and another provider', () => {
    // A guest's amr is ["unauthenticated"]: no value is like "authenticated" (no wildcard, so no partial match).
    expect(assume({ 'cognito-identity.amazonaws.com:aud': POOL, 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] })).toBe('implicitDeny');
    // StringEquals is exact: another identity pool's id does not match.
    expect(assume({ 'cognito-identity.amazonaws.com:aud': 'us-east-1:other', 'cognito-identity.amazonaws.com:amr': authenticatedAmr })).toBe(
      'implicitDeny',
    );
    // "If the key that you specify in a policy condition is not present in the request context, the values do not
    // match and the condition is false" (Condition operators).
    expect(assume({ 'cognito-identity.amazonaws.com:amr': authenticatedAmr })).toBe('implicitDeny');
    // ForAnyValue: "For no matching key or a null dataset, the condition returns false."
    expect(assume({ 'cognito-identity.amazonaws.com:aud': POOL })).toBe('implicitDeny');
    // The Federated principal must be Cognito's.
    expect(assume({ 'cognito-identity.amazonaws.com:aud': POOL, 'cognito-identity.amazonaws.com:amr': authenticatedAmr }, 'accounts.google.com')).toBe(
      'implicitDeny',
    );
  });
});

describe('S3 per-identity prefix', () => {
  const document = {
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::bucket/uploads/${cognito-identity.amazonaws.com:sub}/*' },
  };
  const SUB = 'us-east-1:aaaa-1111';
  const put = (key: string, context?: Record<string, string>) => decide(document, { action: 's3:PutObject', resource: `arn:aws:s3:::bucket/${key}`, context });

  it('allows the identity its own prefix only', () => {
    // Rule (Variables and tags): "When the policy is evaluated, the policy variables are replaced with values that
    // come from the conditional context keys passed in the request."
    expect(put(`uploads/${SUB}/photo.jpg`, { 'cognito-identity.amazonaws.com:sub': SUB })).toBe('allowed');
    expect(put('uploads/us-east-1:bbbb-2222/photo.jpg', { 'cognito-identity.amazonaws.com:sub': SUB })).toBe('implicitDeny');
    expect(put(`uploads/${SUB}`, { 'cognito-identity.amazonaws.com:sub': SUB })).toBe('implicitDeny');
  });

  it('matches nothing when the sub key is missing', () => {
    // Rule (Variables and tags): a Resource with a variable that has no value "will not match any resource".
    expect(put(`uploads/${SUB}/photo.jpg`)).toBe('implicitDeny');
    expect(put('uploads//photo.jpg')).toBe('implicitDeny');
    expect(put('uploads/${cognito-identity.amazonaws.com:sub}/photo.jpg')).toBe('implicitDeny');
  });
});

describe('DynamoDB leading keys', () => {
  const document = {
    Version: '2012-10-17',
    Statement: {
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query'],
      Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Items',
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': '${cognito-identity.amazonaws.com:sub}' } },
    },
  };
  const SUB = 'us-east-1:aaaa-1111';
  const query = (leadingKeys?: string[]) =>
    decide(document, {
      action: 'dynamodb:Query',
      resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Items',
      context: { 'cognito-identity.amazonaws.com:sub': SUB, ...(leadingKeys === undefined ? {} : { 'dynamodb:LeadingKeys': leadingKeys }) },
    });

  // Rule (Creating a condition with multiple keys or values): ForAllValues "returns true if every key value in the
  // request matches at least one value in the policy. It also returns true if there are no keys in the request".
  it('allows the identity its own partition key', () => {
    expect(query([SUB])).toBe('allowed');
  });

  it("denies a request that also touches someone else's key", () => {
    expect(query([SUB, 'us-east-1:bbbb-2222'])).toBe('implicitDeny');
    expect(query(['us-east-1:bbbb-2222'])).toBe('implicitDeny');
  });

  it('allows when the request has no leading keys at all, as ForAllValues does', () => {
    expect(query()).toBe('allowed');
    expect(query([])).toBe('allowed');
  });
});
