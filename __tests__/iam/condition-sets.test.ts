import { holds, rejection } from './helpers';

describe('absent condition keys', () => {
  // Rule (Condition operators, "Important"): "If the key that you specify in a policy condition is not present in
  // the request context, the values do not match and the condition is false. If the policy condition requires
  // that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the
  // condition is true. This logic applies to all condition operators except ...IfExists and Null check."
  it.each([
    ['StringEquals', 'x', false],
    ['StringLike', '*', false],
    ['NumericLessThan', '10', false],
    ['DateGreaterThan', '2020-01-01', false],
    ['Bool', 'false', false],
    ['IpAddress', '0.0.0.0/0', false],
    ['ArnLike', '*', false],
    ['BinaryEquals', 'QQ==', false],
    ['StringNotEquals', 'x', true],
    ['StringNotEqualsIgnoreCase', 'x', true],
    ['StringNotLike', '*', true],
    ['NumericNotEquals', '1', true],
    ['DateNotEquals', '2020-01-01', true],
    ['NotIpAddress', '10.0.0.0/8', true],
    ['ArnNotEquals', 'arn:aws:s3:::b', true],
    ['ArnNotLike', '*', true],
  ])('%s on an absent key -> %s', (operator, value, expected) => {
    expect(holds({ [operator]: { 'aws:Missing': value } }, { other: 'x' })).toBe(expected);
    expect(holds({ [operator]: { 'aws:Missing': value } }, undefined)).toBe(expected);
  });
});

describe('...IfExists', () => {
  // Rule (Condition operators, "...IfExists condition operators"): "If the policy key is present in the context
  // of the request, process the key as specified in the policy. If the key is not present, evaluate the condition
  // element as true."
  it('is true on an absent key and an ordinary test on a present one', () => {
    const condition = { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } };
    expect(holds(condition, {})).toBe(true);
    expect(holds(condition, { 'ec2:InstanceType': 't2.micro' })).toBe(true);
    expect(holds(condition, { 'ec2:InstanceType': 'c5.large' })).toBe(false);
    expect(holds({ NumericLessThanIfExists: { 's3:max-keys': '10' } }, {})).toBe(true);
    expect(holds({ NumericLessThanIfExists: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' })).toBe(false);
  });

  it('keeps negated operators true on an absent key', () => {
    // "If you are using an "Effect": "Deny" element with a negated condition operator like
    // StringNotEqualsIfExists, the request is still denied even if the tag is missing."
    expect(holds({ StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'red' } }, {})).toBe(true);
    expect(holds({ StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'red' } }, { 'aws:PrincipalTag/team': 'red' })).toBe(false);
  });
});

