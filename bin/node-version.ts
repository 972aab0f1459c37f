import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Checks the running Node.js against package.json `engines.node` (a `>=X[.Y[.Z]]` range, as this project declares
 * it). Returns a line saying so, or throws with what to install.
 */
export function checkNodeVersion(root: string, running: string = process.versions.node): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines?: { node?: string } };
  const range = pkg.engines?.node;
  if (!range) return `node ${running}`;
  const wanted = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!wanted) throw new Error(`package.json engines.node "${range}": only a ">=X.Y.Z" range is understood`);
  const need = wanted.slice(1).map((part) => Number(part ?? 0));
  const have = running.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > need[i]!) break;
    if ((have[i] ?? 0) < need[i]!) {
      throw new Error(`node ${running} is too old: package.json engines.node wants ${range}; install Node.js ${need.join('.')} or newer`);
    }
  }
  return `node ${running} (package.json engines.node ${range})`;
}
