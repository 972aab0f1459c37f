import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';

/** The environment variables stryker.config.mjs reads bin/mutate.ts's own options from. */
export const TEST_ROOTS_VARIABLE = 'MUTATE_TEST_ROOTS';
export const TSCONFIG_VARIABLE = 'MUTATE_TSCONFIG';

export interface MutateOptions {
  /** `--tests <folder>[,<folder>…]`: the Jest roots, so only the test files under them may kill mutants. */
  roots: string[] | undefined;
  /** `--tsconfig <file>`: the project Stryker's type checker checks each mutant in. */
  tsconfig: string | undefined;
  /** Everything else, in order, for Stryker. */
  strykerArgs: string[];
}

/** A path given relative to the project root that stays inside it and exists as a folder (or a file). */
function inProject(root: string, path: string, folder: boolean): boolean {
  if (!path || isAbsolute(path) || normalize(path).startsWith('..')) return false;
  const full = join(root, path);
  return existsSync(full) && statSync(full).isDirectory() === folder;
}

/** Takes bin/mutate.ts's own options out of its arguments; throws a one-line error on a bad value. */
export function splitMutateOptions(args: readonly string[], root: string): MutateOptions {
  const rest = [...args];
  const take = (option: string, example: string): string | undefined => {
    const at = rest.indexOf(option);
    if (at < 0) return undefined;
    const value = rest[at + 1];
    if (value === undefined || value.startsWith('-')) throw new Error(`${option} needs a value, e.g. ${option} ${example}`);
    rest.splice(at, 2);
    return value;
  };
  const tests = take('--tests', '__tests__/iam');
  const tsconfig = take('--tsconfig', 'mutation/tsconfig.iam.json');
  const roots = tests?.split(',').map((folder) => folder.trim().replace(/\/+$/, ''));
  for (const folder of roots ?? []) {
    if (!inProject(root, folder, true)) throw new Error(`--tests: "${folder}" is not a folder of the project`);
  }
  if (tsconfig !== undefined && !inProject(root, tsconfig, false)) throw new Error(`--tsconfig: "${tsconfig}" is not a file of the project`);
  return { roots, tsconfig, strykerArgs: rest };
}
