import { compileArnMatcher } from '../../access/iam/arn';
import { ACCOUNT, API, decide, globReference, seededRandom } from './helpers';

const matches = (pattern: string, value: string): boolean => compileArnMatcher(pattern, false, 'resource')(value, undefined);

// Rule (IAM JSON policy elements: Condition operators, ARN condition operators): "Each of the six
// colon-delimited components of the ARN is checked separately and each can include multi-character match
// wildcards (*) or single-character match wildcards (?)". The same holds for Resource (IAM JSON policy
// elements: Resource): "You can use wildcard characters (* and ?) within ARN segments (the parts separated by
// colons)" and "The asterisk (*) character can expand to replace everything within a segment, including
// characters like a forward slash (/)". The sixth segment is everything after the fifth colon.
describe('ARN patterns', () => {
  it.each([
    // The product's route pattern: region, account and API id wildcarded field by field.
    ['arn:aws:execute-api:*:*:*/*/GET/user', `${API}/api/GET/user`, true],
    ['arn:aws:execute-api:*:*:*/*/GET/user', `${API}/api/POST/user`, false],
    [`${API}/*/GET/user`, `${API}/api/GET/user`, true],
    [`${API}/*/GET/user`, `${API}/api/GET/Admin`, false],
    // Field wildcards stay inside their field.
    ['arn:aws:execute-api:us-*:*:*', `${API}/api/GET/user`, true],
    ['arn:aws:execute-api:eu-*:*:*', `${API}/api/GET/user`, false],
    ['arn:aws:execute-api:us-east-?:*:*', `${API}/x`, true],
    ['arn:aws:execute-api:us-east-??:*:*', `${API}/x`, false],
    // The resource part may hold colons and slashes, all covered by one `*`.
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['arn:aws:s3:::bucket*', 'arn:aws:s3:::bucket-logs/x', true],
    ['arn:aws:logs:*:*:log-group:/app/*:*', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/web:log-stream:1`, true],
    // Exact ARNs, case-sensitively.
    [`arn:aws:iam::${ACCOUNT}:role/Admin`, `arn:aws:iam::${ACCOUNT}:role/Admin`, true],
    [`arn:aws:iam::${ACCOUNT}:role/Admin`, `arn:aws:iam::${ACCOUNT}:role/admin`, false],
    [`arn:aws:iam::${ACCOUNT}:role/Admin`, `arn:aws:iam::${ACCOUNT}:role/Admin2`, false],
    // A value that is not ARN-shaped never matches an ARN pattern.
    ['arn:aws:s3:::*', 'arn:aws:s3', false],
    ['arn:aws:s3:*:*:*', 'bucket/key', false],
  ])('%s vs %s -> %s', (pattern, value, expected) => {
    expect(matches(pattern, value)).toBe(expected);
  });

  it('reads the documented ArnLike example field by field', () => {
    // Rule (same section): with pattern arn:aws:someservice:*:111122223333:finance/* and value
    // arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt, "With a
    // StringLike condition, the match succeeds ... With an ArnLike condition, which matches elements between
    // colons, the match fails".
    const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
    const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    expect(matches(pattern, value)).toBe(false);
    const condition = (operator: string) => ({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { [operator]: { 'aws:SourceArn': pattern } } },
    });
    const request = { action: 'sns:Publish', resource: '*', context: { 'aws:SourceArn': value } };
    expect(decide(condition('StringLike'), request)).toBe('allowed');
    expect(decide(condition('ArnLike'), request)).toBe('implicitDeny');
  });

  it('treats `*` as every resource and other non-ARN patterns as plain globs', () => {
    // Rule (IAM JSON policy elements: Resource): for actions without resource-level scope "you use the
    // wildcard * in the Resource element" - it stands for every resource.
    expect(matches('*', '')).toBe(true);
    expect(matches('*', 'not-an-arn')).toBe(true);
    expect(matches('table/*', 'table/users')).toBe(true);
    expect(matches('table/*', 'index/users')).toBe(false);
  });
});

describe('ARN segment rules for Resource', () => {
  const resource = (pattern: string, value: string): boolean => compileArnMatcher(pattern, false, 'resource')(value, undefined);
  const condition = (pattern: string, value: string): boolean => compileArnMatcher(pattern, false, 'condition')(value, undefined);
  const VALUE = `${API}/api/GET/user`;

  it('never matches with a wildcard in the service segment', () => {
    // Rule (IAM JSON policy elements: Resource, "Using wildcards in resource ARNs"): "You can't use a wildcard in
    // the service segment that identifies the AWS product."
    for (const pattern of [`arn:aws:*:us-east-1:${ACCOUNT}:*`, 'arn:aws:execute-*:*:*:*', 'arn:aws:execute-ap?:*:*:*', 'arn:aws:*', 'arn:*']) {
      expect(resource(pattern, VALUE)).toBe(false);
    }
    // The ARN condition operators check "each of the six colon-delimited components" with wildcards allowed.
    expect(condition(`arn:aws:*:us-east-1:${ACCOUNT}:*`, VALUE)).toBe(true);
    expect(condition('arn:aws:execute-ap?:*:*:*', VALUE)).toBe(true);
  });

  it('leaves NotResource covering everything when its pattern names no service', () => {
    const document = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:*:::secret/*' } };
    expect(decide(document, { action: 's3:GetObject', resource: 'arn:aws:s3:::secret/key' })).toBe('allowed');
  });

  it('lets a trailing * of a shorter pattern run on over the remaining segments', () => {
    // Rule (Resource, same section): "If the wildcard (*) is the last character of a resource ARN segment, it can
    // expand to match beyond colon boundaries."
    expect(resource('arn:aws:execute-api:us-east-1:*', VALUE)).toBe(true);
    expect(resource('arn:aws:execute-api:us-*', VALUE)).toBe(true);
    expect(resource('arn:aws:s3:*', 'arn:aws:s3:::bucket/key')).toBe(true);
    expect(resource('arn:aws:execute-api:eu-west-1:*', VALUE)).toBe(false);
    // Without a trailing star a shorter pattern ends where it ends.
    expect(resource(`arn:aws:execute-api:us-east-1:${ACCOUNT}`, VALUE)).toBe(false);
  });

  it('keeps a wildcard inside its segment otherwise', () => {
    // Rule (Resource): "You can use wildcard characters (* and ?) within the individual segments of an ARN (the
    // parts separated by colons)". A region wildcard followed by more of the region does not swallow the account.
    expect(resource('arn:aws:execute-api:us*1:*:abc123defg/*', VALUE)).toBe(true);
    expect(resource('arn:aws:execute-api:u*:abc123defg/*', VALUE)).toBe(false);
    expect(resource(`arn:aws:execute-api:us-east-1:*:*/GET/user`, VALUE)).toBe(true);
    expect(resource(`arn:aws:execute-api:us-east-1:1234*:*`, VALUE)).toBe(true);
    expect(resource(`arn:aws:execute-api:us-east-1:9*:*`, VALUE)).toBe(false);
  });

  it('matches each segment of a pattern with wildcards against the same segment of the value', () => {
    // "Each of the six colon-delimited components of the ARN is checked separately": an empty account segment
    // matches only an empty one, a value with fewer segments has none to match, and only a trailing * of the last
    // segment of a shorter pattern runs on - a star inside it stays in its segment.
    expect(resource('arn:aws:s3:*::bucket/*', 'arn:aws:s3:::bucket/x')).toBe(true);
    expect(resource('arn:aws:s3:*::bucket/*', `arn:aws:s3:us-east-1:${ACCOUNT}:bucket/x`)).toBe(false);
    expect(condition('arn:aws:*:*:*:*', 'arn:aws:sns')).toBe(false);
    expect(condition('arn:aws:*:*:*:*', `arn:aws:sns:us-east-1:${ACCOUNT}:topic`)).toBe(true);
    expect(condition('arn:aws:sns:us-*-1*', `arn:aws:sns:us-east-1:${ACCOUNT}:x-1`)).toBe(true);
    expect(condition('arn:aws:sns:us-*-1*', `arn:aws:sns:us-east-2:${ACCOUNT}:x-1`)).toBe(false);
  });

  it('keeps a variable resource part behind the wildcard segments before it', () => {
    // Rule (Variables and tags): a variable may stand "in the resource portion of the ARN"; the segments before it
    // are still checked one by one.
    const document = (resource: string) => ({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: resource } });
    const send = (queue: string) => decide(document(`arn:aws:sqs:us-*:${ACCOUNT}:*\${aws:username}`), { action: 'sqs:SendMessage', resource: queue, context: { 'aws:username': 'alice' } });
    expect(send(`arn:aws:sqs:us-east-1:${ACCOUNT}:q-alice`)).toBe('allowed');
    expect(send(`arn:aws:sqs:eu-west-1:${ACCOUNT}:q-alice`)).toBe('implicitDeny');
  });
});

describe('ARN patterns against the field-by-field definition', () => {
  /** Splits at the first five colons, as the docs count segments. */
  const fieldsOf = (text: string): string[] => {
    const parts = text.split(':');
    return parts.length <= 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  /** Each leading field globbed alone, the resource part over the rest; a shorter pattern's trailing * runs on. */
  const definition = (pattern: string, value: string): boolean => {
    const p = fieldsOf(pattern);
    const v = fieldsOf(value);
    if (p.length === 6) return v.length === 6 && p.every((field, i) => globReference(field, v[i]));
    const last = p.length - 1;
    if (v.length <= last || !p.slice(0, last).every((field, i) => globReference(field, v[i]))) return false;
    return p[last].endsWith('*') ? globReference(p[last], v[last]) : v.length === p.length && globReference(p[last], v[last]);
  };

  it('agrees on 5,000 generated ArnLike patterns and values', () => {
    const random = seededRandom(11);
    const field = (alphabet: string, max: number): string => Array.from({ length: random(max + 1) }, () => alphabet[random(alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const patternFields = Array.from({ length: 3 + random(4) }, () => field('ab*?', 3));
      const pattern = ['arn', ...patternFields].join(':');
      const value = ['arn', ...Array.from({ length: 3 + random(5) }, () => field('ab', 3))].join(':');
      const matcher = compileArnMatcher(pattern, false, 'condition');
      expect([pattern, value, matcher(value, undefined)]).toEqual([pattern, value, definition(pattern, value)]);
    }
  });
});
