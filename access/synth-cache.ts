import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..');
/** What a synthesized stack is made from: any change here makes cdktf.out stale. */
const SOURCES = ['main.ts', 'stacks', 'policies', 'lambdas'];

/**
 * The outdir holding synthesized stacks for a policy version, synthesized first if missing or older than the
 * sources. The deployable default lives in cdktf.out (or CDKTF_OUTDIR, as for cdktf itself); other versions in
 * <outdir>/.access/<version>.
 */
export async function ensureSynthesized(policyVersion?: string, root: string = PROJECT_ROOT): Promise<string> {
  const base = resolve(root, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const outdir = policyVersion ? join(base, '.access', policyVersion) : base;
  const manifest = join(outdir, 'manifest.json');
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < newestSource(root)) {
    mkdirSync(dirname(outdir), { recursive: true });
    // Loaded only when a synth is due: cdktf and the provider bindings take a second to load.
    const { buildApp } = await import('../stacks/app');
    buildApp({ outdir, settings: policyVersion ? { policyVersion } : {} }).synth();
  }
  return outdir;
}

function newestSource(root: string): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const source of SOURCES) visit(join(root, source));
  return newest;
}
