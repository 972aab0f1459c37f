/**
 * `access -- review`: what a change does to access. Synthesizes the working tree and a base commit (in a temporary
 * git worktree that is always removed), runs every exhaustive matrix, every scenario and the guardrails on both,
 * and lists per stack who gains and who loses, which findings are new or gone, and which stacks came or went.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compareSnapshots, type Review } from './compare';
import { checkoutWorktree, defaultBase, removeWorktree, repoRoot, resolveRef, ReviewInputError } from './git';
import type { Snapshot } from './snapshot';

export { ReviewInputError } from './git';
export { formatMarkdown, summaryLine } from './markdown';
export type { AccessChange, Review, StackReview } from './compare';

export interface ReviewOptions {
  /** Any folder of the repository; default the current directory. */
  cwd?: string;
  /** A git ref; default the merge base of HEAD with the default branch. */
  base?: string;
}

const SIDE = join(__dirname, 'side.ts');
/**
 * tsx's CommonJS hook, preloaded in the side's own node process: no tsx wrapper process in between, so stopping a
 * side stops the process that does the work. A side is CommonJS throughout (no dynamic import), so it needs no ESM
 * loader, whose hooks thread cost each side about 0.4 CPU-seconds more.
 */
const TSX_CJS = require.resolve('tsx/cjs');

/** Runs one side in its own process; rejects with the side's one-line error. */
function runSide(root: string, otherRoot: string, outdir: string, file: string, children: Set<ChildProcess>): Promise<Snapshot> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', TSX_CJS, SIDE, root, otherRoot, outdir, file], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      children.delete(child);
      if (code === 0) done(JSON.parse(readFileSync(file, 'utf8')) as Snapshot);
      else fail(new ReviewInputError(`cannot synthesize and simulate ${root}: ${stderr.trim().split('\n').pop() || `exit ${code ?? signal}`}`));
    });
  });
}

export async function runReview(options: ReviewOptions = {}): Promise<Review> {
  const root = repoRoot(resolve(options.cwd ?? process.cwd()));
  const base = options.base === undefined ? defaultBase(root) : { ref: options.base, commit: resolveRef(root, options.base) };
  const work = mkdtempSync(join(tmpdir(), 'access-review-'));
  const tree = join(work, 'base');
  const children = new Set<ChildProcess>();
  let interrupted = false;
  let checkout: Promise<void> | undefined;
  // Waits for the checkout and stops both sides (a process still writing would refill the folders), then removes both.
  const cleanUp = async () => {
    await checkout?.catch(() => undefined);
    await Promise.all(
      [...children].map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      ),
    );
    removeWorktree(root, tree);
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  };
  // Ctrl-C or a CI cancel: stop both sides, remove the worktree and every temporary folder, then exit as killed.
  // `on`, not `once`: a second Ctrl-C (or tsx relaying the first) must not fall back to the default, which kills.
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    checkout = checkoutWorktree(root, base.commit, tree);
    await checkout;
    const [before, after] = await Promise.all([
      runSide(tree, root, join(work, 'base-out'), join(work, 'base.json'), children),
      runSide(root, tree, join(work, 'head-out'), join(work, 'head.json'), children),
    ]);
    return compareSnapshots(before, after, base, 'working tree');
  } catch (error) {
    // A child stopped by the signal fails its step: the signal handler cleans up and exits, nothing is reported.
    if (interrupted) await new Promise<never>(() => undefined);
    throw error;
  } finally {
    await cleanUp();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
