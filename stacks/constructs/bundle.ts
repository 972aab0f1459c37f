import { buildSync, type Message } from 'esbuild';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { projectCacheDir } from '../../terraform/project-cache';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** A handler that does not compile: esbuild's first error, with its file and 1-based position, on one line. */
export class BundleError extends Error {
  constructor(entry: string, first: Message | undefined, fallback: string) {
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : '';
    super(`handler ${entry} does not build: ${where}${first?.text ?? fallback}`);
    this.name = 'BundleError';
  }
}

/** Bundles one TypeScript handler into a folder with index.js, ready to zip as a Lambda asset. */
export function bundleHandler(entry: string, bundleName: string): string {
  // Keyed by the project folder too, so two checkouts sharing node_modules never bundle into the same place.
  const project = createHash('sha256').update(PROJECT_ROOT).digest('hex').slice(0, 8);
  const outdir = projectCacheDir('bundles', project, bundleName);
  try {
    build(entry, outdir);
  } catch (error) {
    const { errors } = error as { errors?: Message[] };
    throw new BundleError(entry, errors?.[0], (error as Error).message.split('\n')[0]!);
  }
  return outdir;
}

function build(entry: string, outdir: string): void {
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
}
