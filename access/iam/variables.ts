import { contextKey, lookupContext, type ContextKey, type RequestContext, type ValueMatcher } from './context';
import { cachedAnchoredRegExp, compileGlob, escapeRegExp, globSource } from './wildcard';

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
function variableValue(part: { key: ContextKey; fallback: string | undefined }, context: RequestContext): string | undefined {
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
export function resolveGlobSource(template: Template, context: RequestContext): string | undefined {
  let source = '';
  for (const part of template) {
    if (part.kind === 'pattern') {
      source += part.source;
    } else if (part.kind === 'literal') {
      source += escapeRegExp(part.text);
    } else {
      const value = variableValue(part, context);
      if (value === undefined) return undefined;
      source += escapeRegExp(value);
    }
  }
  return source;
}

/** A whole-string glob (StringLike, non-ARN resources), with variables when the policy version allows them. */
export function compileLikeMatcher(pattern: string, variables: boolean): ValueMatcher {
  const template = variables ? parseTemplate(pattern) : undefined;
  if (template === undefined) return compileGlob(pattern);
  return (value, context) => {
    const source = resolveGlobSource(template, context);
    return source !== undefined && cachedAnchoredRegExp(source).test(value);
  };
}
