import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
/** What is not the project's source: never copied (node_modules is linked instead). */
const NOT_SOURCE = new Set(['node_modules', 'cdktf.out', '.git', 'coverage', '.gen', '.terraform', '.stryker', '.stryker-tmp']);

/** A copy of the project's sources in the run's temp dir, sharing node_modules, for tests that edit the project. */
export function copyProject(prefix: string): string {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  cpSync(PROJECT_ROOT, copy, { recursive: true, filter: (src) => !NOT_SOURCE.has(relative(PROJECT_ROOT, src).split('/')[0]!) });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}
