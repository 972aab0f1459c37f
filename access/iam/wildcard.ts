/**
 * IAM glob matching: `*` is any run of characters (possibly empty), `?` exactly one character, the rest
 * literal. A glob is split at its stars into chunks: the first chunk must sit at the start of the text,
 * the last at the end, and each middle chunk at its leftmost place after the previous one. Taking the
 * leftmost place is never worse for what follows, so no choice is ever revisited: there is no backtracking,
 * and a text is scanned left to right once per chunk region. Literal chunks use the engine's native
 * indexOf; chunks holding `?` use a bit-parallel (shift-and) search, linear in the text. A regular
 * expression would backtrack over every pair of stars, which made a 30-star pattern take minutes.
 */

/** Tests a whole string. */
export type TextMatcher = (text: string) => boolean;

/** Tests `text.slice(start, end)` without copying it; ARN fields are matched in place. */
export type RangeMatcher = (text: string, start: number, end: number) => boolean;

/**
 * A run of glob text. In a pattern piece `*` and `?` are wildcards; in a literal piece (a substituted
 * policy variable, `${*}`) every character stands for itself.
 */
export interface GlobPiece {
  readonly text: string;
  readonly wildcards: boolean;
}

/** Bits per shift-and word: 31 keeps every word a small integer, so shifts never touch the sign bit. */
const WORD_BITS = 31;
const WORD_MASK = 0x7fffffff;

/** A run between stars: its characters, and which of them are `?` (undefined: none is). */
class Chunk {
  readonly length: number;
  /** No `?` in it: plain string comparisons decide. */
  readonly plain: boolean;
  private masks: Map<number, Int32Array> | undefined;
  private anyMask: Int32Array | undefined;

  constructor(
    readonly text: string,
    private readonly wild: readonly boolean[] | undefined,
  ) {
    this.length = text.length;
    this.plain = wild === undefined;
  }

  /** Whether the chunk matches `text` at `at` (the caller has checked that it fits). */
  matchesAt(text: string, at: number): boolean {
    if (this.wild === undefined) return text.startsWith(this.text, at);
    for (let i = 0; i < this.length; i++) {
      if (!this.wild[i] && text.charCodeAt(at + i) !== this.text.charCodeAt(i)) return false;
    }
    return true;
  }

  /** Start of the leftmost occurrence lying wholly within [from, end), or -1. */
  find(text: string, from: number, end: number): number {
    if (end - from < this.length) return -1;
    if (this.wild === undefined) {
      const at = text.indexOf(this.text, from);
      return at >= 0 && at + this.length <= end ? at : -1;
    }
    return this.shiftAnd(text, from, end);
  }

  /**
   * Shift-and: bit j of the state says "the chunk's first j+1 characters end here". One pass over the
   * text, ceil(length / 31) word operations per character.
   */
  private shiftAnd(text: string, from: number, end: number): number {
    const words = Math.ceil(this.length / WORD_BITS);
    const lastWord = words - 1;
    const lastBit = 1 << ((this.length - 1) % WORD_BITS);
    const state = new Int32Array(words);
    for (let i = from; i < end; i++) {
      const mask = this.maskOf(text.charCodeAt(i));
      let carry = 1; // the empty prefix matches before every character
      for (let w = 0; w < words; w++) {
        const previous = state[w];
        state[w] = (((previous << 1) | carry) & mask[w]) & WORD_MASK;
        carry = (previous >>> (WORD_BITS - 1)) & 1;
      }
      if (state[lastWord] & lastBit) return i - this.length + 1;
    }
    return -1;
  }

  /** Per character, the chunk positions it can fill: where the chunk has that character or a `?`. */
  private maskOf(code: number): Int32Array {
    if (this.masks === undefined || this.anyMask === undefined) {
      const words = Math.ceil(this.length / WORD_BITS);
      const anyMask = new Int32Array(words);
      const masks = new Map<number, Int32Array>();
      for (let j = 0; j < this.length; j++) {
        if (this.wild?.[j]) anyMask[Math.floor(j / WORD_BITS)] |= 1 << j % WORD_BITS;
      }
      for (let j = 0; j < this.length; j++) {
        if (this.wild?.[j]) continue;
        const c = this.text.charCodeAt(j);
        let mask = masks.get(c);
        if (mask === undefined) masks.set(c, (mask = Int32Array.from(anyMask)));
        mask[Math.floor(j / WORD_BITS)] |= 1 << j % WORD_BITS;
      }
      this.masks = masks;
      this.anyMask = anyMask;
    }
    return this.masks.get(code) ?? this.anyMask;
  }
}

