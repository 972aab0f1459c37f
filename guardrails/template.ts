/**
 * Terraform string templates as they appear in cdk.tf.json: `${expr}` is an interpolation, `$${` is a literal `${`
 * (how IAM policy variables such as `$${aws:username}` pass through), `%{...}` a directive and `%%{` a literal `%{`.
 */
export type TemplatePart = { kind: 'literal'; text: string } | { kind: 'interpolation'; expr: string };

/** Splits a template into literal text and interpolations; an unterminated `${` stays literal, as Terraform errs. */
export function scanTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    const three = text.slice(i, i + 3);
    if (three === '$${' || three === '%%{') {
      literal += three.slice(1);
      i += 3;
      continue;
    }
    if (two === '${' || two === '%{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        literal += text.slice(i);
        break;
      }
      if (literal) parts.push({ kind: 'literal', text: literal });
      literal = '';
      const expr = text.slice(i + 2, end).trim();
      // A directive (%{if}...) is treated as an opaque interpolation: its value is unknown before apply.
      parts.push({ kind: 'interpolation', expr: two === '%{' ? `%${expr}` : expr });
      i = end + 1;
      continue;
    }
    literal += text[i];
    i += 1;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return parts;
}

/** Index of the `}` closing an interpolation opened before `from`, skipping nested braces and quoted strings. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i += 1;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '{') depth += 1;
    else if (c === '}') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return -1;
}

export function hasInterpolation(text: string): boolean {
  return scanTemplate(text).some((part) => part.kind === 'interpolation');
}

/** A reference to another block: `aws_iam_role.NAME.arn` (attr may be a dotted path) or `data.TYPE.NAME.attr`. */
export interface TfRef {
  /** `aws_iam_role` or `data.aws_iam_policy_document`. */
  type: string;
  name: string;
  attr: string;
  /** `aws_iam_role.NAME`: the address rules report. */
  address: string;
}

const REF = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.([A-Za-z0-9_.[\]"-]+)$/;

export function parseRef(expr: string): TfRef | undefined {
  const match = REF.exec(expr.trim());
  if (!match) return undefined;
  const type = `${match[1] ?? ''}${match[2]}`;
  const name = match[3] as string;
  return { type, name, attr: match[4] as string, address: `${type}.${name}` };
}

/** The reference when the whole value is one `${ref}` interpolation, as cdktf writes `role.arn`. */
export function exactRef(value: unknown): TfRef | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = scanTemplate(value);
  if (parts.length !== 1 || parts[0]?.kind !== 'interpolation') return undefined;
  return parseRef(parts[0].expr);
}

/** Every block reference inside a template, including ones nested in function calls. */
export function refsIn(value: unknown): TfRef[] {
  if (typeof value !== 'string') return [];
  const refs: TfRef[] = [];
  for (const part of scanTemplate(value)) {
    if (part.kind !== 'interpolation') continue;
    const direct = parseRef(part.expr);
    if (direct) {
      refs.push(direct);
      continue;
    }
    for (const match of part.expr.matchAll(/(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_]+/g)) {
      const ref = parseRef(match[0]);
      if (ref && !ref.type.startsWith('var') && ref.type !== 'local') refs.push(ref);
    }
  }
  return refs;
}
