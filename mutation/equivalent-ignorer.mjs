// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { equivalentMutants } from '../stryker.config.mjs';

/** @type {typeof import('./equivalent-mutants')} */
const { EquivalentMutantMatcher } = await tsImport('./equivalent-mutants.ts', import.meta.url);

const root = process.cwd();
// An entry whose code is gone or ambiguous would silently stop ignoring anything: the constructor throws instead,
// and Stryker stops with "Cannot find Reporter plugin" after printing the message.
const matcher = new EquivalentMutantMatcher(equivalentMutants, root, (file) => readFileSync(join(root, file), 'utf8'));

/**
 * A Stryker reporter that marks the mutants listed in stryker.config.mjs (`equivalentMutants`) as Ignored, with
 * their reason. Stryker's Ignore plugins see only a syntax node, so they cannot tell apart the mutants of one node
 * (`true` from `false` in place of a condition); the test plan can. Stryker 9 announces the plan of every mutant
 * (onMutationTestingPlanReady) before it type-checks or tests any, and then carries out that same plan: turning a
 * plan into an early result here skips the mutant and reports it as Ignored. It must come first in `reporters`, so
 * the progress reporter counts the plan as changed.
 */
function equivalentMutantsReporter() {
  return {
    /** @param {{ mutantPlans: ReadonlyArray<{ plan: string; mutant: any }> }} event */
    onMutationTestingPlanReady({ mutantPlans }) {
      const { reasons, problems } = matcher.match(mutantPlans.map(({ mutant }) => mutant));
      for (const problem of problems) process.stderr.write(`[equivalent-mutants] ${problem}\n`);
      for (const plan of mutantPlans) {
        const reason = reasons.get(plan.mutant);
        if (reason === undefined) continue;
        // A writable view of the plan: Stryker declares it read-only, and executes it after this returns.
        const writable = /** @type {{ plan: string; mutant: any }} */ (plan);
        writable.plan = 'EarlyResult';
        writable.mutant = { ...plan.mutant, status: 'Ignored', statusReason: reason };
      }
    },
  };
}
equivalentMutantsReporter.inject = /** @type {const} */ ([]);

// What @stryker-mutator/api's declareFactoryPlugin(PluginKind.Reporter, …) returns, without depending on that package.
export const strykerPlugins = [{ kind: 'Reporter', name: 'equivalent-mutants', factory: equivalentMutantsReporter }];
