// @ts-check
/**
 * Mutation testing of the core: `npm run mutate` (bin/mutate.ts runs Stryker, then prints the score per folder).
 * Not part of `npm test`. Reports and the incremental file go to .stryker/ (git-ignored).
 */

/**
 * Mutants that no test can kill because the program behaves the same with them, each with its reason
 * (mutation/equivalent-mutants.ts). `code` is exact source text found once in `file`; an entry with `mutator` (and
 * `replacement`, as the report shows it) names the one mutant of that kind inside `code`, an entry without names
 * every mutant inside it. mutation/equivalent-ignorer.mjs reports them as Ignored with the reason.
 * @type {Array<import('./mutation/equivalent-mutants').EquivalentMutant>}
 */
export const equivalentMutants = [
  {
    file: 'client/sigv4-call.ts',
    code: 'res.statusCode ?? 0',
    reason: "Node's http client sets statusCode on every response it hands to the callback",
  },
  {
    file: 'client/sigv4-call.ts',
    code: "res.statusMessage ?? ''",
    reason: "Node's http client sets statusMessage (possibly '') on every response it hands to the callback",
  },
  {
    file: 'client/sigv4-call.ts',
    code: 'response.status >= 200',
    reason: "Node's http client never ends a request on a 1xx status (those are interim 'information' events)",
  },
  {
    file: 'client/sigv4-call.ts',
    code: 'minutes < 0',
    reason: 'API Gateway refuses a signature only when more than 5 min off, so the rounded skew is never 0',
  },
  {
    file: 'access/user-pool.ts',
    code: 'withRoles.length === 0',
    reason: 'with no role-bearing group the Set of best roles is empty too, so preferredRole returns undefined either way',
  },
  {
    file: 'access/session.ts',
    code: "''",
    reason: "the fallback of aws:PrincipalAccount: a role ARN (arn:partition:iam::account:role/name) always has a fifth field",
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'if (list.length > 0) list.length = 0;',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    reason: 'emptying a list that is already empty changes nothing: the test only skips a write',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'if (list.length > 0) list.length = 0;',
    mutator: 'EqualityOperator',
    replacement: 'list.length >= 0',
    reason: 'emptying a list that is already empty changes nothing: the test only skips a write',
  },
  // Guardrail rules: shortcuts that skip questions whose answer is already known to be "no finding".
  {
    file: 'guardrails/rules/RBAC-014-no-self-escalation.ts',
    code: 'if (!allows.some((s) => s.action(lower))) continue;',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: 'only skips asking: an action no Allow statement names is never allowed, so the evaluator denies it anyway',
  },
  {
    file: 'guardrails/rules/RBAC-016-stays-in-stack.ts',
    code: 'if (allows.length === 0) continue;',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: 'a role with no Allow statement names no action, so no action is asked about and nothing is reported either way',
  },
  {
    file: 'guardrails/rules/RBAC-016-stays-in-stack.ts',
    code: 'if (actions.length === 0) continue;',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: 'only skips a loop over no actions, which reports nothing',
  },
];

/**
 * MUTATE_SKIP_TESTS: test files (space-separated paths from the project root) that do not run against the mutants,
 * on top of `--tests`, e.g. for the guardrails: `MUTATE_SKIP_TESTS='__tests__/guardrails/stacks.test.ts' npm run
 * mutate -- --tests __tests__/guardrails --mutate guardrails/engine.ts`. A test file that runs the whole engine in a
 * beforeAll makes every mutant it reaches static, rerun with every related test file (seconds each, not
 * milliseconds). A mutant that only a skipped test kills counts as survived: such a run never overstates the score.
 */
const skippedTests = (process.env.MUTATE_SKIP_TESTS ?? '')
  .split(/\s+/)
  .filter(Boolean)
  .map((file) => `<rootDir>/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  checkers: ['typescript'],
  // `npm run mutate -- --tsconfig <file>` (bin/mutate.ts) checks mutants in a smaller project.
  tsconfigFile: process.env.MUTATE_TSCONFIG ?? 'tsconfig.json',
  plugins: ['@stryker-mutator/jest-runner', '@stryker-mutator/typescript-checker', './mutation/equivalent-ignorer.mjs'],
  mutate: [
    'access/iam/**/*.ts',
    // The hops of one request (access/simulate.ts): token, identity pool, trust, session, role policies, API Gateway
    // and its authorization, handler.
    'access/{user-pool,identity-pool,trust,role-policies,api-gateway,api-authorization,session,handler}.ts',
    'guardrails/rules/**/*.ts',
    'guardrails/engine.ts',
    'client/sigv4-call.ts',
    'client/sign-in.ts',
  ],
  // Each mutant runs only the tests that reach it; a rerun retests only mutants whose code or tests changed.
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: '.stryker/incremental.json',
  // equivalent-mutants first: it turns the plan of each listed mutant into "Ignored" before the others count it.
  reporters: ['equivalent-mutants', 'html', 'json', 'progress'],
  htmlReporter: { fileName: '.stryker/report/index.html' },
  jsonReporter: { fileName: '.stryker/report/mutation.json' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['cdktf.out', '.gen', '.terraform', 'coverage', '.tmp', '.stryker'],
  // Two shared cores: `npm run mutate -- --concurrency 1` when others need the machine.
  concurrency: 2,
  timeoutMS: 20_000,
  thresholds: { high: 85, low: 80, break: null },
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // Run only the test files that import the mutated file.
    enableFindRelatedTests: true,
    config: {
      // `npm run mutate -- --tests __tests__/iam` (bin/mutate.ts): only the test files under those folders.
      ...(process.env.MUTATE_TEST_ROOTS ? { roots: process.env.MUTATE_TEST_ROOTS.split(',').map((root) => `<rootDir>/${root}`) } : {}),
      // Jest would synthesize every stack on each of the thousands of runs: bin/mutate.ts does it once instead and
      // hands the folders down through the environment, as global-setup.ts does for npm test.
      globalSetup: null,
      globalTeardown: null,
      // The Terraform tier runs the real CLI on the synthesized stacks; no mutated module is under it.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/terraform/', ...skippedTests],
    },
  },
};
