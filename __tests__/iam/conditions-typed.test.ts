import { holds, rejection } from './helpers';

const statementWith = (condition: object) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }],
});

// Rule (Condition operators, Numeric): NumericEquals "Matching", NumericNotEquals "Negated matching",
// NumericLessThan "Less than", NumericLessThanEquals "Less than or equals", NumericGreaterThan "Greater than",
// NumericGreaterThanEquals "Greater than or equals" - "comparing a key to an integer or decimal value".
describe('numeric condition operators', () => {
  it.each([
    ['NumericEquals', '10', '10', true],
    ['NumericEquals', '10', '10.0', true], // compared as numbers, not text
    ['NumericEquals', '10', '11', false],
    ['NumericNotEquals', '10', '11', true],
    ['NumericNotEquals', '10', '10', false],
    ['NumericLessThan', '10', '9.5', true],
    ['NumericLessThan', '10', '10', false],
    ['NumericLessThanEquals', '10', '10', true], // the documented s3:max-keys "up to 10"
    ['NumericLessThanEquals', '10', '11', false],
    ['NumericGreaterThan', '-1', '0', true],
    ['NumericGreaterThan', '10', '10', false],
    ['NumericGreaterThanEquals', '10', '10', true],
    ['NumericGreaterThanEquals', '10', '9', false],
    ['NumericEquals', '10', 'ten', false], // a request value that is no number never matches
  ])('%s %s vs %s -> %s', (operator, policyValue, requestValue, expected) => {
    expect(holds({ [operator]: { 's3:max-keys': policyValue } }, { 's3:max-keys': requestValue })).toBe(expected);
  });

  it('rejects a policy value that is not a number', () => {
    // "You can not use a policy variable with the Numeric condition operator", so ${...} is not a number either.
    expect(rejection(statementWith({ NumericLessThan: { 's3:max-keys': 'ten' } }))).toBe(
      'policy "p": Statement[0].Condition.NumericLessThan.s3:max-keys: invalid number "ten"',
    );
    expect(rejection(statementWith({ NumericLessThan: { 's3:max-keys': ['1', '${n}'] } }))).toBe(
      'policy "p": Statement[0].Condition.NumericLessThan.s3:max-keys[1]: invalid number "${n}"',
    );
  });
});

