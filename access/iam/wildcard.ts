/**
 * IAM glob matching: `*` is any run of characters (possibly empty), `?` is exactly one character,
 * everything else is literal. Matchers work on a [start, end) slice of the text so ARN segments can be
 * matched in place, without splitting the string on every request.
 */

export const ANY_RUN = 0;
export const ANY_CHAR = 1;
/** A literal chunk, or one of the two wildcards. */
export type GlobToken = string | typeof ANY_RUN | typeof ANY_CHAR;

export type SliceMatcher = (text: string, start: number, end: number) => boolean;

export function tokenizeGlob(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  let literalStart = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch !== '*' && ch !== '?') continue;
    if (i > literalStart) tokens.push(pattern.slice(literalStart, i));
    // Consecutive `*` are one wildcard; collapsing them keeps backtracking linear.
    if (ch === '?') tokens.push(ANY_CHAR);
    else if (tokens[tokens.length - 1] !== ANY_RUN) tokens.push(ANY_RUN);
    literalStart = i + 1;
  }
  if (literalStart < pattern.length) tokens.push(pattern.slice(literalStart));
  return tokens;
}

/**
 * Greedy match with backtracking to the last `*` only, which is sufficient for `*`/`?` globs and
 * allocates nothing. Literal chunks are compared with startsWith, which is equivalent to comparing
 * them character by character because any mismatch inside a chunk backtracks to the same `*`.
 */
export function matchTokens(tokens: readonly GlobToken[], text: string, start: number, end: number): boolean {
  const count = tokens.length;
  let t = 0;
  let pos = start;
  let starToken = -1;
  let starPos = start;
  for (;;) {
    if (t < count) {
      const token = tokens[t];
      if (token === ANY_RUN) {
        if (t === count - 1) return true;
        starToken = t;
        starPos = pos;
        t++;
        continue;
      }
      if (token === ANY_CHAR) {
        if (pos < end) {
          pos++;
          t++;
          continue;
        }
      } else if (pos + token.length <= end && text.startsWith(token, pos)) {
        pos += token.length;
        t++;
        continue;
      }
    } else if (pos === end) {
      return true;
    }
    if (starToken < 0 || starPos >= end) return false;
    starPos++;
    pos = starPos;
    t = starToken + 1;
  }
}

/** Compiles a glob once into the cheapest matcher that implements it. */
export function compileGlob(pattern: string): SliceMatcher {
  const tokens = tokenizeGlob(pattern);
  if (tokens.length === 0) return (_text, start, end) => start === end;
  if (tokens.length === 1) {
    const only = tokens[0];
    if (only === ANY_RUN) return () => true;
    if (typeof only === 'string') {
      return (text, start, end) => end - start === only.length && text.startsWith(only, start);
    }
  }
  return (text, start, end) => matchTokens(tokens, text, start, end);
}
