import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './errors';
import { displayPath, isObject } from '../model';

/** The cdk.tf.json of every stack cdktf wrote to `outdir`: from manifest.json, else by listing stacks/. */
export function synthesizedStackFiles(outdir: string): string[] {
  const manifest = join(outdir, 'manifest.json');
  if (existsSync(manifest)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(manifest, 'utf8'));
    } catch (error) {
      throw new InputError(displayPath(manifest), '', `not valid JSON: ${(error as Error).message}`);
    }
    const stacks = isObject(json) && isObject(json.stacks) ? json.stacks : undefined;
    if (!stacks) throw new InputError(displayPath(manifest), 'stacks', 'expected an object of stacks');
    return Object.entries(stacks).map(([name, entry]) => {
      const path = isObject(entry) && typeof entry.synthesizedStackPath === 'string' ? entry.synthesizedStackPath : undefined;
      if (!path) throw new InputError(displayPath(manifest), `stacks.${name}.synthesizedStackPath`, 'missing');
      return join(outdir, path);
    });
  }
  const dir = join(outdir, 'stacks');
  if (!existsSync(dir)) throw new InputError(displayPath(outdir), '', 'no manifest.json and no stacks/ folder: nothing synthesized here');
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name, 'cdk.tf.json'))
    .filter((file) => existsSync(file));
}

/** The stack folders manifest.json lists (`stacks/<name>`), for cleanup. */
export function synthesizedStackDirs(outdir: string): string[] {
  try {
    return synthesizedStackFiles(outdir).map((file) => join(file, '..'));
  } catch {
    return [];
  }
}
