import { buildSync, type Message } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectCacheDir } from '../../terraform/project-cache';
import { zipFiles } from './lambda-zip';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** A handler that does not compile: esbuild's first error, with its file and 1-based position, on one line. */
export class BundleError extends Error {
  constructor(entry: string, first: Message | undefined, fallback: string) {
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : '';
    super(`handler ${entry} does not build: ${where}${first?.text ?? fallback}`);
    this.name = 'BundleError';
  }
}

/**
 * Bundles one TypeScript handler into index.js and zips it: the path of the deployment package (archive.zip), the
 * same bytes for the same code (see zipFiles), so the asset hash and `source_code_hash` change only with the code.
 */
export function bundleHandler(entry: string, bundleName: string): string {
  // Keyed by the project folder too, so two checkouts sharing node_modules never bundle into the same place.
  const project = createHash('sha256').update(PROJECT_ROOT).digest('hex').slice(0, 8);
  const file = join(projectCacheDir('bundles', project, bundleName), 'archive.zip');
  let code: Buffer;
  try {
    code = build(entry);
  } catch (error) {
    const { errors } = error as { errors?: Message[] };
    throw new BundleError(entry, errors?.[0], (error as Error).message.split('\n')[0]!);
  }
  const archive = zipFiles([{ name: 'index.js', data: code }]);
  // Synths in parallel (test workers, both sides of a review) share this file: write-then-rename, and only on change.
  if (!existsSync(file) || !readFileSync(file).equals(archive)) {
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, archive);
    renameSync(partial, file);
  }
  return file;
}

function build(entry: string): Buffer {
  const { outputFiles } = buildSync({
    entryPoints: [join(PROJECT_ROOT, entry)],
    absWorkingDir: PROJECT_ROOT,
    outfile: 'index.js',
    write: false,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // The runtime ships the AWS SDK v3; bundling it would only grow the zip.
    external: ['@aws-sdk/*'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  return Buffer.from(outputFiles[0]!.contents);
}
