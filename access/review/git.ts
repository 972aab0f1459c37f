import { execFile, execFileSync } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
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

/**
 * Removes the worktree at `tree` and forgets it, whatever state it is in: added, half-added (an interrupted
 * `git worktree add` leaves it locked, hence the second --force), or never created. Never throws: it runs from
 * finally blocks and signal handlers.
 */
export function removeWorktree(root: string, tree: string): void {
  // The link first, so nothing below can reach into the project's own node_modules.
  try {
    rmSync(join(tree, 'node_modules'), { force: true });
  } catch {
    // not a link (a real folder someone put there): the recursive removal below takes it with the tree
  }
  for (const args of [
    ['worktree', 'remove', '--force', '--force', tree],
    ['worktree', 'unlock', tree],
    ['worktree', 'prune'],
  ]) {
    try {
      git(root, args);
    } catch {
      // already gone or never added: the next step (or prune) covers it
    }
  }
  rmSync(tree, { recursive: true, force: true });
  try {
    git(root, ['worktree', 'prune']);
  } catch {
    // nothing to prune
  }
}

/**
 * Checks `commit` out as a detached worktree at `tree` (inside a temporary folder the caller owns and removes). The
 * project's node_modules is linked in, so the tree's code runs with this checkout's packages. Asynchronous on
 * purpose: a blocked event loop would miss Ctrl-C, and tsx then kills the process before it can clean up. Never
 * killed halfway: git runs helper processes that would go on writing, so a caller that stops waits for it instead.
 */
export async function checkoutWorktree(root: string, commit: string, tree: string): Promise<void> {
  try {
    await new Promise<void>((done, fail) => execFile('git', ['worktree', 'add', '--detach', tree, commit], { cwd: root }, (error) => (error ? fail(error) : done())));
    const modules = join(root, 'node_modules');
    if (existsSync(modules)) symlinkSync(modules, join(tree, 'node_modules'), 'dir');
  } catch (error) {
    removeWorktree(root, tree);
    throw new ReviewInputError(`cannot check out ${commit}: ${(error as Error).message.split('\n')[0]}`);
  }
}
