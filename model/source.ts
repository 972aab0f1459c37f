import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { Unreadable } from './unreadable';

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
export type ValueObject = { [key: string]: Value };

/** One resource or data block as written: its arguments unresolved, its `//` metadata apart. */
export interface RawBlock {
  /** `resource` for managed resources, `data` for data sources. */
  mode: 'resource' | 'data';
  type: string;
  name: string;
  /** `aws_iam_role.NAME` or `data.aws_iam_policy_document.NAME`, as Terraform addresses it. */
  address: string;
  body: ValueObject;
  /** The `//` block cdktf writes: construct path, and the suppressions `suppress()` added. */
  comment: ValueObject | undefined;
}

/**
 * What the model reads: a synthesized stack (cdk.tf.json) or the state Terraform wrote after an apply
 * (`terraform show -json`). In state every value is already known; in a synth, computed ones get stand-ins.
 */
export interface StackSource {
  /** The stack's name (cdktf.out/stacks/<name>). */
  name: string;
  /** The file read, as shown in messages. */
  file: string;
  /** The folder relative paths in the configuration (Lambda zips, files) are resolved against. */
  dir: string;
  kind: 'synth' | 'state';
  region: string;
  blocks: RawBlock[];
  /** `output` blocks by name: their unresolved `value`. */
  outputs: ValueObject;
}

export function isObject(value: unknown): value is ValueObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The path as the user would type it, relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function readJson(file: string): ValueObject {
  const shown = displayPath(file);
  if (!existsSync(file)) throw new Unreadable(shown, '', 'no such file');
  if (statSync(file).isDirectory()) throw new Unreadable(shown, '', 'is a directory, expected a JSON file');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Unreadable(shown, '', `not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(json)) throw new Unreadable(shown, '', 'expected a JSON object');
  return json;
}

/** A synthesized stack: `cdktf.out/stacks/<name>/cdk.tf.json`, or any Terraform JSON configuration. */
export function synthSource(json: ValueObject, file: string, name?: string): StackSource {
  const shown = displayPath(file);
  const metadata = isObject(json['//']) && isObject(json['//'].metadata) ? json['//'].metadata : undefined;
  const stackName = name ?? (typeof metadata?.stackName === 'string' ? metadata.stackName : undefined) ?? folderName(file) ?? shown;
  const blocks: RawBlock[] = [];
  for (const mode of ['resource', 'data'] as const) {
    const section = json[mode];
    if (section === undefined) continue;
    if (!isObject(section)) throw new Unreadable(shown, mode, 'expected an object of block types');
    for (const [type, byName] of Object.entries(section)) {
      if (!isObject(byName)) throw new Unreadable(shown, `${mode}.${type}`, 'expected an object of named blocks');
      for (const [blockName, raw] of Object.entries(byName)) {
        // Terraform JSON allows a block to be given as a list of bodies; cdktf never writes that, and two bodies
        // for one address is an error in Terraform too.
        if (!isObject(raw)) throw new Unreadable(shown, `${mode}.${type}.${blockName}`, 'expected one object body');
        const { '//': comment, ...body } = raw;
        blocks.push({
          mode,
          type,
          name: blockName,
          address: mode === 'data' ? `data.${type}.${blockName}` : `${type}.${blockName}`,
          body,
          comment: isObject(comment) ? comment : undefined,
        });
      }
    }
  }
  const providers = isObject(json.provider) ? json.provider.aws : undefined;
  const list = Array.isArray(providers) ? providers : providers === undefined ? [] : [providers];
  const main = list.find((provider) => isObject(provider) && provider.alias === undefined);
  const region = isObject(main) ? main.region : undefined;
  if (typeof region !== 'string' || region.includes('${')) {
    throw new Unreadable(shown, 'provider.aws.region', 'the default aws provider must set a literal region (every ARN depends on it)');
  }
  const outputs: ValueObject = {};
  for (const [key, output] of Object.entries(isObject(json.output) ? json.output : {})) {
    if (isObject(output) && output.value !== undefined) outputs[key] = output.value;
  }
  return { name: stackName, file: shown, dir: dirname(file), kind: 'synth', region, blocks, outputs };
}

export function loadSynth(file: string, name?: string): StackSource {
  return synthSource(readJson(file), file, name);
}

/**
 * `terraform show -json` of applied state. Resources of child modules are read too; their addresses keep the
 * module path. The region comes from the ARNs AWS assigned.
 */
export function stateSource(json: ValueObject, file: string, name: string, dir: string): StackSource {
  const shown = displayPath(file);
  const values = isObject(json.values) ? json.values : undefined;
  const root = values && isObject(values.root_module) ? values.root_module : undefined;
  if (!root) throw new Unreadable(shown, 'values.root_module', 'not the output of `terraform show -json` for applied state');
  const blocks: RawBlock[] = [];
  const visit = (module: ValueObject): void => {
    for (const entry of Array.isArray(module.resources) ? module.resources : []) {
      if (!isObject(entry) || typeof entry.type !== 'string' || typeof entry.name !== 'string' || !isObject(entry.values)) {
        throw new Unreadable(shown, 'values.root_module.resources', 'each resource needs type, name and values');
      }
      const mode = entry.mode === 'data' ? 'data' : 'resource';
      const address = typeof entry.address === 'string' ? entry.address : `${entry.type}.${entry.name}`;
      // State lists unset arguments as null; the configuration would have left them out.
      const body = Object.fromEntries(Object.entries(entry.values).filter(([, v]) => v !== null));
      blocks.push({ mode, type: entry.type, name: entry.name, address, body, comment: undefined });
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) if (isObject(child)) visit(child);
  };
  visit(root);
  const region = regionOf(blocks);
  if (!region) throw new Unreadable(shown, 'values', 'no resource ARN names a region');
  const outputs: ValueObject = {};
  for (const [key, output] of Object.entries(isObject(values?.outputs) ? values.outputs : {})) {
    if (isObject(output) && output.value !== undefined) outputs[key] = output.value;
  }
  return { name, file: shown, dir, kind: 'state', region, blocks, outputs };
}

export function loadState(file: string, name: string, dir: string): StackSource {
  return stateSource(readJson(file), file, name, dir);
}

function regionOf(blocks: RawBlock[]): string | undefined {
  for (const block of blocks) {
    const arn = block.body.arn;
    const region = typeof arn === 'string' ? arn.split(':')[3] : undefined;
    if (region) return region;
  }
  return undefined;
}

function folderName(file: string): string | undefined {
  const parts = file.split(/[\\/]/).filter(Boolean);
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}
