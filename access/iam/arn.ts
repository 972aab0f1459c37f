import type { ValueMatcher } from './context';
import { compileLikeMatcher, parseTemplate, resolveGlob } from './variables';
import { compileGlob, matchTokens, type SliceMatcher } from './wildcard';

/** arn:partition:service:region:account - the five colon-delimited fields before the resource part. */
const ARN_PREFIX_FIELDS = 5;

/**
 * Finds the five field-ending colons without allocating. Returns false when the text is not
 * ARN-shaped; `colons` receives their positions.
 */
function findFieldColons(text: string, colons: Int32Array): boolean {
  let from = 0;
  for (let i = 0; i < ARN_PREFIX_FIELDS; i++) {
    const at = text.indexOf(':', from);
    if (at < 0) return false;
    colons[i] = at;
    from = at + 1;
  }
  return true;
}

/**
 * Matches a Resource/NotResource entry or an Arn* condition value. For ARN patterns the five leading
 * fields are globbed separately (a `*` there cannot cross a colon) and the resource part after the
 * fifth colon is one glob in which `*` spans `/` and `:` - "Each of the six colon-delimited components
 * of the ARN is checked separately and each can include multi-character match wildcards"
 * (IAM JSON policy elements: Condition operators, ARN condition operators). Variables are honoured
 * only in the resource part: "You can use a policy variable in the Resource element, but only in the
 * resource portion of the ARN" (IAM policy elements: Variables and tags). A pattern that is not
 * ARN-shaped is one plain glob over the whole value; `*` alone matches everything.
 */
export function compileArnMatcher(pattern: string, variables: boolean): ValueMatcher {
  if (pattern === '*') return () => true;
  const patternColons = new Int32Array(ARN_PREFIX_FIELDS);
  if (!findFieldColons(pattern, patternColons)) return compileLikeMatcher(pattern, variables);

  const fields: SliceMatcher[] = [];
  let fieldStart = 0;
  for (const colon of patternColons) {
    fields.push(compileGlob(pattern.slice(fieldStart, colon)));
    fieldStart = colon + 1;
  }
  const resourcePart = pattern.slice(fieldStart);
  const template = variables ? parseTemplate(resourcePart) : undefined;
  const [arnField, partition, service, region, account] = fields;
  // Reused across calls: evaluation is synchronous, so no two matches can interleave.
  const colons = new Int32Array(ARN_PREFIX_FIELDS);
  const prefixMatches = (value: string): boolean =>
    findFieldColons(value, colons) &&
    arnField(value, 0, colons[0]) &&
    partition(value, colons[0] + 1, colons[1]) &&
    service(value, colons[1] + 1, colons[2]) &&
    region(value, colons[2] + 1, colons[3]) &&
    account(value, colons[3] + 1, colons[4]);

  if (template === undefined) {
    const resource = compileGlob(resourcePart);
    return (value) => prefixMatches(value) && resource(value, colons[4] + 1, value.length);
  }
  return (value, context) => {
    if (!prefixMatches(value)) return false;
    const tokens = resolveGlob(template, context);
    return tokens !== undefined && matchTokens(tokens, value, colons[4] + 1, value.length);
  };
}
