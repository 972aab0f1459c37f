import type { ContextEntry, ContextKeyTypeEnum } from '@aws-sdk/client-iam';
import type { ContextValue } from '../iam';

type BaseType = 'string' | 'numeric' | 'boolean' | 'date' | 'ip' | 'binary';

interface KeyType {
  base: BaseType;
  /** A multivalued key: always sent as a list, even with one value. */
  list: boolean;
}

/**
 * The type of each condition key the IAM User Guide documents ("AWS global condition context keys" and "Available
 * keys for OIDC federation"), lowercase as IAM compares key names. Anything else is a string key, multivalued when
 * the request gives it several values.
 */
const KNOWN: Readonly<Record<string, KeyType>> = {
  'cognito-identity.amazonaws.com:aud': { base: 'string', list: false },
  'cognito-identity.amazonaws.com:amr': { base: 'string', list: true },
  'cognito-identity.amazonaws.com:sub': { base: 'string', list: false },
  'aws:currenttime': { base: 'date', list: false },
  'aws:epochtime': { base: 'numeric', list: false },
  'aws:tokenissuetime': { base: 'date', list: false },
  'aws:multifactorauthage': { base: 'numeric', list: false },
  'aws:multifactorauthpresent': { base: 'boolean', list: false },
  'aws:securetransport': { base: 'boolean', list: false },
  'aws:viaawsservice': { base: 'boolean', list: false },
  'aws:principalisawsservice': { base: 'boolean', list: false },
  'aws:sourceip': { base: 'ip', list: false },
  'aws:vpcsourceip': { base: 'ip', list: false },
  'aws:tagkeys': { base: 'string', list: true },
  'aws:calledvia': { base: 'string', list: true },
  'aws:principalservicenameslist': { base: 'string', list: true },
  'aws:principalorgpaths': { base: 'string', list: true },
  'aws:resourceorgpaths': { base: 'string', list: true },
};

const TYPES: ReadonlySet<string> = new Set(['string', 'numeric', 'boolean', 'date', 'ip', 'binary'].flatMap((t) => [t, `${t}List`]));

export class ContextEntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContextEntryError';
  }
}

/** The ContextKeyType SimulateCustomPolicy gets for a key, unless `overrides` names one (keys compared case-insensitively). */
export function contextKeyType(key: string, value: ContextValue, overrides: Readonly<Record<string, ContextKeyTypeEnum>> = {}): ContextKeyTypeEnum {
  const override = Object.entries(overrides).find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
  if (override !== undefined) {
    if (!TYPES.has(override)) throw new ContextEntryError(`${key}: unknown ContextKeyType "${override}"`);
    return override;
  }
  const known = KNOWN[key.toLowerCase()] ?? { base: 'string', list: false };
  const list = known.list || (Array.isArray(value) && value.length !== 1);
  return (list ? `${known.base}List` : known.base) as ContextKeyTypeEnum;
}

/**
 * A request context as SimulateCustomPolicy's typed ContextEntries, in the context's key order. A multivalued key
 * (amr) is a `stringList`; a single-valued key keeps its scalar type even when given as a one-value array.
 * Booleans and numbers are checked here so a typo fails before any call; an empty list is left out.
 */
export function toContextEntries(
  context: Readonly<Record<string, ContextValue>>,
  overrides: Readonly<Record<string, ContextKeyTypeEnum>> = {},
): ContextEntry[] {
  // An empty list is absent for IAM (a null data set), as for the local evaluator: leave it out.
  const present = Object.entries(context).filter(([, value]) => !(Array.isArray(value) && value.length === 0));
  return present.map(([key, value]) => {
    const type = contextKeyType(key, value, overrides);
    const values = Array.isArray(value) ? [...value] : [value];
    const base = type.replace(/List$/, '');
    for (const v of values) {
      if (base === 'boolean' && v !== 'true' && v !== 'false') throw new ContextEntryError(`${key}: ${JSON.stringify(v)} is not a boolean (true or false)`);
      if (base === 'numeric' && !/^-?\d+(\.\d+)?$/.test(v)) throw new ContextEntryError(`${key}: ${JSON.stringify(v)} is not a number`);
    }
    return { ContextKeyName: key, ContextKeyValues: values, ContextKeyType: type };
  });
}