describe('set operators on multivalued keys', () => {
  // Rule (Creating a condition with multiple keys or values): ForAllValues "returns true if every key value in the
  // request matches at least one value in the policy. It also returns true if there are no keys in the request,
  // or if the key values resolve to a null data set"; ForAnyValue "returns true if any one of the key values in
  // the request matches any one of the condition values in the policy. For no matching key or a null dataset,
  // the condition returns false."
  const allowed = { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['PostDateTime', 'Message', 'Tags'] } };
  const forbidden = { 'ForAnyValue:StringEquals': { 'dynamodb:Attributes': ['ID', 'PostDateTime'] } };
  const attributes = (...names: string[]) => ({ 'dynamodb:Attributes': names });

  it('ForAllValues needs every request value among the policy values', () => {
    expect(holds(allowed, attributes('Message', 'Tags'))).toBe(true);
    // The documented walk-through: PostDateTime and UserName -> "There's no match for UserName, so the
    // condition operator returns false".
    expect(holds(allowed, attributes('PostDateTime', 'UserName'))).toBe(false);
    expect(holds(allowed, attributes())).toBe(true); // empty data set
    expect(holds(allowed, {})).toBe(true); // no key
    expect(holds(allowed, { 'dynamodb:Attributes': 'Message' })).toBe(true); // a single value is a one-item set
  });

  it('ForAnyValue needs one request value among the policy values', () => {
    // The documented PutItem walk-through: UserName, Message, PostDateTime -> the last test is true.
    expect(holds(forbidden, attributes('UserName', 'Message', 'PostDateTime'))).toBe(true);
    // "PutItem with just the UserName attribute ... The condition returns false".
    expect(holds(forbidden, attributes('UserName'))).toBe(false);
    expect(holds(forbidden, attributes())).toBe(false);
    expect(holds(forbidden, {})).toBe(false);
    expect(holds({ 'ForAnyValue:StringEqualsIfExists': { 'dynamodb:Attributes': 'ID' } }, {})).toBe(true);
  });

  it('applies a negated operator to each request value (the documented aws:TagKeys table)', () => {
    // Rule (Multivalued context key examples, "Deny policy with condition set operator ForAllValues"):
    // "ForAllValues:StringNotLike": {"aws:TagKeys": "key1*"} -> key1:legal: no match; key1:hr + key1:personnel:
    // no match; key2:audit: match; no aws:TagKeys in the request: match.
    const condition = { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } };
    expect(holds(condition, { 'aws:TagKeys': ['key1:legal'] })).toBe(false);
    expect(holds(condition, { 'aws:TagKeys': ['key1:hr', 'key1:personnel'] })).toBe(false);
    expect(holds(condition, { 'aws:TagKeys': ['key2:audit'] })).toBe(true);
    expect(holds(condition, {})).toBe(true);
    // ForAnyValue with a negated operator: some request value is unlike every policy value.
    const any = { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } };
    expect(holds(any, { 'aws:TagKeys': ['a', 'c'] })).toBe(true);
    expect(holds(any, { 'aws:TagKeys': ['a', 'b'] })).toBe(false);
    // "For no matching key or a null dataset, the condition returns false" - negated operator or not.
    expect(holds(any, {})).toBe(false);
  });

  it('reads a multivalued key without a set operator as "any value matches" (negated: "none matches")', () => {
    // The docs say multivalued keys "require" a set operator and do not spell out the fallback; this applies the
    // documented OR/NOR rule for several values to the request side too, so a positive operator holds when some
    // request value matches and a negated operator is exactly its negation.
    expect(holds({ StringEquals: { 'aws:TagKeys': 'b' } }, { 'aws:TagKeys': ['a', 'b'] })).toBe(true);
    expect(holds({ StringEquals: { 'aws:TagKeys': 'c' } }, { 'aws:TagKeys': ['a', 'b'] })).toBe(false);
    expect(holds({ StringNotEquals: { 'aws:TagKeys': 'b' } }, { 'aws:TagKeys': ['a', 'b'] })).toBe(false);
    expect(holds({ StringNotEquals: { 'aws:TagKeys': 'c' } }, { 'aws:TagKeys': ['a', 'b'] })).toBe(true);
  });
});

describe('several keys and operators', () => {
  // Rule (Conditions with multiple context keys or values): "If your policy statement has multiple condition
  // operators, the condition operators are evaluated using a logical AND" and "If your policy statement has
  // multiple context keys attached to a single condition operator, the context keys are evaluated using a
  // logical AND."
  const condition = {
    StringEqualsIgnoreCase: { 'aws:PrincipalTag/department': ['finance', 'hr', 'legal'], 'aws:PrincipalTag/role': ['audit', 'security'] },
    StringEquals: { 'aws:PrincipalAccount': '123456789012' },
  };
  const full = { 'aws:PrincipalTag/department': 'HR', 'aws:PrincipalTag/role': 'audit', 'aws:PrincipalAccount': '123456789012' };

  it('needs every key of every operator to hold', () => {
    expect(holds(condition, full)).toBe(true);
    expect(holds(condition, { ...full, 'aws:PrincipalTag/role': 'dev' })).toBe(false);
    expect(holds(condition, { ...full, 'aws:PrincipalAccount': '999999999999' })).toBe(false);
    const { 'aws:PrincipalTag/role': _omitted, ...withoutRole } = full;
    expect(holds(condition, withoutRole)).toBe(false);
  });
});

describe('condition operator names', () => {
  const withOperator = (operator: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*', Condition: { [operator]: { k: 'v' } } }],
  });

  it.each([
    'StringEqualz',
    'stringequals', // operator names are case-sensitive
    'ForSomeValues:StringEquals',
    'ForAnyValue:ForAllValues:StringEquals',
    'ForAnyValue:',
    'StringEqualsIfExist',
    'IfExists',
    // "You can add IfExists to the end of any condition operator name except the Null condition"
    'NullIfExists',
    'ForAllValues:Null',
  ])('rejects %s', (operator) => {
    expect(rejection(withOperator(operator))).toBe(`policy "p": Statement[1].Condition.${operator}: unknown condition operator "${operator}"`);
  });

  it.each([
    ['ForAllValues:StringLikeIfExists', 'a*'],
    ['ForAnyValue:ArnNotLike', 'arn:aws:s3:::*'],
    ['DateLessThanEqualsIfExists', '2030-01-01T00:00:00Z'],
    ['BinaryEqualsIfExists', 'QQ=='],
    ['Null', 'true'],
  ])('accepts %s', (operator, value) => {
    const document = { Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { [operator]: { k: value } } } };
    expect(rejection(document)).toBe('compiled');
  });
});
