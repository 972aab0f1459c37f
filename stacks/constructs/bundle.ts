import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** Bundles one TypeScript handler into a folder with index.js, ready to zip as a Lambda asset. */
export function bundleHandler(entry: string, bundleName: string): string {
  const outdir = join(tmpdir(), 'cognito-rbac-bundles', bundleName);
  mkdirSync(outdir, { recursive: true });
  buildSync({
    entryPoints: [join(PROJECT_ROOT, entry)],
    absWorkingDir: PROJECT_ROOT,
    outfile: join(outdir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // The runtime ships the AWS SDK v3; bundling it would only grow the zip.
    external: ['@aws-sdk/*'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  return outdir;
}
