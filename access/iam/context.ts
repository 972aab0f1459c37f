import type { ContextValue } from './types';

/** A condition key as written in the policy, with its lowercase form precomputed for lookups. */
export interface ContextKey {
  readonly name: string;
  readonly lower: string;
}

export type RequestContext = Readonly<Record<string, ContextValue>> | undefined;

/** One compiled policy value tested against one request value; the context feeds policy variables. */
export type ValueMatcher = (value: string, context: RequestContext) => boolean;

export function contextKey(name: string): ContextKey {
  return { name, lower: name.toLowerCase() };
}

/**
 * Finds a key case-insensitively ("Condition key names are not case-sensitive" - IAM JSON policy elements:
 * Condition). The exact spelling is tried first so the common case costs one property read. An empty
 * string or empty list is null, i.e. absent: "it is possible to include an empty string. In this case, the
 * value in the request context is null" (same page), and ForAllValues/ForAnyValue treat "a null data set,
 * such as an empty string" as no key (Creating a condition with multiple keys or values).
 */
export function lookupContext(context: RequestContext, key: ContextKey): ContextValue | undefined {
  if (context === undefined) return undefined;
  let value = Object.hasOwn(context, key.name) ? context[key.name] : undefined;
  if (value === undefined) {
    for (const name in context) {
      if (name.length === key.lower.length && Object.hasOwn(context, name) && name.toLowerCase() === key.lower) {
        value = context[name];
        break;
      }
    }
  }
  return value === '' || (Array.isArray(value) && value.length === 0) ? undefined : value;
}
