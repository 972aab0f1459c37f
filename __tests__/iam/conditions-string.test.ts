import { holds } from './helpers';

// Rule (IAM JSON policy elements: Condition operators, String condition operators):
//   StringEquals "Exact matching, case sensitive"; StringNotEquals "Negated matching";
//   StringEqualsIgnoreCase "Exact matching, ignoring case"; StringNotEqualsIgnoreCase "Negated matching, ignoring case";
//   StringLike "Case-sensitive matching. The values can include multi-character match wildcards (*) and
//   single-character match wildcards (?)"; StringNotLike "Negated case-sensitive matching".
describe('string condition operators', () => {
  const user = (name: string) => ({ 'aws:username': name });

  it.each([
    ['StringEquals', 'johndoe', 'johndoe', true],
    ['StringEquals', 'johndoe', 'JohnDoe', false], // "Users named JohnDoe are denied access" (Condition element)
    ['StringEquals', 'john*', 'johndoe', false], // no wildcards in StringEquals
    ['StringNotEquals', 'johndoe', 'johndoe', false],
    ['StringNotEquals', 'johndoe', 'JohnDoe', true],
    ['StringEqualsIgnoreCase', 'johndoe', 'JohnDoe', true], // "to match users named johndoe or JohnDoe"
    ['StringEqualsIgnoreCase', 'johndoe', 'janedoe', false],
    ['StringNotEqualsIgnoreCase', 'johndoe', 'JOHNDOE', false],
    ['StringNotEqualsIgnoreCase', 'johndoe', 'janedoe', true],
    ['StringLike', 'john*', 'johndoe', true],
    ['StringLike', 'john?oe', 'johndoe', true],
    ['StringLike', 'john?oe', 'johnxxoe', false],
    ['StringLike', 'John*', 'johndoe', false], // case-sensitive
    ['StringNotLike', 'john*', 'johndoe', false],
    ['StringNotLike', 'john*', 'janedoe', true],
  ])('%s %j vs %j -> %s', (operator, policyValue, requestValue, expected) => {
    expect(holds({ [operator]: { 'aws:username': policyValue } }, user(requestValue))).toBe(expected);
  });

  it('matches condition key names case-insensitively, values case-sensitively', () => {
    // Rule (IAM JSON policy elements: Condition): "Condition key names are not case-sensitive. For example,
    // including the aws:SourceIP condition key is equivalent to testing for AWS:SourceIp. Case-sensitivity of
    // condition key values depends on the condition operator".
    expect(holds({ StringEquals: { 'AWS:UserName': 'johndoe' } }, user('johndoe'))).toBe(true);
    expect(holds({ StringEquals: { 'aws:username': 'johndoe' } }, { 'AWS:USERNAME': 'johndoe' })).toBe(true);
    expect(holds({ StringEquals: { 'aws:username': 'johndoe' } }, { 'AWS:USERNAME': 'JOHNDOE' })).toBe(false);
  });

  it('ORs several values and NORs them for negated operators', () => {
    // Rule (Conditions with multiple context keys or values): "If a single condition operator includes multiple
    // values for a context key, those values are evaluated using a logical OR" and "If a single negated matching
    // condition operator includes multiple values for a context key, those values are evaluated using a logical
    // NOR."
    const values = ['alice', 'bob'];
    expect(holds({ StringEquals: { 'aws:username': values } }, user('bob'))).toBe(true);
    expect(holds({ StringEquals: { 'aws:username': values } }, user('carol'))).toBe(false);
    expect(holds({ StringNotEquals: { 'aws:username': values } }, user('bob'))).toBe(false);
    expect(holds({ StringNotEquals: { 'aws:username': values } }, user('carol'))).toBe(true);
    expect(holds({ StringNotLike: { 'aws:username': ['a*', 'b*'] } }, user('bob'))).toBe(false);
    expect(holds({ StringNotLike: { 'aws:username': ['a*', 'b*'] } }, user('carol'))).toBe(true);
  });

  it('accepts JSON numbers and booleans as condition values, read as their text', () => {
    // IAM reads condition values as strings; a bare 10 or true in JSON is the string "10" or "true".
    expect(holds({ StringEquals: { 's3:max-keys': 10 } }, { 's3:max-keys': '10' })).toBe(true);
    expect(holds({ StringEquals: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'true' })).toBe(true);
  });
});
