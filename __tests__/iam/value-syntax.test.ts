import { holds, rejection } from './helpers';

// The text forms condition values take, read through a Condition block on an Allow-everything statement.
const statementWith = (condition: object) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }],
});
const invalidDate = (value: string) => rejection(statementWith({ DateLessThan: { 'aws:CurrentTime': value } }));
const refusedDate = (value: string) => `policy "p": Statement[0].Condition.DateLessThan.aws:CurrentTime: invalid date "${value}"`;

describe('date values', () => {
  // Rule (Condition operators, Date): "You must specify date/time values with one of the W3C implementations of the
  // ISO 8601 date formats or in epoch (UNIX) time." The W3C note (Date and Time Formats) defines the fields: MM
  // "two-digit month (01=January, etc.)", DD "two-digit day of month (01 through 31)", hh "two digits of hour (00
  // through 23)", mm "two digits of minute (00 through 59)", ss "two digits of second (00 through 59)", s "one or
  // more digits representing a decimal fraction of a second", TZD "time zone designator (Z or +hh:mm or -hh:mm)".
  it.each(['2020-00-01', '2020-13-01', '2020-01-00', '2020-01-01T24:00:00Z', '2020-01-01T00:60:00Z', '2020-01-01T00:00:60Z'])(
    'refuses %s: a field out of its W3C range',
    (value) => {
      expect(invalidDate(value)).toBe(refusedDate(value));
    },
  );

  it.each(['x2020-01-01', '2020-01-01x', '2020-01-01T10:00:00Zx', '2020-01-01T10', '2020-01-01T10:00:00+0100'])('refuses %s: not one of the W3C forms', (value) => {
    expect(invalidDate(value)).toBe(refusedDate(value));
  });

  it.each([
    // -hh:mm: local time behind UTC, so 00:00 at -05:00 is 05:00 UTC.
    ['2020-01-01T05:00:00Z', '2020-01-01T00:00:00-05:00'],
    // +hh:mm with minutes: 05:30 at +05:30 is midnight UTC.
    ['2020-01-01T00:00:00Z', '2020-01-01T05:30:00+05:30'],
    // A decimal fraction of a second, in epoch time too.
    ['2020-01-01T00:00:00.25Z', '1577836800.25'],
    ['1577836800.5', '2020-01-01T00:00:00.500Z'],
    // The W3C forms without seconds (YYYY-MM-DDThh:mmTZD) and without the day (YYYY-MM, the first of the month).
    ['2020-01-01T10:30:00Z', '2020-01-01T10:30Z'],
    ['2020-01-01T00:00:00Z', '2020-01'],
  ])('DateEquals %s holds for the same instant written %s', (policyValue, requestValue) => {
    expect(holds({ DateEquals: { 'aws:CurrentTime': policyValue } }, { 'aws:CurrentTime': requestValue })).toBe(true);
  });

  it('tells instants a fraction of a second or a zone apart', () => {
    expect(holds({ DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2020-01-01T00:00:00.5Z' })).toBe(true);
    expect(holds({ DateEquals: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2020-01-01T00:00:00+05:00' })).toBe(false);
    expect(holds({ DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2020-01-01T00:00:00+05:00' })).toBe(true);
  });
});

describe('numbers', () => {
  // Rule (Condition operators, Numeric): "comparing a key to an integer or decimal value".
  it.each([
    ['1.25', '1.250'],
    ['.25', '0.25'],
    ['-0.5', '-.50'],
  ])('NumericEquals %s holds for %s: decimals compared as numbers', (policyValue, requestValue) => {
    expect(holds({ NumericEquals: { 's3:max-keys': policyValue } }, { 's3:max-keys': requestValue })).toBe(true);
  });

  it.each(['x5', '5x', '1.2.3'])('refuses %s: not an integer or decimal value', (value) => {
    expect(rejection(statementWith({ NumericEquals: { 's3:max-keys': value } }))).toBe(
      `policy "p": Statement[0].Condition.NumericEquals.s3:max-keys: invalid number "${value}"`,
    );
  });
});

describe('binary values', () => {
  // Rule (Condition operators, Binary): BinaryEquals "compares the value of the specified key byte for byte against
  // a base-64 encoded representation of the binary value in the policy". Base64 (RFC 4648) pads a last group of one
  // byte with "==" and of two bytes with "=", and a whole number of 3-byte groups with nothing.
  it.each([
    ['QUJD', 'ABC'],
    ['QUI=', 'AB'],
    ['QQ==', 'A'],
  ])('BinaryEquals %s is the bytes of "%s"', (policyValue, bytes) => {
    const requestValue = Buffer.from(bytes).toString('base64');
    expect(holds({ BinaryEquals: { 'aws:PrincipalTag/blob': policyValue } }, { 'aws:PrincipalTag/blob': requestValue })).toBe(true);
    expect(holds({ BinaryEquals: { 'aws:PrincipalTag/blob': policyValue } }, { 'aws:PrincipalTag/blob': 'QUJE' })).toBe(false);
  });
});

describe('condition keys in the request', () => {
  // Rule (IAM JSON policy elements: Condition): "Condition key names are not case-sensitive."
  it('finds a key under another spelling among keys of the same length', () => {
    // aws:SourceIp and aws:username both have 12 characters: only the name decides which is meant.
    const context = { 'aws:SourceIp': '203.0.113.5', 'aws:username': 'alice' };
    expect(holds({ StringEquals: { 'AWS:UserName': 'alice' } }, context)).toBe(true);
    expect(holds({ StringEquals: { 'AWS:SourceIP': '203.0.113.5' } }, context)).toBe(true);
    expect(holds({ StringEquals: { 'AWS:UserName': '203.0.113.5' } }, context)).toBe(false);
  });

  it('reads only keys the request itself holds, not ones inherited by the object', () => {
    const context = Object.create({ 'aws:username': 'alice' }) as Record<string, string>;
    expect(holds({ StringEquals: { 'AWS:UserName': 'alice' } }, context)).toBe(false);
    // A key that is absent: "If the key that you specify in a policy condition is not present in the request
    // context, the values do not match" - and Null says absent.
    expect(holds({ Null: { 'aws:UserName': 'true' } }, context)).toBe(true);
  });
});
