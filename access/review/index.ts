/**
 * `access -- review`: what a change does to access. Synthesizes the working tree and a base commit (in a temporary
 * git worktree that is always removed), runs every exhaustive matrix, every scenario and the guardrails on both,
 * and lists per stack who gains and who loses, which findings are new or gone, and which stacks came or went.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compareSnapshots, type Review } from './compare';
import { checkoutTemp, defaultBase, repoRoot, resolveRef, ReviewInputError } from './git';
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
const TSX = resolve(__dirname, '../../node_modules/.bin/tsx');

/** Runs one side in its own process; rejects with the side's one-line error. */
function runSide(root: string, otherRoot: string, outdir: string, file: string, children: Set<ReturnType<typeof spawn>>): Promise<Snapshot> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [SIDE, root, otherRoot, outdir, file], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
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
  const work = mkdtempSync(join(tmpdir(), 'access-review-out-'));
  const children = new Set<ReturnType<typeof spawn>>();
  let tree: ReturnType<typeof checkoutTemp> | undefined;
  // Ctrl-C or a CI cancel: stop both sides, remove the worktree and every temporary folder, then exit as killed.
  const onSignal = (signal: NodeJS.Signals) => {
    for (const child of children) child.kill('SIGKILL');
    tree?.dispose();
    rmSync(work, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    tree = checkoutTemp(root, base.commit);
    const [before, after] = await Promise.all([
      runSide(tree.tree, root, join(work, 'base'), join(work, 'base.json'), children),
      runSide(root, tree.tree, join(work, 'head'), join(work, 'head.json'), children),
    ]);
    return compareSnapshots(before, after, base, 'working tree');
  } finally {
    for (const child of children) child.kill('SIGKILL');
    tree?.dispose();
    rmSync(work, { recursive: true, force: true });
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
