import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../access/synth-cache';

/** A throw-away git repository holding a copy of this project, for `access -- review` tests. */
export interface TestRepo {
  root: string;
  /** Appends TypeScript to a file of the copy (e.g. a config module) and commits it. */
  commit(message: string, edit: () => void): void;
  append(file: string, text: string): void;
  git(...args: string[]): string;
  remove(): void;
}

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/**
 * Copies the project's files (tracked and untracked, not ignored; not the tests) into a new repository, links
 * node_modules, and commits them with `fixture` applied: the tests' own configs, so nothing depends on the shipped
 * example's content.
 */
export function createTestRepo(fixture: (repo: TestRepo) => void): TestRepo {
  const root = mkdtempSync(join(tmpdir(), 'review-test-'));
  // The tests stay out: a review runs the stacks, policies, scenarios and tools, never a test, and every review
  // checks the base out again, so half the files less is half the checkout.
  const files = git(PROJECT_ROOT, ['ls-files', '-co', '--exclude-standard']).split('\n');
  for (const file of files.filter((f) => f && !f.startsWith('__tests__/'))) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    try {
      cpSync(join(PROJECT_ROOT, file), join(root, file));
    } catch {
      // listed but deleted in the working tree
    }
  }
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  const repo: TestRepo = {
    root,
    git: (...args) => git(root, args),
    append: (file, text) => appendFileSync(join(root, file), `\n${text}\n`),
    commit(message, edit) {
      edit();
      git(root, ['add', '-A']);
      git(root, ['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', message]);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  git(root, ['init', '-q', '-b', 'main']);
  // node_modules is a link here, which the project's "node_modules/" pattern (a folder) does not match.
  appendFileSync(join(root, '.gitignore'), '\nnode_modules\n');
  repo.commit('base', () => fixture(repo));
  return repo;
}

/** The name of the config object a module of the copy exports with this type, e.g. `AppConfig` in stacks/config.ts. */
export function exportedConfig(repo: TestRepo, file: string, type: string): string {
  const found = new RegExp(`export const (\\w+): ${type} = `).exec(readFileSync(join(repo.root, file), 'utf8'));
  if (!found) throw new Error(`${file} exports no ${type}`);
  return found[1]!;
}

/**
 * Makes the copy's config module declare the tests' fixture instead of its own: the fixture's data, written as a
 * literal (an import of the fixture module could run before the config module has finished loading).
 */
export function useFixture(repo: TestRepo, file: string, type: string, fixture: object): void {
  repo.append(file, `Object.assign(${exportedConfig(repo, file, type)}, ${JSON.stringify(fixture)});`);
}

/** Folders in the temp dir whose name starts with `prefix`. */
export function tempEntries(prefix: string): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(prefix)).sort();
}

/** Replaces the copy's scenario files with one. */
export function onlyScenario(repo: TestRepo, name: string, scenario: object): void {
  const dir = join(repo.root, 'scenarios');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, name), JSON.stringify(scenario, null, 2));
}
