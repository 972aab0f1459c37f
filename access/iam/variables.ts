import { contextKey, lookupContext, type ContextKey, type RequestContext, type ValueMatcher } from './context';
import { anchoredRegExp, compileGlob, escapeRegExp, globSource } from './wildcard';

/**
 * Policy variables (`${key}`, `${key, 'default'}`, `${*}`, `${?}`, `${$}`), recognised only in
 * Version 2012-10-17 policies; the caller decides whether to parse at all.
 */
export type TemplatePart =
  /** Policy text: in wildcard-capable elements its `*` and `?` stay wildcards (`source` is its glob regex). */
  | { readonly kind: 'pattern'; readonly text: string; readonly source: string }
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
  if (text !== '') parts.push({ kind: 'pattern', text, source: globSource(text, 'anything') });
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
 * Substitutes into a glob, giving regex source. Substituted values are literal: a `*` inside a user's
 * tag value must not widen the pattern, which is also why `${*}` exists.
 */
function resolveGlobSource(template: Template, values: readonly string[]): string {
  let source = '';
  let next = 0;
  for (const part of template) {
    if (part.kind === 'pattern') source += part.source;
    else source += escapeRegExp(part.kind === 'literal' ? part.text : values[next++]);
  }
  return source;
}

/** Per-pattern bound on cached regexes; reaching it clears the cache instead of tracking recency. */
const CACHE_LIMIT = 1024;

/**
 * A glob holding variables, matched after `prefixSource` (regex source for what precedes it, e.g. an
 * ARN's five fields). Its regex depends on the request, so one is built per distinct set of variable
 * values and kept: the same caller asks again and again, and a Map lookup keyed by a context value (whose
 * hash V8 keeps) is far cheaper than building a RegExp.
 */
export function compileTemplateMatcher(template: Template, prefixSource: string): ValueMatcher {
  const variables = template.filter((part) => part.kind === 'variable');
  const cache = new Map<string, RegExp>();
  const values: string[] = [];
  return (value, context) => {
    values.length = 0;
    for (const variable of variables) {
      const resolved = variableValue(variable, context);
      if (resolved === undefined) return false;
      values.push(resolved);
    }
    // NUL cannot occur in an ARN or a tag, so joined values cannot collide.
    const key = values.length === 1 ? values[0] : values.join('\u0000');
    let regexp = cache.get(key);
    if (regexp === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      regexp = anchoredRegExp(prefixSource + resolveGlobSource(template, values));
      cache.set(key, regexp);
    }
    return regexp.test(value);
  };
}

/** A whole-string glob (StringLike, non-ARN resources), with variables when the policy version allows them. */
export function compileLikeMatcher(pattern: string, variables: boolean): ValueMatcher {
  const template = variables ? parseTemplate(pattern) : undefined;
  return template === undefined ? compileGlob(pattern) : compileTemplateMatcher(template, '');
}
