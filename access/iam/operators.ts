import { compileArnMatcher } from './arn';
import type { ValueMatcher } from './context';
import { parseDate } from './date';
import { cidrContains, parseCidr, parseIp } from './ip';
import { compileLikeMatcher, parseTemplate, resolveText } from './variables';

/**
 * The base condition operators (everything except Null, set prefixes and IfExists, which conditions.ts
 * layers on top). A negated operator is compiled as its positive counterpart and inverted by the caller,
 * so several policy values combine as NOR: "If a single negated matching condition operator includes
 * multiple values for a context key, those values are evaluated using a logical NOR" (Conditions with
 * multiple context keys or values).
 */
export interface BaseOperator {
  readonly negated: boolean;
  /** Compiles one policy value into the positive test; calls `invalid` when IAM would refuse the value. */
  compile(value: string, variables: boolean, invalid: (problem: string) => never): ValueMatcher;
}

/**
 * Policy variables work "in any condition that involves the string operators or the ARN operators ...
 * You can't use a policy variable with other operators, such as Numeric, Date, Boolean, Binary,
 * IP Address, or Null" (IAM policy elements: Variables and tags). Other families therefore read `${...}`
 * as a literal, which then fails their value syntax.
 */
function compileStringEquals(value: string, variables: boolean): ValueMatcher {
  const template = variables ? parseTemplate(value) : undefined;
  if (template === undefined) return (requestValue) => requestValue === value;
  return (requestValue, context) => resolveText(template, context) === requestValue;
}

function compileStringEqualsIgnoreCase(value: string, variables: boolean): ValueMatcher {
  const template = variables ? parseTemplate(value) : undefined;
  if (template === undefined) {
    const lower = value.toLowerCase();
    return (requestValue) => requestValue.length === lower.length && requestValue.toLowerCase() === lower;
  }
  return (requestValue, context) => resolveText(template, context)?.toLowerCase() === requestValue.toLowerCase();
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

type Comparison = (request: number, policy: number) => boolean;

function ordered(parse: (text: string) => number | undefined, kind: string, compare: Comparison): BaseOperator['compile'] {
  return (value, _variables, invalid) => {
    const policyValue = parse(value) ?? invalid(`invalid ${kind} "${value}"`);
    return (requestValue) => {
      const parsed = parse(requestValue);
      return parsed !== undefined && compare(parsed, policyValue);
    };
  };
}

const equal: Comparison = (a, b) => a === b;
const less: Comparison = (a, b) => a < b;
const lessOrEqual: Comparison = (a, b) => a <= b;
const greater: Comparison = (a, b) => a > b;
const greaterOrEqual: Comparison = (a, b) => a >= b;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** "It compares the value of the specified key byte for byte against a base-64 encoded representation of the binary value in the policy." */
function compileBinaryEquals(value: string, _variables: boolean, invalid: (problem: string) => never): ValueMatcher {
  if (!BASE64.test(value)) invalid(`invalid base64 "${value}"`);
  const bytes = Buffer.from(value, 'base64');
  return (requestValue) => BASE64.test(requestValue) && Buffer.from(requestValue, 'base64').equals(bytes);
}

function compileBool(value: string, _variables: boolean, invalid: (problem: string) => never): ValueMatcher {
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') invalid(`invalid boolean "${value}": expected "true" or "false"`);
  return (requestValue) => requestValue.toLowerCase() === lower;
}

function compileIpAddress(value: string, _variables: boolean, invalid: (problem: string) => never): ValueMatcher {
  const cidr = parseCidr(value) ?? invalid(`invalid IP address or CIDR block "${value}"`);
  return (requestValue) => {
    const address = parseIp(requestValue);
    return address !== undefined && cidrContains(cidr, address);
  };
}

const positive = (compile: BaseOperator['compile']): BaseOperator => ({ negated: false, compile });
const negative = (compile: BaseOperator['compile']): BaseOperator => ({ negated: true, compile });

const numeric = (compare: Comparison): BaseOperator['compile'] => ordered(parseNumber, 'number', compare);
const date = (compare: Comparison): BaseOperator['compile'] => ordered(parseDate, 'date', compare);
const like: BaseOperator['compile'] = (value, variables) => compileLikeMatcher(value, variables);
const arn: BaseOperator['compile'] = (value, variables) => compileArnMatcher(value, variables, 'condition');

export const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map([
  ['StringEquals', positive(compileStringEquals)],
  ['StringNotEquals', negative(compileStringEquals)],
  ['StringEqualsIgnoreCase', positive(compileStringEqualsIgnoreCase)],
  ['StringNotEqualsIgnoreCase', negative(compileStringEqualsIgnoreCase)],
  ['StringLike', positive(like)],
  ['StringNotLike', negative(like)],
  ['NumericEquals', positive(numeric(equal))],
  ['NumericNotEquals', negative(numeric(equal))],
  ['NumericLessThan', positive(numeric(less))],
  ['NumericLessThanEquals', positive(numeric(lessOrEqual))],
  ['NumericGreaterThan', positive(numeric(greater))],
  ['NumericGreaterThanEquals', positive(numeric(greaterOrEqual))],
  ['DateEquals', positive(date(equal))],
  ['DateNotEquals', negative(date(equal))],
  ['DateLessThan', positive(date(less))],
  ['DateLessThanEquals', positive(date(lessOrEqual))],
  ['DateGreaterThan', positive(date(greater))],
  ['DateGreaterThanEquals', positive(date(greaterOrEqual))],
  ['Bool', positive(compileBool)],
  ['BinaryEquals', positive(compileBinaryEquals)],
  ['IpAddress', positive(compileIpAddress)],
  ['NotIpAddress', negative(compileIpAddress)],
  // "The ArnEquals and ArnLike condition operators behave identically."
  ['ArnEquals', positive(arn)],
  ['ArnLike', positive(arn)],
  ['ArnNotEquals', negative(arn)],
  ['ArnNotLike', negative(arn)],
]);
