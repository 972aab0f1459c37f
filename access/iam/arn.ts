import type { ValueMatcher } from './context';
import { compileLikeMatcher, compileTemplateMatcher, parseTemplate } from './variables';
import { globSource, regExpMatcher } from './wildcard';

/** arn:partition:service:region:account - the five colon-delimited fields before the resource part. */
const ARN_PREFIX_FIELDS = 5;

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
  const fields = pattern.split(':');
  if (fields.length <= ARN_PREFIX_FIELDS) return compileLikeMatcher(pattern, variables);
  // Field globs cannot match a colon, so the regex's five colons land on the value's first five.
  const prefixSource = fields
    .slice(0, ARN_PREFIX_FIELDS)
    .map((field) => `${globSource(field, 'field')}:`)
    .join('');
  const resourcePart = fields.slice(ARN_PREFIX_FIELDS).join(':');
  const template = variables ? parseTemplate(resourcePart) : undefined;
  if (template === undefined) {
    if (!/[*?]/.test(pattern)) return (value) => value === pattern;
    return regExpMatcher(pattern, prefixSource + globSource(resourcePart, 'anything'));
  }
  return compileTemplateMatcher(template, prefixSource);
}
