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
 * Finds a key case-insensitively ("Key names are case-insensitive. For example, aws:CurrentTime is
 * equivalent to AWS:currenttime" - IAM policy elements: Variables and tags). The exact spelling is tried
 * first so the common case costs one property read. An empty array is a null data set, i.e. absent
 * (Creating a condition with multiple keys or values: "If the key values in the request resolve to an
 * empty data set, such as an empty list ... ForAllValues returns true ... ForAnyValue returns false").
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
  if (Array.isArray(value) && value.length === 0) return undefined;
  return value;
}
