import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** How Terraform JSON spells an attribute of a resource, as far as a what-if override can get it wrong. */
export type AttributeKind = 'string' | 'number' | 'boolean' | 'list' | 'map' | 'block' | 'any';

const PROVIDER_LIB = join(dirname(require.resolve('@cdktf/provider-aws/package.json')), 'lib');
const cache = new Map<string, Map<string, AttributeKind> | undefined>();

/**
 * The attributes of one `aws_*` resource type and their kinds, read from @cdktf/provider-aws: its generated
 * bindings carry the provider schema's type of every argument (`storageClassType` in synthesizeHclAttributes).
 * Undefined for a type the pinned provider does not have.
 */
export function resourceAttributes(type: string): Map<string, AttributeKind> | undefined {
  if (cache.has(type)) return cache.get(type);
  const file = join(PROVIDER_LIB, type.replace(/^aws_/, '').replace(/_/g, '-'), 'index.js');
  let kinds: Map<string, AttributeKind> | undefined;
  if (type.startsWith('aws_') && existsSync(file)) {
    const source = readFileSync(file, 'utf8');
    // The resource class's method is the last one in the file; nested blocks use free functions before it.
    const body = source.slice(source.lastIndexOf('synthesizeHclAttributes() {'));
    kinds = new Map();
    const entry = /^\s{12}(\w+): \{\s*value: [^\n]*\n\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)"/gm;
    for (const [, name, isBlock, , storage] of body.matchAll(entry)) kinds.set(name!, kindOf(isBlock === 'true', storage!));
  }
  cache.set(type, kinds);
  return kinds;
}

function kindOf(isBlock: boolean, storage: string): AttributeKind {
  if (isBlock) return 'block';
  if (storage === 'string' || storage === 'number' || storage === 'boolean' || storage === 'any') return storage;
  if (storage.endsWith('List')) return 'list';
  if (storage.endsWith('Map')) return 'map';
  return 'any';
}

/** Why `value` cannot stand for an attribute of this kind in Terraform JSON, or undefined when it can. */
export function overrideValueProblem(kind: AttributeKind, value: unknown): string | undefined {
  // "${...}" is a Terraform expression: it may stand for any value, as cdktf writes references.
  if (typeof value === 'string' && value.includes('${') && kind !== 'block') return undefined;
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const ok: Record<AttributeKind, boolean> = {
    any: true,
    string: typeof value === 'string',
    number: typeof value === 'number' && Number.isFinite(value),
    boolean: typeof value === 'boolean',
    list: Array.isArray(value),
    map: isObject,
    block: isObject || (Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))),
  };
  if (ok[kind]) return undefined;
  const expected = { string: 'a string', number: 'a number', boolean: 'true or false', list: 'a list', map: 'an object', block: 'a block (an object or a list of objects)', any: 'any value' }[kind];
  return `expected ${expected}, got ${JSON.stringify(value)}`;
}
