import { compileGlob, compileGlobPieces } from '../../access/iam/wildcard';
import { globReference as reference, seededRandom } from './helpers';

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
    // Every literal and every ? needs its own character: a text shorter than them never matches.
    ['a*a', 'a', false],
    ['a*?b', 'ab', false],
    ['a*?b', 'axb', true],
    // The parts between stars keep their order and do not overlap the ends.
    ['ab*b*', 'abx', false],
    ['ab*b*', 'abxb', true],
    ['a?*bc*c', 'axbxbc', false], // the only bc would need the final c too
    ['a?*bc*c', 'axbcc', true],
    ['*a?c*x?z*', 'abcxyz', true], // two ? parts one after the other
    ['*a?c*x?z*', 'xyzabc', false],
  ])('%j vs %j -> %s', (pattern, text, expected) => {
    expect(compileGlob(pattern)(text)).toBe(expected);
    expect(reference(pattern, text)).toBe(expected);
  });

  it('counts the characters a pattern needs within the range it is given', () => {
    // The same rule over a field of a longer text (ARN segments are matched in place): "xx" before the range
    // does not lend it characters.
    const range = (pattern: string) => compileGlobPieces([{ text: pattern, wildcards: true }]);
    expect(range('a*?b')('xxab', 2, 4)).toBe(false);
    expect(range('a*?b')('xxaxb', 2, 5)).toBe(true);
    expect(range('a*a')('xxa', 2, 3)).toBe(false);
    expect(range('a*a')('xxaa', 2, 4)).toBe(true);
  });
});

describe('compileGlob against the textbook definition', () => {
  it('agrees on 5,000 generated patterns and texts', () => {
    const random = seededRandom(7);
    const draw = (alphabet: string, max: number): string =>
      Array.from({ length: random(max + 1) }, () => alphabet[random(alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const pattern = draw('ab*?:', 8);
      const text = draw('ab:', 10);
      expect([pattern, text, compileGlob(pattern)(text)]).toEqual([pattern, text, reference(pattern, text)]);
    }
  });

  it('handles ? runs longer than one 31-bit word', () => {
    const chunk = 'x?'.repeat(20); // 40 characters between the stars
    const glob = compileGlob(`*${chunk}*`);
    expect(glob(`--${'xy'.repeat(20)}--`)).toBe(true);
    expect(glob(`--${'xy'.repeat(19)}zy--`)).toBe(false);
    expect(glob(`${'x'.repeat(39)}`)).toBe(false);
    expect(reference(`*${chunk}*`, `--${'xy'.repeat(20)}--`)).toBe(true);
  });

  it('answers a 30-star pattern against a 200-character text without backtracking', () => {
    // The regex this replaced needed minutes for such a pair; the result is what the definition says.
    const pattern = `${'*a'.repeat(30)}*b`;
    expect(compileGlob(pattern)('a'.repeat(200))).toBe(false);
    expect(compileGlob(pattern)(`${'a'.repeat(199)}b`)).toBe(true);
  });
});

describe('compileGlobPieces', () => {
  it('keeps the characters of literal pieces literal', () => {
    // Rule (IAM policy elements: Variables and tags, "Special characters"): ${*} stands for a literal *, so a
    // substituted value never widens the pattern.
    const glob = compileGlobPieces([
      { text: 'home/', wildcards: true },
      { text: 'a*?', wildcards: false },
      { text: '/*', wildcards: true },
    ]);
    expect(glob('home/a*?/x', 0, 10)).toBe(true);
    expect(glob('home/abc/x', 0, 10)).toBe(false);
    // It matches a range in place.
    expect(glob('>>home/a*?/x<<', 2, 12)).toBe(true);
  });
});
