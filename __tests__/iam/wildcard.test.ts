import { compileGlob } from '../../access/iam/wildcard';

// Rule (IAM JSON policy elements: Condition operators, StringLike): "The values can include multi-character
// match wildcards (*) and single-character match wildcards (?) anywhere in the string. You must specify
// wildcards to achieve partial string matches."
describe('compileGlob', () => {
  it.each([
    ['*', '', true], // * matches the empty run
    ['*', 'anything/at:all', true],
    ['abc', 'abc', true], // no wildcard: exact
    ['abc', 'abcd', false], // "You must specify wildcards to achieve partial string matches"
    ['abc', 'ABC', false], // case-sensitive
    ['a*c', 'ac', true],
    ['a*c', 'a/b:c', true], // * crosses / and :
    ['a*c', 'ab', false],
    ['a?c', 'abc', true], // ? is exactly one character
    ['a?c', 'ac', false],
    ['a?c', 'abbc', false],
    ['a**c', 'axyc', true], // repeated * is one wildcard
    ['*/GET/user', 'api/GET/user', true],
    ['*/GET/user', 'api/GET/users', false],
    ['home/*/*', 'home/x/', true],
    ['a.b', 'axb', false], // regex metacharacters are literal
    ['(a)+[b]{1}|$^', '(a)+[b]{1}|$^', true],
    ['back\\slash', 'back\\slash', true],
    ['line*', 'line1\nline2', true], // * spans newlines too
  ])('%j vs %j -> %s', (pattern, text, expected) => {
    expect(compileGlob(pattern)(text)).toBe(expected);
  });
});
