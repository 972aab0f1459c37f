import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bad input to `review`: an unknown ref, no git repository, a tree that cannot be synthesized. Exit status 2. */
export class ReviewInputError extends Error {}

export function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The repository's top folder, or a ReviewInputError when `dir` is not in one. */
export function repoRoot(dir: string): string {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new ReviewInputError(`${dir} is not inside a git repository`);
  }
}

/** The commit a ref names, or a ReviewInputError naming the ref. */
export function resolveRef(root: string, ref: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new ReviewInputError(`--base: unknown git ref "${ref}"`);
  }
}

/**
 * The default base: the merge base of HEAD with the default branch (origin/HEAD, else origin/main, main, master),
 * which is what a pull request is compared against.
 */
export function defaultBase(root: string): { ref: string; commit: string } {
  const candidates: string[] = [];
  try {
    candidates.push(git(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']));
  } catch {
    // no remote default branch recorded
  }
  candidates.push('origin/main', 'main', 'master');
  for (const ref of candidates) {
    try {
      resolveRef(root, ref);
      return { ref: `merge-base of HEAD and ${ref}`, commit: git(root, ['merge-base', 'HEAD', ref]) };
    } catch {
      // try the next candidate
    }
  }
  throw new ReviewInputError('no default branch (origin/HEAD, main or master) to compare with: pass --base REF');
}

/** A temporary folder holding a detached worktree of `commit`, removed (with the worktree's record) by `dispose`. */
export interface TempTree {
  dir: string;
  tree: string;
  dispose(): void;
}

/**
 * Checks `commit` out into a new temporary folder. The project's node_modules is linked in, so the tree's code
 * runs with this checkout's packages. `dispose` is idempotent and never throws: it runs from finally blocks and
 * signal handlers.
 */
export function checkoutTemp(root: string, commit: string): TempTree {
  const dir = mkdtempSync(join(tmpdir(), 'access-review-'));
  const tree = join(dir, 'base');
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    // The link first, so nothing below can reach into the project's own node_modules.
    rmSync(join(tree, 'node_modules'), { force: true });
    try {
      git(root, ['worktree', 'remove', '--force', tree]);
    } catch {
      // not added, or already gone: prune below forgets it either way
    }
    rmSync(dir, { recursive: true, force: true });
    try {
      git(root, ['worktree', 'prune']);
    } catch {
      // nothing to prune
    }
  };
  try {
    git(root, ['worktree', 'add', '--detach', tree, commit]);
    const modules = join(root, 'node_modules');
    if (existsSync(modules)) symlinkSync(modules, join(tree, 'node_modules'), 'dir');
  } catch (error) {
    dispose();
    throw new ReviewInputError(`cannot check out ${commit}: ${(error as Error).message.split('\n')[0]}`);
  }
  return { dir, tree, dispose };
}
