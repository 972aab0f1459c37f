// @ts-check
/**
 * Mutation testing of the core: `npm run mutate` (bin/mutate.ts runs Stryker, then prints the score per folder).
 * Not part of `npm test`. Reports and the incremental file go to .stryker/ (git-ignored).
 */

/**
 * Mutants that no test can kill because the program behaves the same with them, each with its reason
 * (mutation/equivalent-mutants.ts). `code` is exact source text found once in `file`; an entry with `mutator` (and
 * `replacement` as the report shows it, `node` when `code` holds several such mutants) names one mutant, an entry
 * without names every mutant inside `code`. mutation/equivalent-ignorer.mjs reports them as Ignored with the reason.
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
  // access/iam/evaluate.ts: speed shortcuts whose removal gives the same result.
  {
    file: 'access/iam/evaluate.ts',
    code: "let lastAction = '';",
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    reason: 'the action cache then starts on a name no request uses (IAM actions are service:Action), so the first call fills it as from empty',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: "let lastActionLower = '';",
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    reason: 'the starting lowercase action is read only if the first request names the empty action, which is no IAM action',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: "let lastRules: ActionRules = actionRules('');",
    mutator: 'StringLiteral',
    replacement: '"Stryker was here!"',
    reason: "actionRules gives '' and 'stryker was here!' the same rules: neither is GetCallerIdentity, a KMS action or a reserved change",
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'action !== lastAction',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    reason: 'working out the lowercase action and its rules on every call gives the values the cache holds',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'request.principal === undefined ? ANONYMOUS : describeCaller(request.principal)',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: 'describeCaller(undefined) returns ANONYMOUS itself',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: "!hasBoundary && !hasSession && caller.kind !== 'federated-user'",
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: 'without boundary, session policy or federated user the general computation gives UNLIMITED\'s values (both ok, no why)',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'else if (!sessionOk) {',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    reason: 'why is read only after an allow failed a limit; with both limits passed every allow got through, so this why is never read',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: "if (caller.kind === 'root' && identityAllows.length === 0) result",
    mutator: 'ConditionalExpression',
    node: "caller.kind === 'root'",
    replacement: 'true',
    reason: "allowed() is reached only through an identity grant, which without identity allows means the root user: the test on kind is implied",
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'const callerOk = callerAllows.length > 0',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    reason: 'with no allow naming the caller, "caller ok" hands on the empty callerAllows, which every use treats as the empty NONE',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'const callerOk = callerAllows.length > 0',
    mutator: 'EqualityOperator',
    replacement: 'callerAllows.length >= 0',
    reason: 'with no allow naming the caller, "caller ok" hands on the empty callerAllows, which every use treats as the empty NONE',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'byIdentity && direct.length === 0',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: 'the general branch then builds [identityAllows, NONE, boundaryAllows, sessionAllows]: the same statements as IDENTITY_GRANT',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'for (const list of lists) count += list.length;',
    mutator: 'AssignmentOperator',
    reason: "decided()'s one-statement fast path builds what its general loop builds; a wrong count only skips to the loop",
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'count === 1',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: "decided()'s one-statement fast path builds what its general loop builds",
  },
  {
    file: 'access/iam/evaluate.ts',
    code: `{
    for (const [only] of lists) {
      if (only !== undefined) return { decision, matched: [only.matched], reasons: [(deny ? only.denies : only.allows) + target] };
    }
  }`,
    mutator: 'BlockStatement',
    reason: "decided()'s one-statement fast path builds what its general loop builds",
  },
  {
    file: 'access/iam/evaluate.ts',
    code: `{
      if (only !== undefined) return { decision, matched: [only.matched], reasons: [(deny ? only.denies : only.allows) + target] };
    }`,
    mutator: 'BlockStatement',
    reason: "decided()'s one-statement fast path builds what its general loop builds",
  },
  {
    file: 'access/iam/evaluate.ts',
    code: 'only !== undefined',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: "decided()'s one-statement fast path builds what its general loop builds",
  },
  {
    file: 'access/iam/date.ts',
    code: "zone === 'Z'",
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: "'Z' through the general formula gives 0 too: sign +1, and the hour and minute slices of 'Z' are empty, Number('') = 0",
  },
  {
    file: 'access/iam/date.ts',
    code: "zone === 'Z'",
    mutator: 'StringLiteral',
    reason: "'Z' through the general formula gives 0 too: sign +1, and the hour and minute slices of 'Z' are empty, Number('') = 0",
  },
  {
    file: 'access/iam/context.ts',
    code: 'if (value === undefined) {',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    reason: 'the scan finds the exactly spelled key too; only a context holding one key in two spellings could tell, and keys are case-insensitive',
  },
];

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
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/terraform/'],
    },
  },
};
