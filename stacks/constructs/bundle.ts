import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { projectCacheDir } from '../../terraform/project-cache';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** Bundles one TypeScript handler into a folder with index.js, ready to zip as a Lambda asset. */
export function bundleHandler(entry: string, bundleName: string): string {
  // Keyed by the project folder too, so two checkouts sharing node_modules never bundle into the same place.
  const project = createHash('sha256').update(PROJECT_ROOT).digest('hex').slice(0, 8);
  const outdir = projectCacheDir('bundles', project, bundleName);
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
