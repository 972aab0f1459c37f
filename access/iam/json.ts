import type { Reject } from './policy-error';

/** Shape checks shared by the document validators. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** IAM writes one-or-many as either a string or an array; both must be non-empty. */
export function stringOrStringList(value: unknown, path: string, reject: Reject): string[] {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) reject(path, 'expected a string or a non-empty array of strings');
  return items.map((item, i) => {
    if (typeof item !== 'string' || item === '') {
      return reject(Array.isArray(value) ? `${path}[${i}]` : path, 'expected a non-empty string');
    }
    return item;
  });
}
