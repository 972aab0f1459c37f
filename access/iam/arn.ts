import type { RequestContext, ValueMatcher } from './context';
import { compileLikeMatcher, compileTemplateMatcher, parseTemplate } from './variables';
import { compileGlob, compileRangeGlob, hasWildcard } from './wildcard';

/** arn:partition:service:region:account:resource - six colon-delimited fields, the last may hold colons. */
const ARN_FIELDS = 6;
const SERVICE = 2;

/**
 * Where an ARN pattern is written. Both read it field by field; they differ on the service field:
 * - `resource` (Resource/NotResource): "You can't use a wildcard in the service segment that identifies the
 *   AWS product" (IAM JSON policy elements: Resource, Using wildcards in resource ARNs), so such a pattern,
 *   or one that names no service at all, matches no ARN;
 * - `condition` (ArnLike and friends): "Each of the six colon-delimited components of the ARN is checked
 *   separately and each can include multi-character match wildcards (*) or single-character match
 *   wildcards (?)" (IAM JSON policy elements: Condition operators, ARN condition operators).
 */
export type ArnScope = 'resource' | 'condition';

/**
 * Matches a Resource/NotResource entry or an Arn* condition value against an ARN.
 *
 * A pattern that does not start with `arn:` is one plain glob over the whole value (`*` alone matches
 * everything). An ARN pattern is split at its first five colons and each field is globbed against the
 * value's field, so a wildcard in the region never reaches into the account: the documented ArnLike example
 * (`arn:aws:someservice:*:111122223333:finance/*` against a value whose resource part holds
 * `:111122223333:finance/`) fails. The sixth field, the resource part, is one glob over the rest of the value,
 * colons included ("The asterisk (*) character can expand to replace everything within a segment, including
 * characters like a forward slash (/)"). A pattern with fewer than six fields whose last field ends in `*`
 * covers the remaining fields ("If the wildcard (*) is the last character of a resource ARN segment, it can
 * expand to match beyond colon boundaries", Resource page): `arn:aws:s3:*` is every S3 ARN.
 *
 * Variables are honoured only in the resource part: "You can use a policy variable in the Resource element,
 * but only in the resource portion of the ARN" (IAM policy elements: Variables and tags).
 */
export function compileArnMatcher(pattern: string, variables: boolean, scope: ArnScope): ValueMatcher {
  if (!pattern.startsWith('arn:')) return compileLikeMatcher(pattern, variables);
  const fields = splitArnFields(pattern);
  if (scope === 'resource' && (fields.length <= SERVICE || hasWildcard(fields[SERVICE]))) return () => false;
  if (fields.length < ARN_FIELDS) return shortPattern(fields);

  const leading = fields.slice(0, ARN_FIELDS - 1);
  const resourcePart = fields[ARN_FIELDS - 1];
  const template = variables ? parseTemplate(resourcePart) : undefined;
  // With literal leading fields the field boundaries are fixed, so one glob over the whole value means the same.
  if (template === undefined && !leading.some(hasWildcard)) return compileGlob(pattern);
  const prefix = compilePrefix(leading);
  if (template !== undefined) {
    const resource = compileTemplateMatcher(template);
    return (value, context) => {
      const start = prefix(value);
      return start >= 0 && resource(value, start, value.length, context);
    };
  }
  const resource = compileRangeGlob(resourcePart);
  // Values that differ usually differ at the end (`.../GET/user` against `.../GET/admin`): the literal text after
  // the last wildcard is compared before any field is looked at.
  const tail = resourcePart.slice(Math.max(resourcePart.lastIndexOf('*'), resourcePart.lastIndexOf('?')) + 1);
  return (value) => {
    if (!value.endsWith(tail)) return false;
    const start = prefix(value);
    return start >= 0 && resource(value, start, value.length);
  };
}

/**
 * Matches the leading fields of a value, each against its own glob; returns where the value's next field starts,
 * or -1. Leading literal fields are one startsWith, and a field that is just `*` only has to exist.
 */
function compilePrefix(fields: readonly string[]): (value: string) => number {
  let literalCount = 0;
  while (literalCount < fields.length && !hasWildcard(fields[literalCount])) literalCount++;
  const literal = fields.slice(0, literalCount).map((field) => `${field}:`).join('');
  const globs = fields.slice(literalCount).map((field) => (field === '*' ? undefined : compileRangeGlob(field)));
  return (value) => {
    if (!value.startsWith(literal)) return -1;
    let start = literal.length;
    for (const glob of globs) {
      const colon = value.indexOf(':', start);
      if (colon < 0 || (glob !== undefined && !glob(value, start, colon))) return -1;
      start = colon + 1;
    }
    return start;
  };
}

/** Splits at the first five colons: at most six fields, the last keeping any further colons. */
export function splitArnFields(arn: string): string[] {
  const fields: string[] = [];
  let start = 0;
  while (fields.length < ARN_FIELDS - 1) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) break;
    fields.push(arn.slice(start, colon));
    start = colon + 1;
  }
  fields.push(arn.slice(start));
  return fields;
}

/**
 * Fewer than six fields. A trailing `*` runs on over the colons that follow, so the last field only has to
 * match the value's field in the same place (its star takes the rest of that field and everything after).
 * Without a trailing star the value must end in that field.
 */
function shortPattern(fields: readonly string[]): ValueMatcher {
  const leading = compilePrefix(fields.slice(0, -1));
  const lastField = fields[fields.length - 1];
  const last = compileRangeGlob(lastField);
  const runsOn = lastField.endsWith('*');
  return (value: string, _context: RequestContext) => {
    const start = leading(value);
    if (start < 0) return false;
    const colon = value.indexOf(':', start);
    if (colon >= 0 && !runsOn) return false;
    return last(value, start, colon < 0 ? value.length : colon);
  };
}
