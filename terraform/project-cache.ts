import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const PROJECT_ROOT = resolve(__dirname, '..');

/**
 * A folder for files the tools regenerate at will (Lambda bundles, the Terraform CLI config for a mirror), under
 * node_modules/.cache as build tools keep theirs: reused from run to run, never left in the temp dir.
 */
export function projectCacheDir(...parts: string[]): string {
  const dir = join(PROJECT_ROOT, 'node_modules', '.cache', 'cognito-rbac', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
