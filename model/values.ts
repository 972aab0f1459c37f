import { isObject, type Value, type ValueObject } from './source';
import { Unreadable } from './unreadable';

/**
 * Argument values as the provider reads them. Terraform converts a string to the attribute's type ("true" to a
 * bool, "30" to a number), and JSON configuration may write a nested block as one object or a list of objects.
 * A value that does not convert is Unreadable: the provider would refuse it, and the model cannot guess.
 */
export function bool(value: Value | undefined, address: string, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Unreadable(address, field, `expected a bool, got ${JSON.stringify(value)}`);
}

export function num(value: Value | undefined, address: string, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new Unreadable(address, field, `expected a number, got ${JSON.stringify(value)}`);
  return n;
}

export function str(value: Value | undefined, address: string, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Unreadable(address, field, `expected a string, got ${JSON.stringify(value)}`);
}

/** A list or set of strings; a single string is not a list in Terraform's type system. */
export function stringList(value: Value | undefined, address: string, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Unreadable(address, field, `expected a list of strings, got ${JSON.stringify(value)}`);
  return value.map((item, i) => str(item, address, `${field}[${i}]`) ?? '');
}

/** A nested block: absent, one object, or a list of objects. */
export function blockList(value: Value | undefined, address: string, field: string): ValueObject[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    if (!isObject(item)) throw new Unreadable(address, `${field}[${i}]`, `expected a block (object), got ${JSON.stringify(item)}`);
    return item;
  });
}

/** A block that may appear at most once (e.g. `password_policy`). */
export function singleBlock(value: Value | undefined, address: string, field: string): ValueObject | undefined {
  const list = blockList(value, address, field);
  if (list.length > 1) throw new Unreadable(address, field, `expected at most one block, got ${list.length}`);
  return list[0];
}

/** A map of strings (e.g. `supported_login_providers`, `roles`). */
export function stringMap(value: Value | undefined, address: string, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const object = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (!isObject(object)) throw new Unreadable(address, field, `expected a map of strings, got ${JSON.stringify(value)}`);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(object)) out[key] = str(item, address, `${field}.${key}`) ?? '';
  return out;
}