// Rule (Condition operators, Date): "You must specify date/time values with one of the W3C implementations of
// the ISO 8601 date formats or in epoch (UNIX) time"; "Wildcards are not permitted for date condition operators."
describe('date condition operators', () => {
  const at = (time: string) => ({ 'aws:CurrentTime': time });
  it.each([
    ['DateGreaterThan', '2020-01-01T00:00:01Z', '2020-06-01T00:00:00Z', true], // the documented TokenIssueTime check
    ['DateGreaterThan', '2020-01-01T00:00:01Z', '2019-12-31T23:59:59Z', false],
    ['DateLessThan', '2030-01-01', '2029-12-31T23:59:59Z', true],
    ['DateLessThan', '2030-01-01', '2030-01-01T00:00:00Z', false],
    ['DateLessThanEquals', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', true],
    ['DateGreaterThanEquals', '2030-01-01T00:00:00Z', '2029-12-31T23:59:59Z', false],
    ['DateEquals', '2020-01-01T00:00:00Z', '2020-01-01T02:00:00+02:00', true], // same instant, other zone
    ['DateEquals', '2020-01-01T00:00:00Z', '1577836800', true], // epoch seconds of that instant
    ['DateEquals', '1577836800', '2020-01-01T00:00:00.000Z', true],
    ['DateNotEquals', '2020-01-01T00:00:00Z', '2020-01-01T00:00:01Z', true],
    ['DateNotEquals', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', false],
    ['DateEquals', '2020-01-01', '2020-01-01T00:00:00Z', true], // a date is midnight UTC
    ['DateLessThan', '2020-02-01', 'yesterday', false], // no date, no match
  ])('%s %s vs %s -> %s', (operator, policyValue, requestValue, expected) => {
    expect(holds({ [operator]: { 'aws:CurrentTime': policyValue } }, at(requestValue))).toBe(expected);
  });

  it('rejects a policy value that is not a date, wildcards included', () => {
    expect(rejection(statementWith({ DateLessThan: { 'aws:CurrentTime': '2020-01-*' } }))).toBe(
      'policy "p": Statement[0].Condition.DateLessThan.aws:CurrentTime: invalid date "2020-01-*"',
    );
    expect(rejection(statementWith({ DateLessThan: { 'aws:CurrentTime': '2021-02-29' } }))).toBe(
      'policy "p": Statement[0].Condition.DateLessThan.aws:CurrentTime: invalid date "2021-02-29"',
    );
  });
});

// Rule (Condition operators, Boolean): "Boolean conditions let you construct Condition elements that restrict
// access based on comparing a key to "true" or "false."" - e.g. aws:SecureTransport "false" in a Deny.
describe('Bool', () => {
  it.each([
    ['true', 'true', true],
    ['true', 'TRUE', true],
    ['false', 'true', false],
    ['false', 'false', true],
  ])('Bool %s vs %s -> %s', (policyValue, requestValue, expected) => {
    expect(holds({ Bool: { 'aws:SecureTransport': policyValue } }, { 'aws:SecureTransport': requestValue })).toBe(expected);
  });

  it('rejects anything but true or false', () => {
    expect(rejection(statementWith({ Bool: { 'aws:SecureTransport': 'yes' } }))).toBe(
      'policy "p": Statement[0].Condition.Bool.aws:SecureTransport: invalid boolean "yes": expected "true" or "false"',
    );
  });
});

// Rule (Condition operators, Binary): BinaryEquals "compares the value of the specified key byte for byte
// against a base-64 encoded representation of the binary value in the policy".
describe('BinaryEquals', () => {
  it('compares the bytes behind the base64 text', () => {
    const policyValue = 'QmluYXJ5VmFsdWVJbkJhc2U2NA=='; // the documented example
    expect(holds({ BinaryEquals: { key: policyValue } }, { key: Buffer.from('BinaryValueInBase64').toString('base64') })).toBe(true);
    expect(holds({ BinaryEquals: { key: policyValue } }, { key: Buffer.from('OtherValue').toString('base64') })).toBe(false);
    expect(holds({ BinaryEquals: { key: policyValue } }, { key: 'not base64!' })).toBe(false);
  });

  it('rejects a policy value that is not base64', () => {
    expect(rejection(statementWith({ BinaryEquals: { key: 'abc' } }))).toBe(
      'policy "p": Statement[0].Condition.BinaryEquals.key: invalid base64 "abc"',
    );
  });
});

// Rule (Condition operators, IP address): "The value must be in the standard CIDR format (for example,
// 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP address without the associated routing
// prefix, IAM uses the default prefix value of /32."
describe('IpAddress and NotIpAddress', () => {
  const from = (ip: string) => ({ 'aws:SourceIp': ip });
  it.each([
    ['IpAddress', '203.0.113.0/24', '203.0.113.255', true],
    ['IpAddress', '203.0.113.0/24', '203.0.114.0', false],
    ['IpAddress', '203.0.113.7', '203.0.113.7', true], // no prefix: /32
    ['IpAddress', '203.0.113.7', '203.0.113.8', false],
    ['IpAddress', '10.0.0.0/8', '10.255.255.255', true],
    ['IpAddress', '0.0.0.0/0', '192.0.2.1', true],
    ['IpAddress', '2001:DB8:1234:5678::/64', '2001:db8:1234:5678:abcd::1', true],
    ['IpAddress', '2001:DB8:1234:5678::/64', '2001:db8:1234:5679::1', false],
    ['IpAddress', '2001:db8::/32', '2001:0db8:ffff:0:0:0:0:1', true],
    ['IpAddress', '203.0.113.0/24', '2001:db8::1', false], // IPv4 block, IPv6 caller
    ['IpAddress', '203.0.113.0/24', 'not-an-ip', false],
    ['NotIpAddress', '203.0.113.0/24', '198.51.100.1', true],
    ['NotIpAddress', '203.0.113.0/24', '203.0.113.9', false],
  ])('%s %s vs %s -> %s', (operator, policyValue, requestValue, expected) => {
    expect(holds({ [operator]: { 'aws:SourceIp': policyValue } }, from(requestValue))).toBe(expected);
  });

  it('mixes IPv4 and IPv6 blocks as one OR', () => {
    // The documented example lists "203.0.113.0/24" and "2001:DB8:1234:5678::/64" under one key.
    const condition = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } };
    expect(holds(condition, from('203.0.113.1'))).toBe(true);
    expect(holds(condition, from('2001:db8:1234:5678::9'))).toBe(true);
    expect(holds(condition, from('198.51.100.1'))).toBe(false);
  });

  it('rejects malformed blocks', () => {
    expect(rejection(statementWith({ IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } }))).toBe(
      'policy "p": Statement[0].Condition.IpAddress.aws:SourceIp: invalid IP address or CIDR block "203.0.113.0/33"',
    );
    expect(rejection(statementWith({ IpAddress: { 'aws:SourceIp': '2001:db8::1::/64' } }))).toBe(
      'policy "p": Statement[0].Condition.IpAddress.aws:SourceIp: invalid IP address or CIDR block "2001:db8::1::/64"',
    );
  });
});

