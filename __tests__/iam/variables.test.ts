import { compilePolicy, evaluate } from '../../access/iam';
import { decide, holds } from './helpers';

const BUCKET = 'arn:aws:s3:::bucket';

/** Decision for s3:GetObject on `resource` under one statement allowing `pattern`. */
function resourceDecision(pattern: string, resource: string, context?: Record<string, string | string[]>, version?: string): string {
  const document = { ...(version === undefined ? {} : { Version: version }), Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: pattern } };
  return decide(document, { action: 's3:GetObject', resource, context });
}

describe('policy variables and Version', () => {
  it('substitutes only under Version 2012-10-17', () => {
    // Rule (IAM policy elements: Variables and tags): "Variables were introduced in version 2012-10-17 ... If
    // you don't include the Version element and set it to an appropriate version date, variables like
    // ${aws:username} are treated as literal strings in the policy." (IAM JSON policy elements: Version:
    // under 2008-10-17 "variables such as ${aws:username} aren't recognized as variables".)
    const pattern = `${BUCKET}/home/\${aws:username}/*`;
    const context = { 'aws:username': 'alice' };
    expect(resourceDecision(pattern, `${BUCKET}/home/alice/a.txt`, context, '2012-10-17')).toBe('allowed');
    expect(resourceDecision(pattern, `${BUCKET}/home/alice/a.txt`, context, '2008-10-17')).toBe('implicitDeny');
    expect(resourceDecision(pattern, `${BUCKET}/home/alice/a.txt`, context)).toBe('implicitDeny');
    // Literal text: the policy resource really is ".../home/${aws:username}/*".
    expect(resourceDecision(pattern, `${BUCKET}/home/\${aws:username}/a.txt`, context, '2008-10-17')).toBe('allowed');
  });

  it('looks keys up case-insensitively', () => {
    // Rule (Variables and tags): "Key names are case-insensitive. For example, aws:CurrentTime is equivalent
    // to AWS:currenttime."
    const pattern = `${BUCKET}/\${AWS:UserName}/*`;
    expect(resourceDecision(pattern, `${BUCKET}/alice/x`, { 'aws:username': 'alice' }, '2012-10-17')).toBe('allowed');
  });

  it('makes the resource entry match nothing when the key is missing', () => {
    // Rule (Variables and tags, "Policy variables with no value"): "If a variable that has no value in the
    // authorization context is used as part of the Resource or NotResource element of a policy, the resource
    // that includes a policy variable with no value will not match any resource."
    const pattern = `${BUCKET}/\${aws:username}*`;
    expect(resourceDecision(pattern, `${BUCKET}/x`, {}, '2012-10-17')).toBe('implicitDeny');
    // Not even the resource whose text is the bare prefix (an empty substitution).
    expect(resourceDecision(pattern, `${BUCKET}/`, {}, '2012-10-17')).toBe('implicitDeny');
  });

  it('uses the default when the key is missing', () => {
    // Rule (Variables and tags, "Specifying default values"): "To add a default value to a variable, surround
    // the default value with single quotes (' '), and separate the variable text and the default value with a
    // comma and space (, )" - e.g. ${aws:PrincipalTag/team, 'company-wide'}.
    const pattern = `${BUCKET}-\${aws:PrincipalTag/team, 'company-wide'}`;
    expect(resourceDecision(pattern, `${BUCKET}-company-wide`, {}, '2012-10-17')).toBe('allowed');
    expect(resourceDecision(pattern, `${BUCKET}-yellow`, { 'aws:PrincipalTag/team': 'yellow' }, '2012-10-17')).toBe('allowed');
    expect(resourceDecision(pattern, `${BUCKET}-company-wide`, { 'aws:PrincipalTag/team': 'yellow' }, '2012-10-17')).toBe('implicitDeny');
  });

  it('never substitutes a multivalued key', () => {
    // Rule (Variables and tags): "You can use any single-valued condition key as a variable. You can't use a
    // multivalued condition key as a variable."
    const pattern = `${BUCKET}/\${aws:TagKeys}/*`;
    expect(resourceDecision(pattern, `${BUCKET}/a/x`, { 'aws:TagKeys': ['a'] }, '2012-10-17')).toBe('implicitDeny');
    expect(resourceDecision(pattern, `${BUCKET}/a/x`, { 'aws:TagKeys': ['a', 'b'] }, '2012-10-17')).toBe('implicitDeny');
  });

  it('reads ${*}, ${?} and ${$} as the characters themselves', () => {
    // Rule (Variables and tags, "Special characters"): "${*} - use where you need an * (asterisk) character",
    // "${?} - ... a ? (question mark)", "${$} - ... a $ (dollar sign)"; inserted literally, * "would be
    // interpreted as a wildcard".
    const pattern = `${BUCKET}/\${*}\${?}\${$}`;
    expect(resourceDecision(pattern, `${BUCKET}/*?$`, {}, '2012-10-17')).toBe('allowed');
    expect(resourceDecision(pattern, `${BUCKET}/ab$`, {}, '2012-10-17')).toBe('implicitDeny');
  });

  it('keeps substituted values literal, never widening the pattern', () => {
    // Substitution supplies a value, not pattern syntax: that is why "${*}" exists for a literal asterisk.
    const pattern = `${BUCKET}/\${aws:username}/x`;
    expect(resourceDecision(pattern, `${BUCKET}/*/x`, { 'aws:username': '*' }, '2012-10-17')).toBe('allowed');
    expect(resourceDecision(pattern, `${BUCKET}/bob/x`, { 'aws:username': '*' }, '2012-10-17')).toBe('implicitDeny');
  });

  it('substitutes in String and ARN condition values only', () => {
    // Rule (Variables and tags, "Condition element"): "You can use a policy variable for Condition values in
    // any condition that involves the string operators or the ARN operators ... You can't use a policy
    // variable with other operators, such as Numeric, Date, Boolean, Binary, IP Address, or Null operators."
    const context = { 'aws:username': 'alice', 's3:prefix': 'alice/docs', 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:alice' };
    expect(holds({ StringLike: { 's3:prefix': '${aws:username}/*' } }, context)).toBe(true);
    expect(holds({ StringEquals: { 's3:prefix': '${aws:username}/docs' } }, context)).toBe(true);
    expect(holds({ StringEqualsIgnoreCase: { 's3:prefix': '${aws:username}/DOCS' } }, context)).toBe(true);
    expect(holds({ StringEqualsIgnoreCase: { 's3:prefix': '${aws:username}/DOCS' } }, { ...context, 'aws:username': 'bob' })).toBe(false);
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:${aws:username}' } }, context)).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': '${aws:username}/*' } }, context, '2008-10-17')).toBe(false);
  });

  it('makes a variable without value match nothing in a condition, so negated operators hold', () => {
    // Rule (Variables and tags, "Policy variables with no value"): "When you use a variable with no value in the
    // condition element ... operators like StringEquals or StringLike do not match ... Inverted condition
    // operators like StringNotEquals or StringNotLike do match against a null value".
    const context = { 's3:ExistingObjectTag/Team': 'red' };
    expect(holds({ StringEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } }, context)).toBe(false);
    expect(holds({ StringNotEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } }, context)).toBe(true);
    expect(holds({ StringLike: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}*' } }, context)).toBe(false);
    expect(holds({ StringNotLike: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}*' } }, context)).toBe(true);
  });

  it('leaves malformed variable syntax as text', () => {
    // Only `${key}` and `${key, 'default'}` are variables; anything else in braces is ordinary policy text.
    const pattern = `${BUCKET}/\${not a variable}`;
    expect(resourceDecision(pattern, `${BUCKET}/\${not a variable}`, {}, '2012-10-17')).toBe('allowed');
    expect(resourceDecision(`${BUCKET}/\${unterminated`, `${BUCKET}/\${unterminated`, {}, '2012-10-17')).toBe('allowed');
  });

  it('substitutes each of several variables with its own value, request after request', () => {
    // Rule (Variables and tags): "When the policy is evaluated, the policy variables are replaced with values that
    // come from the context keys in the request itself" - each request's own values, in each place.
    const pattern = `${BUCKET}/\${aws:PrincipalTag/team}/\${aws:username}/*`;
    const as = (team: string, username: string) => ({ 'aws:PrincipalTag/team': team, 'aws:username': username });
    expect(resourceDecision(pattern, `${BUCKET}/red/alice/a.txt`, as('red', 'alice'), '2012-10-17')).toBe('allowed');
    expect(resourceDecision(pattern, `${BUCKET}/red/alice/a.txt`, as('red', 'bob'), '2012-10-17')).toBe('implicitDeny');
    expect(resourceDecision(pattern, `${BUCKET}/red/bob/a.txt`, as('red', 'bob'), '2012-10-17')).toBe('allowed');
    // One compiled policy asked again and again: the values "ab" + "c" and "a" + "bc" are different requests, and
    // so are "red" + "alice" and "red" + "bob".
    const policy = compilePolicy(
      { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/\${aws:PrincipalTag/team}-\${aws:username}` } },
      'p',
      'identity',
    );
    const get = (resource: string, context: Record<string, string>) => evaluate({ action: 's3:GetObject', resource, context }, { identity: [policy] }).decision;
    expect(get(`${BUCKET}/ab-c`, as('ab', 'c'))).toBe('allowed');
    expect(get(`${BUCKET}/ab-c`, as('a', 'bc'))).toBe('implicitDeny');
    expect(get(`${BUCKET}/red-alice`, as('red', 'alice'))).toBe('allowed');
    expect(get(`${BUCKET}/red-alice`, as('red', 'bob'))).toBe('implicitDeny');
    expect(get(`${BUCKET}/red-bob`, as('red', 'bob'))).toBe('allowed');
  });

  it('keeps malformed variable syntax as text next to a real variable', () => {
    const pattern = `${BUCKET}/\${not a variable}/\${aws:username}`;
    expect(resourceDecision(pattern, `${BUCKET}/\${not a variable}/alice`, { 'aws:username': 'alice' }, '2012-10-17')).toBe('allowed');
    expect(resourceDecision(pattern, `${BUCKET}/alice`, { 'aws:username': 'alice' }, '2012-10-17')).toBe('implicitDeny');
  });

  it('matches a pattern without * only as a whole after substitution', () => {
    // StringLike: "You must specify wildcards to achieve partial string matches."
    const context = (prefix: string) => ({ 'aws:username': 'bob', 's3:prefix': prefix });
    expect(holds({ StringLike: { 's3:prefix': '${aws:username}' } }, context('bob'))).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': '${aws:username}' } }, context('bobby'))).toBe(false);
    expect(holds({ StringLike: { 's3:prefix': '${aws:username}' } }, context('bobbob'))).toBe(false);
  });

  it('matches no value at all with a variable that has none', () => {
    // "Policy variables with no value": StringEquals does "not match" - whatever the request value is spelled.
    expect(holds({ StringEquals: { 's3:prefix': '${aws:PrincipalTag/Team}' } }, { 's3:prefix': 'undefined' })).toBe(false);
  });
});
