import { contextKey, lookupContext, type ContextKey, type RequestContext, type ValueMatcher } from './context';
import { compileGlob, compileGlobPieces, type GlobPiece, type RangeMatcher } from './wildcard';

/**
 * Policy variables (`${key}`, `${key, 'default'}`, `${*}`, `${?}`, `${$}`), recognised only in
 * Version 2012-10-17 policies; the caller decides whether to parse at all.
 */
export type TemplatePart =
  /** Policy text: in wildcard-capable elements its `*` and `?` stay wildcards. */
  | { readonly kind: 'pattern'; readonly text: string }
  /** `${*}`, `${?}`, `${$}`: the character itself, never a wildcard. */
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'variable'; readonly key: ContextKey; readonly fallback: string | undefined };

export type Template = readonly TemplatePart[];
type VariablePart = Extract<TemplatePart, { kind: 'variable' }>;

const SPECIAL_CHARACTERS = new Set(['*', '?', '$']);
/** `key` or `key, 'default'`, spaces around either part ignored. */
const VARIABLE_BODY = /^\s*([^\s,']+)\s*(?:,\s*'([^']*)'\s*)?$/;

/** Returns undefined when the text holds no variable, so callers keep their static fast path. */
export function parseTemplate(text: string): Template | undefined {
  if (!text.includes('${')) return undefined;
  const parts: TemplatePart[] = [];
  let pending = '';
  let cursor = 0;
  for (;;) {
    const open = text.indexOf('${', cursor);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (close < 0) break;
    const body = text.slice(open + 2, close);
    const variable = SPECIAL_CHARACTERS.has(body) ? undefined : VARIABLE_BODY.exec(body);
    if (!SPECIAL_CHARACTERS.has(body) && !variable) {
      // Not variable syntax: IAM leaves such text as it is.
      pending += text.slice(cursor, close + 1);
    } else {
      pushPattern(parts, pending + text.slice(cursor, open));
      pending = '';
      parts.push(variable ? { kind: 'variable', key: contextKey(variable[1]), fallback: variable[2] } : { kind: 'literal', text: body });
    }
    cursor = close + 1;
  }
  pending += text.slice(cursor);
  pushPattern(parts, pending);
  return parts.some((part) => part.kind !== 'pattern') ? parts : undefined;
}

function pushPattern(parts: TemplatePart[], text: string): void {
  if (text !== '') parts.push({ kind: 'pattern', text });
}

/**
 * The value a variable stands for, or undefined when it has none: "If a variable that has no value in
 * the authorization context is used as part of the Resource or NotResource element ... [it] will not
 * match any resource", and "You can't use a multivalued condition key as a variable"
 * (IAM policy elements: Variables and tags). The default applies only to an absent key.
 */
function variableValue(part: VariablePart, context: RequestContext): string | undefined {
  const value = lookupContext(context, part.key);
  if (value === undefined) return part.fallback;
  return typeof value === 'string' ? value : undefined;
}

/** Substitutes into plain text (no wildcards); undefined when a variable has no usable value. */
export function resolveText(template: Template, context: RequestContext): string | undefined {
  let out = '';
  for (const part of template) {
    if (part.kind === 'variable') {
      const value = variableValue(part, context);
      if (value === undefined) return undefined;
      out += value;
    } else {
      out += part.text;
    }
  }
  return out;
}

/**
 * Substitutes into a glob. Substituted values are literal pieces: a `*` inside a user's tag value must not
 * widen the pattern, which is also why `${*}` exists.
 */
function resolvePieces(template: Template, values: readonly string[]): GlobPiece[] {
  let next = 0;
  return template.map((part) => {
    if (part.kind === 'pattern') return { text: part.text, wildcards: true };
    return { text: part.kind === 'literal' ? part.text : values[next++], wildcards: false };
  });
}

/** Per-pattern bound on cached globs; reaching it clears the cache instead of tracking recency. */
const CACHE_LIMIT = 1024;

/** A template glob tested against `value.slice(start, end)`, e.g. the resource part of an ARN. */
export type TemplateRangeMatcher = (value: string, start: number, end: number, context: RequestContext) => boolean;

/**
 * A glob holding variables. Its glob depends on the request, so one is compiled per distinct set of
 * variable values and kept: the same caller asks again and again, and a Map lookup keyed by a context
 * value is far cheaper than compiling a glob.
 */
export function compileTemplateMatcher(template: Template): TemplateRangeMatcher {
  const variables = template.filter((part) => part.kind === 'variable');
  const cache = new Map<string, RangeMatcher>();
  const values: string[] = [];
  return (value, start, end, context) => {
    values.length = 0;
    for (const variable of variables) {
      const resolved = variableValue(variable, context);
      if (resolved === undefined) return false;
      values.push(resolved);
    }
    // NUL cannot occur in an ARN or a tag, so joined values cannot collide.
    const key = values.length === 1 ? values[0] : values.join('\u0000');
    let matcher = cache.get(key);
    if (matcher === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      matcher = compileGlobPieces(resolvePieces(template, values));
      cache.set(key, matcher);
    }
    return matcher(value, start, end);
  };
}

/** A whole-string glob (StringLike, non-ARN resources), with variables when the policy version allows them. */
export function compileLikeMatcher(pattern: string, variables: boolean): ValueMatcher {
  const template = variables ? parseTemplate(pattern) : undefined;
  if (template === undefined) return compileGlob(pattern);
  const matcher = compileTemplateMatcher(template);
  return (value, context) => matcher(value, 0, value.length, context);
}