// Rule (Condition operators, ARN): "ArnEquals, ArnLike: Case-sensitive matching of the ARN ... The ArnEquals and
// ArnLike condition operators behave identically"; "ArnNotEquals, ArnNotLike: Negated matching for ARN".
describe('ARN condition operators', () => {
  const topic = 'arn:aws:sns:us-east-1:123456789012:TOPIC-ID';
  const source = (arn: string) => ({ 'aws:SourceArn': arn });
  it.each([
    ['ArnEquals', topic, topic, true], // the documented SQS/SNS example
    ['ArnEquals', 'arn:aws:sns:*:123456789012:*', topic, true], // ArnEquals takes wildcards too
    ['ArnLike', 'arn:aws:sns:*:123456789012:*', topic, true],
    ['ArnLike', 'arn:aws:sns:*:123456789012:topic-id', topic, false], // case-sensitive
    ['ArnNotEquals', topic, topic, false],
    ['ArnNotLike', 'arn:aws:sns:*:999999999999:*', topic, true],
  ])('%s %s vs %s -> %s', (operator, policyValue, requestValue, expected) => {
    expect(holds({ [operator]: { 'aws:SourceArn': policyValue } }, source(requestValue))).toBe(expected);
  });
});

// Rule (Condition operators, "Condition operator to check existence of condition keys"): "use either true (the
// key doesn't exist - it is null) or false (the key exists and its value is not null)".
describe('Null', () => {
  it('tests whether the key is present', () => {
    expect(holds({ Null: { 'aws:TokenIssueTime': 'true' } }, {})).toBe(true);
    expect(holds({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' })).toBe(false);
    expect(holds({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' })).toBe(true);
    expect(holds({ Null: { 'aws:TokenIssueTime': 'false' } }, undefined)).toBe(false);
    expect(holds({ Null: { 'aws:TagKeys': 'false' } }, { 'aws:TagKeys': ['a', 'b'] })).toBe(true);
  });

  it('treats an empty string or empty list as null', () => {
    // Rule (IAM JSON policy elements: Condition): "it is possible to include an empty string. In this case, the
    // value in the request context is null."
    expect(holds({ Null: { 'aws:RequestTag/team': 'true' } }, { 'aws:RequestTag/team': '' })).toBe(true);
    expect(holds({ Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] })).toBe(true);
  });

  it('rejects values other than true and false', () => {
    expect(rejection(statementWith({ Null: { 'aws:TokenIssueTime': 'maybe' } }))).toBe(
      'policy "p": Statement[0].Condition.Null.aws:TokenIssueTime: invalid Null value "maybe": expected "true" or "false"',
    );
  });
});
