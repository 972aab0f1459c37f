import { contextKey, lookupContext, type ContextKey, type RequestContext, type ValueMatcher } from './context';
import { BASE_OPERATORS, type BaseOperator } from './operators';
import { isPlainObject } from './json';
import type { Reject } from './policy-error';

/** One operator applied to one key; a statement's conditions must all hold. */
export type CompiledCondition = (context: RequestContext) => boolean;

type SetOperator = 'ForAnyValue' | 'ForAllValues' | undefined;

interface ParsedOperator {
  readonly set: SetOperator;
  readonly base: BaseOperator | 'Null';
  readonly ifExists: boolean;
}

/** Splits `[ForAnyValue:|ForAllValues:]Base[IfExists]`; undefined for anything IAM does not define. */
function parseOperatorName(name: string): ParsedOperator | undefined {
  const set: SetOperator = name.startsWith('ForAnyValue:') ? 'ForAnyValue' : name.startsWith('ForAllValues:') ? 'ForAllValues' : undefined;
  const unprefixed = set === undefined ? name : name.slice(set.length + 1);
  const ifExists = unprefixed.endsWith('IfExists');
  const baseName = ifExists ? unprefixed.slice(0, -'IfExists'.length) : unprefixed;
  // "You can add IfExists to the end of any condition operator name except the Null condition"; a set
  // operator over Null has no meaning either, so both are rejected like any unknown operator.
  if (baseName === 'Null') return set === undefined && !ifExists ? { set, base: 'Null', ifExists } : undefined;
  const base = BASE_OPERATORS.get(baseName);
  return base === undefined ? undefined : { set, base, ifExists };
}

/** Condition values may be written as JSON strings, numbers or booleans, alone or in a non-empty array. */
function conditionValues(raw: unknown, path: string, reject: Reject): string[] {
  const scalar = (value: unknown, at: string): string => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return reject(at, 'expected a string, number or boolean');
  };
  if (!Array.isArray(raw)) return [scalar(raw, path)];
  if (raw.length === 0) reject(path, 'expected at least one value');
  return raw.map((value, i) => scalar(value, `${path}[${i}]`));
}

function compileNull(values: string[], valuePath: (i: number) => string, reject: Reject): (present: boolean) => boolean {
  const wants = values.map((value, i) => {
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') reject(valuePath(i), `invalid Null value "${value}": expected "true" or "false"`);
    // "true (the key doesn't exist - it is null) or false (the key exists and its value is not null)"
    return lower === 'false';
  });
  return (present) => wants.includes(present);
}

/**
 * Compiles the Condition element: "If your policy statement has multiple condition operators, the
 * condition operators are evaluated using a logical AND ... multiple context keys attached to a single
 * condition operator ... logical AND ... multiple values for a context key ... logical OR" (Conditions
 * with multiple context keys or values).
 */
export function compileConditions(raw: unknown, path: string, variables: boolean, reject: Reject): CompiledCondition[] {
  if (!isPlainObject(raw)) return reject(path, 'expected an object of condition operators');
  const compiled: CompiledCondition[] = [];
  for (const [operatorName, block] of Object.entries(raw)) {
    const operatorPath = `${path}.${operatorName}`;
    const operator = parseOperatorName(operatorName) ?? reject(operatorPath, `unknown condition operator "${operatorName}"`);
    if (!isPlainObject(block)) return reject(operatorPath, 'expected an object of condition keys');
    for (const [keyName, rawValues] of Object.entries(block)) {
      const keyPath = `${operatorPath}.${keyName}`;
      const values = conditionValues(rawValues, keyPath, reject);
      const valuePath = (i: number): string => (Array.isArray(rawValues) ? `${keyPath}[${i}]` : keyPath);
      const key = contextKey(keyName);
      const base = operator.base;
      if (base === 'Null') {
        const test = compileNull(values, valuePath, reject);
        compiled.push((context) => test(lookupContext(context, key) !== undefined));
        continue;
      }
      const matchers = values.map((value, i) => base.compile(value, variables, (problem) => reject(valuePath(i), problem)));
      compiled.push(keyCondition(key, matchers, base.negated, operator.set, operator.ifExists));
    }
  }
  return compiled;
}

function keyCondition(
  key: ContextKey,
  matchers: ValueMatcher[],
  negated: boolean,
  set: SetOperator,
  ifExists: boolean,
): CompiledCondition {
  /** Whether the request value equals/is like any policy value (the positive test, before negation). */
  const anyPolicyValue = (requestValue: string, context: RequestContext): boolean => {
    for (const matcher of matchers) if (matcher(requestValue, context)) return true;
    return false;
  };
  /** One request value judged by the operator itself, negation included. */
  const satisfies = (requestValue: string, context: RequestContext): boolean =>
    anyPolicyValue(requestValue, context) !== negated;

  /*
   * Absent key: "the values do not match and the condition is false. If the policy condition requires
   * that the key is not matched, such as StringNotLike or ArnNotLike ... the condition is true"
   * (Condition operators); IfExists: "If the key is not present, evaluate the condition element as true";
   * ForAllValues "returns true if there are no keys in the request"; ForAnyValue: "For no matching key
   * or a null dataset, the condition returns false" (Creating a condition with multiple keys or values).
   */
  const whenAbsent = set === 'ForAllValues' ? true : set === 'ForAnyValue' ? ifExists : ifExists || negated;

  return (context) => {
    const value = lookupContext(context, key);
    if (value === undefined) return whenAbsent;
    if (typeof value === 'string') return satisfies(value, context);
    if (set === 'ForAllValues') {
      // "The condition returns true if every key value in the request matches at least one value in the policy."
      for (const item of value) if (!satisfies(item, context)) return false;
      return true;
    }
    if (set === 'ForAnyValue') {
      // "...returns true if any one of the key values in the request matches any one of the condition values."
      for (const item of value) if (satisfies(item, context)) return true;
      return false;
    }
    // A multivalued key without a set operator: the request matches when any of its values matches, and a
    // negated operator holds only when none does - the same OR/NOR rule the docs give for policy values.
    for (const item of value) if (anyPolicyValue(item, context)) return !negated;
    return negated;
  };
}
