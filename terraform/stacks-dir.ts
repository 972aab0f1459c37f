import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The access report `npm start` writes into the outdir. */
export const ACCESS_REPORT_FILE = 'access-report.html';

/** Where cdktf writes one stack: `<outdir>/stacks/<name>/cdk.tf.json`. */
export function stackDir(outdir: string, stack: string): string {
  return join(outdir, 'stacks', stack);
}

export function readStackJson(outdir: string, stack: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(stackDir(outdir, stack), 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
}
