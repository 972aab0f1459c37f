import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { exactRef, type TfRef } from './template';
import { InputError } from './errors';
import { readSuppressions, type Suppression } from './suppressions';

export { InputError };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface TfResource {
  type: string;
  name: string;
  /** `aws_iam_role.NAME`, Terraform's own address. */
  address: string;
  /** The resource's arguments, without the `//` comment block. */
  body: JsonObject;
  /** The construct path cdktf recorded, e.g. `office/fn-user/role`. */
  constructPath?: string;
  suppressions: Suppression[];
}

/** A synthesized stack (one cdk.tf.json) with its resources indexed by address and type. */
export class TfStack {
  readonly resources: readonly TfResource[];
  private readonly byAddress = new Map<string, TfResource>();
  private readonly byType = new Map<string, TfResource[]>();

  constructor(
    /** Path as given (shown in messages). */
    readonly file: string,
    /** Stack name from cdktf metadata, else the file's folder name. */
    readonly name: string,
    resources: TfResource[],
    /** `data` blocks, addressed `data.TYPE.NAME`. */
    readonly data: ReadonlyMap<string, JsonObject>,
  ) {
    this.resources = resources;
    for (const resource of resources) {
      this.byAddress.set(resource.address, resource);
      const list = this.byType.get(resource.type) ?? [];
      list.push(resource);
      this.byType.set(resource.type, list);
    }
  }

  get(address: string): TfResource | undefined {
    return this.byAddress.get(address);
  }

  ofType(type: string): readonly TfResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resource a `${type.name.attr}` value points to, if it is one of this stack's, optionally of a given type. */
  resolve(value: unknown, type?: string): TfResource | undefined {
    const ref = exactRef(value);
    if (!ref || (type !== undefined && ref.type !== type)) return undefined;
    return this.byAddress.get(ref.address);
  }

  /**
   * The resource of `type` that `value` designates: a `${type.X.attr}` reference, or a literal equal to the `field`
   * (e.g. a role's `name`) of one of them, as hand-written configuration may do.
   */
  find(value: unknown, type: string, field: string): TfResource | undefined {
    const byRef = this.resolve(value, type);
    if (byRef) return byRef;
    if (typeof value !== 'string' || exactRef(value)) return undefined;
    return this.ofType(type).find((resource) => resource.body[field] === value);
  }
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Terraform JSON accepts a nested block as one object or a list of them; this always gives the list. */
export function blocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

export function block(value: unknown): JsonObject | undefined {
  return blocks(value)[0];
}

export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export type { TfRef };

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** Reads one cdk.tf.json; throws InputError naming the file (and field) when it is missing or malformed. */
export function loadStackFile(file: string): TfStack {
  const shown = displayPath(file);
  if (!existsSync(file)) throw new InputError(shown, '', 'no such file');
  if (statSync(file).isDirectory()) throw new InputError(shown, '', 'is a directory, expected a cdk.tf.json file');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(shown, '', `cannot read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(shown, '', `not valid JSON: ${(error as Error).message}`);
  }
  return parseStack(json, shown);
}

/** Builds the typed view of a Terraform JSON document (already parsed). */
export function parseStack(json: unknown, file: string, fallbackName?: string): TfStack {
  if (!isObject(json)) throw new InputError(file, '', 'expected a Terraform JSON object');
  const meta = isObject(json['//']) && isObject(json['//'].metadata) ? json['//'].metadata : undefined;
  const stackName =
    (typeof meta?.stackName === 'string' ? meta.stackName : undefined) ?? fallbackName ?? folderName(file) ?? file;

  const resources: TfResource[] = [];
  const rawResources = json.resource ?? {};
  if (!isObject(rawResources)) throw new InputError(file, 'resource', 'expected an object keyed by resource type');
  for (const [type, byName] of Object.entries(rawResources)) {
    if (!isObject(byName)) throw new InputError(file, `resource.${type}`, 'expected an object keyed by resource name');
    for (const [name, raw] of Object.entries(byName)) {
      const field = `resource.${type}.${name}`;
      if (!isObject(raw)) throw new InputError(file, field, 'expected an object');
      const { ['//']: comment, ...body } = raw;
      const metadata = isObject(comment) && isObject(comment.metadata) ? comment.metadata : undefined;
      resources.push({
        type,
        name,
        address: `${type}.${name}`,
        body,
        constructPath: typeof metadata?.path === 'string' ? metadata.path : undefined,
        suppressions: readSuppressions(comment, file, `${field}.//`),
      });
    }
  }

  const data = new Map<string, JsonObject>();
  const rawData = json.data ?? {};
  if (isObject(rawData)) {
    for (const [type, byName] of Object.entries(rawData)) {
      if (!isObject(byName)) continue;
      for (const [name, raw] of Object.entries(byName)) {
        if (isObject(raw)) data.set(`data.${type}.${name}`, raw);
      }
    }
  }
  return new TfStack(file, stackName, resources, data);
}

function folderName(file: string): string | undefined {
  const parts = file.split(/[\\/]/).filter(Boolean);
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}
