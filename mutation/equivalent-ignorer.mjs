// @ts-check
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { equivalentMutants } from '../stryker.config.mjs';

// An entry whose code is gone, or ambiguous, would silently stop ignoring anything: refuse to load instead (Stryker
// then stops with "Cannot find Ignore plugin" after printing this message).
for (const entry of equivalentMutants) {
  const count = readFileSync(entry.file, 'utf8').split(entry.code).length - 1;
  if (count !== 1 || !entry.reason) {
    throw new Error(`stryker.config.mjs equivalentMutants: "${entry.code}" occurs ${count} times in ${entry.file} (must be once, with a reason)`);
  }
}

/**
 * A Stryker ignorer: a node whose exact source text and file match an entry of `equivalentMutants` (stryker.config.mjs)
 * is ignored with that entry's reason, and so is every mutant inside it.
 */
const ignorer = {
  /** @param {any} path Babel's NodePath (Stryker's instrumenter wraps each file in a Babel File, so `hub.file` is set). */
  shouldIgnore(path) {
    const file = path.hub?.file;
    const { start, end } = path.node;
    if (!file?.opts?.filename || typeof file.code !== 'string' || start == null || end == null) return undefined;
    const name = relative(process.cwd(), file.opts.filename).split(sep).join('/');
    const entry = equivalentMutants.find((e) => name.endsWith(e.file) && e.code === file.code.slice(start, end));
    return entry ? `equivalent: ${entry.reason}` : undefined;
  },
};

// What @stryker-mutator/api's declareValuePlugin(PluginKind.Ignore, …) returns, without depending on that package.
export const strykerPlugins = [{ kind: 'Ignore', name: 'equivalent-mutants', value: ignorer }];
