/**
 * The subset of Terraform's expression language that cdktf writes into cdk.tf.json strings: templates
 * (`"arn:${aws_s3_bucket.b.arn}/*"`, `$${` for a literal `${`), references with attribute and index steps, function
 * calls, and literal strings, numbers, booleans, null, tuples and objects (as `jsonencode({...})` holds them).
 * Anything else (operators, conditionals, `for`, directives) is refused, never passed through as text.
 */
export type Expr =
  | { kind: 'literal'; value: null | boolean | number | string }
  | { kind: 'template'; parts: Array<string | Expr> }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'object'; entries: Array<[string, Expr]> }
  | { kind: 'reference'; root: string; steps: Array<string | number> }
  | { kind: 'call'; name: string; args: Expr[] };

export class ExpressionError extends Error {}

/** A JSON string of cdk.tf.json as Terraform reads it: literal text, or a template with interpolations. */
export function parseTemplate(text: string): Expr {
  const parser = new Parser(text);
  const template = parser.templateUntil(undefined);
  return template.parts.length === 1 && typeof template.parts[0] !== 'string'
    ? (template.parts[0] as Expr)
    : template.parts.every((part) => typeof part === 'string')
      ? { kind: 'literal', value: template.parts.join('') }
      : template;
}

/** Whether a string holds any interpolation or directive (so Terraform, not the text, decides its value). */
export function isTemplate(text: string): boolean {
  return /(^|[^$])\$\{|(^|[^%])%\{/.test(text);
}

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  /** Literal text and `${...}` up to `end` (a closing quote inside an expression) or the end of the text. */
  templateUntil(end: '"' | undefined): { kind: 'template'; parts: Array<string | Expr> } {
    const parts: Array<string | Expr> = [];
    let literal = '';
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i] as string;
      if (end !== undefined && c === end) break;
      if (end !== undefined && c === '\\') {
        literal += this.escape();
        continue;
      }
      if (t.startsWith('$${', this.i) || t.startsWith('%%{', this.i)) {
        literal += t.slice(this.i + 1, this.i + 3);
        this.i += 3;
        continue;
      }
      if (t.startsWith('%{', this.i)) throw new ExpressionError(`template directive at ${this.excerpt()} is not supported`);
      if (t.startsWith('${', this.i)) {
        if (literal) parts.push(literal);
        literal = '';
        this.i += 2;
        this.skipStrip();
        parts.push(this.expression());
        this.skipStrip();
        if (t[this.i] !== '}') throw new ExpressionError(`expected "}" at ${this.excerpt()}`);
        this.i += 1;
        continue;
      }
      literal += c;
      this.i += 1;
    }
    if (end !== undefined && this.text[this.i] !== end) throw new ExpressionError('unterminated string');
    if (literal || parts.length === 0) parts.push(literal);
    return { kind: 'template', parts };
  }

  private expression(): Expr {
    this.space();
    const t = this.text;
    const c = t[this.i];
    let expr: Expr;
    if (c === '"') {
      this.i += 1;
      const template = this.templateUntil('"');
      this.i += 1;
      expr = template.parts.every((part) => typeof part === 'string')
        ? { kind: 'literal', value: template.parts.join('') }
        : template;
    } else if (c === '[') {
      this.i += 1;
      expr = { kind: 'tuple', items: this.listUntil(']') };
    } else if (c === '{') {
      this.i += 1;
      const entries: Array<[string, Expr]> = [];
      this.space();
      while (t[this.i] !== '}') {
        const key = this.expression();
        const name = key.kind === 'literal' && typeof key.value === 'string' ? key.value : key.kind === 'reference' && key.steps.length === 0 ? key.root : undefined;
        if (name === undefined) throw new ExpressionError(`object keys must be names or strings, at ${this.excerpt()}`);
        this.space();
        if (t[this.i] !== '=' && t[this.i] !== ':') throw new ExpressionError(`expected "=" or ":" at ${this.excerpt()}`);
        this.i += 1;
        entries.push([name, this.expression()]);
        this.space();
        if (t[this.i] === ',') this.i += 1;
        this.space();
        if (this.i >= t.length) throw new ExpressionError('unterminated object');
      }
      this.i += 1;
      expr = { kind: 'object', entries };
    } else if (c !== undefined && /[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(t.slice(this.i));
      if (!match) throw new ExpressionError(`bad number at ${this.excerpt()}`);
      this.i += match[0].length;
      expr = { kind: 'literal', value: Number(match[0]) };
    } else {
      const name = this.identifier();
      if (name === 'true' || name === 'false') expr = { kind: 'literal', value: name === 'true' };
      else if (name === 'null') expr = { kind: 'literal', value: null };
      else if (t[this.i] === '(') {
        this.i += 1;
        expr = { kind: 'call', name, args: this.listUntil(')') };
      } else {
        const steps: Array<string | number> = [];
        for (;;) {
          if (t[this.i] === '.' && /[A-Za-z_]/.test(t[this.i + 1] ?? '')) {
            this.i += 1;
            steps.push(this.identifier());
          } else if (t[this.i] === '[') {
            this.i += 1;
            const index = this.expression();
            this.space();
            if (t[this.i] !== ']' || index.kind !== 'literal' || (typeof index.value !== 'number' && typeof index.value !== 'string')) {
              throw new ExpressionError(`only literal indexes are supported, at ${this.excerpt()}`);
            }
            this.i += 1;
            steps.push(index.value);
          } else break;
        }
        expr = { kind: 'reference', root: name, steps };
      }
    }
    this.space();
    const next = t[this.i];
    if (next !== undefined && !',)]}=:'.includes(next) && !(next === '~' && t[this.i + 1] === '}')) {
      throw new ExpressionError(`unsupported expression (operator or keyword) at ${this.excerpt()}`);
    }
    return expr;
  }

  /** Comma-separated expressions up to `close` (a trailing comma allowed), consuming `close`. */
  private listUntil(close: ']' | ')'): Expr[] {
    const items: Expr[] = [];
    this.space();
    while (this.text[this.i] !== close) {
      if (this.i >= this.text.length) throw new ExpressionError(`expected "${close}" before the end`);
      items.push(this.expression());
      this.space();
      if (this.text[this.i] === ',') this.i += 1;
      else if (this.text[this.i] !== close) throw new ExpressionError(`expected "," or "${close}" at ${this.excerpt()}`);
      this.space();
    }
    this.i += 1;
    return items;
  }

  private identifier(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.i));
    if (!match) throw new ExpressionError(`unexpected ${JSON.stringify(this.text[this.i] ?? 'end')} at ${this.excerpt()}`);
    this.i += match[0].length;
    return match[0];
  }

  private escape(): string {
    const next = this.text[this.i + 1];
    this.i += 2;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
    if (next !== undefined && next in simple) return simple[next] as string;
    if (next === 'u') {
      const hex = this.text.slice(this.i, this.i + 4);
      this.i += 4;
      return String.fromCharCode(parseInt(hex, 16));
    }
    throw new ExpressionError(`unsupported escape \\${next ?? ''}`);
  }

  private space(): void {
    while (/\s/.test(this.text[this.i] ?? '')) this.i += 1;
  }

  /** `${~ expr ~}` strip markers only trim whitespace around the interpolation's literal neighbours. */
  private skipStrip(): void {
    this.space();
    if (this.text[this.i] === '~') this.i += 1;
    this.space();
  }

  private excerpt(): string {
    return JSON.stringify(this.text.slice(Math.max(0, this.i - 10), this.i + 20));
  }
}
