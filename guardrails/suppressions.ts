import { InputError } from './errors';
import { MIN_REASON_LENGTH, RULE_ID } from '../stacks/suppress';

/** One accepted finding, as `suppress()` in stacks/suppress.ts wrote it into the resource's `//` block. */
export interface Suppression {
  rule: string;
  reason: string;
}

/**
 * Reads `"//": { "suppressions": [{ "rule", "reason" }] }` from one resource. A malformed entry is an input error
 * (hand edits must not silently suppress nothing, or everything).
 */
export function readSuppressions(comment: unknown, file: string, field: string): Suppression[] {
  if (comment === null || typeof comment !== 'object' || Array.isArray(comment)) return [];
  const raw = (comment as Record<string, unknown>).suppressions;
  if (raw === undefined) return [];
  const at = `${field}.suppressions`;
  if (!Array.isArray(raw)) throw new InputError(file, at, 'expected a list of { "rule", "reason" }');
  return raw.map((entry, i) => {
    const item = entry as Record<string, unknown> | null;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new InputError(file, `${at}[${i}]`, 'expected an object { "rule", "reason" }');
    }
    const { rule, reason } = item;
    if (typeof rule !== 'string' || !RULE_ID.test(rule)) {
      throw new InputError(file, `${at}[${i}].rule`, `expected a rule id such as RBAC-001, got ${JSON.stringify(rule)}`);
    }
    if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
      throw new InputError(file, `${at}[${i}].reason`, `expected a reason of at least ${MIN_REASON_LENGTH} characters`);
    }
    return { rule, reason: reason.trim() };
  });
}