/** Splits pieces into chunks at the stars; consecutive stars are one. */
function chunksOf(pieces: readonly GlobPiece[]): { chunks: Chunk[]; starred: boolean } {
  const chunks: Chunk[] = [];
  let text = '';
  let wild: boolean[] = [];
  let anyWild = false;
  let starred = false;
  const close = (): void => {
    chunks.push(new Chunk(text, anyWild ? wild : undefined));
    text = '';
    wild = [];
    anyWild = false;
  };
  for (const piece of pieces) {
    for (let i = 0; i < piece.text.length; i++) {
      const ch = piece.text[i];
      if (piece.wildcards && ch === '*') {
        starred = true;
        close();
        continue;
      }
      const isAny = piece.wildcards && ch === '?';
      text += ch;
      wild.push(isAny);
      anyWild ||= isAny;
    }
  }
  close();
  return { chunks, starred };
}

/** Compiles a glob given as pieces into a matcher over a range of a string. */
export function compileGlobPieces(pieces: readonly GlobPiece[]): RangeMatcher {
  const { chunks, starred } = chunksOf(pieces);
  if (chunks.every((chunk) => chunk.plain)) {
    return plainGlob(
      chunks.map((chunk) => chunk.text),
      starred,
    );
  }
  const first = chunks[0];
  if (!starred) {
    const length = first.length;
    return (text, start, end) => end - start === length && first.matchesAt(text, start);
  }
  const last = chunks[chunks.length - 1];
  const middle = chunks.slice(1, -1).filter((chunk) => chunk.length > 0);
  const minimum = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  if (minimum === 0) return () => true; // only stars
  return (text, start, end) => {
    if (end - start < minimum) return false;
    // The end is checked first: values that differ usually differ there (`.../GET/user` vs `.../GET/admin`).
    const tail = end - last.length;
    if (!last.matchesAt(text, tail) || !first.matchesAt(text, start)) return false;
    let at = start + first.length;
    for (const chunk of middle) {
      const found = chunk.find(text, at, tail);
      if (found < 0) return false;
      at = found + chunk.length;
    }
    return true;
  };
}

/** The common glob: stars and literal text only, decided by startsWith and indexOf on the strings themselves. */
function plainGlob(texts: readonly string[], starred: boolean): RangeMatcher {
  const first = texts[0];
  if (!starred) return (text, start, end) => end - start === first.length && text.startsWith(first, start);
  const last = texts[texts.length - 1];
  const middle = texts.slice(1, -1).filter((chunk) => chunk !== '');
  const minimum = texts.reduce((sum, chunk) => sum + chunk.length, 0);
  if (minimum === 0) return () => true;
  return (text, start, end) => {
    if (end - start < minimum) return false;
    const tail = end - last.length;
    if (!text.startsWith(last, tail) || !text.startsWith(first, start)) return false;
    let at = start + first.length;
    for (let i = 0; i < middle.length; i++) {
      const chunk = middle[i];
      const found = text.indexOf(chunk, at);
      if (found < 0 || found + chunk.length > tail) return false;
      at = found + chunk.length;
    }
    return true;
  };
}

/** A whole-string glob matcher; exact patterns compare with `===` and `*` matches without looking. */
export function compileGlob(pattern: string): TextMatcher {
  if (pattern === '*') return () => true;
  if (!pattern.includes('*') && !pattern.includes('?')) return (text) => text === pattern;
  const range = compileGlobPieces([{ text: pattern, wildcards: true }]);
  return (text) => range(text, 0, text.length);
}

/** The same glob over a range; exact patterns compare in place without copying. */
export function compileRangeGlob(pattern: string): RangeMatcher {
  if (pattern === '*') return () => true;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    return (text, start, end) => end - start === pattern.length && text.startsWith(pattern, start);
  }
  return compileGlobPieces([{ text: pattern, wildcards: true }]);
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
