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
    file: 'access/iam/date.ts',
    code: 'if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    node: 'day < 1',
    reason: 'Date.UTC rolls day 0 into the month before, so the check that the day survived refuses it anyway',
  },
  {
    file: 'access/iam/date.ts',
    code: 'if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    node: 'hour > 23',
    reason: 'Date.UTC rolls hour 24 into the next day, so the check that the day survived refuses it anyway',
  },
  {
    file: 'access/iam/context.ts',
    code: 'if (value === undefined) {',
    mutator: 'ConditionalExpression',
    replacement: 'true',
    reason: 'the scan finds the exactly spelled key too; only a context holding one key in two spellings could tell, and keys are case-insensitive',
  },
  {
    file: 'access/iam/evaluate.ts',
    code: "let covers = statement.principal === undefined ? 'caller' : statement.principal(request.principal);",
    mutator: 'StringLiteral',
    reason: 'compilePolicy gives every statement of a resource or trust policy a Principal or NotPrincipal: the fallback is never taken',
  },
  // access/iam/wildcard.ts: the plain-text fast paths and the shift-and tables; each mutant takes a slower path to
  // the same answer (the general chunk matcher handles chunks without ?, shift-and handles chunks without ?).
  ...[
    ['this.plain = wild === undefined;', 'ConditionalExpression', 'false'],
    ['if (end - from < this.length) return -1;', 'ConditionalExpression', 'false'],
    ['return at >= 0 && at + this.length <= end ? at : -1;', 'ConditionalExpression', 'true', 'at >= 0'],
    ['if (end - from < this.length) return -1;', 'ArithmeticOperator', 'end + from'],
    ['if (this.wild === undefined) {\n      const at', 'ConditionalExpression', 'false', 'this.wild === undefined'],
    ['{\n      const at = text.indexOf(this.text, from);\n      return at >= 0 && at + this.length <= end ? at : -1;\n    }', 'BlockStatement'],
    ['if (this.masks === undefined || this.anyMask === undefined) {', 'ConditionalExpression', 'true', 'this.masks === undefined || this.anyMask === undefined'],
    ['if (this.wild?.[j]) continue;', 'ConditionalExpression', 'false'],
    ['let anyWild = false;', 'BooleanLiteral'],
    ['    anyWild = false;\n  };', 'BooleanLiteral'],
    ['if (chunks.every((chunk) => chunk.plain)) {', 'ConditionalExpression', 'false'],
    ['if (chunks.every((chunk) => chunk.plain)) {', 'ArrowFunction'],
    ['{\n    return plainGlob(\n      chunks.map((chunk) => chunk.text),\n      starred,\n    );\n  }', 'BlockStatement'],
    ['const middle = chunks.slice(1, -1).filter((chunk) => chunk.length > 0);', 'MethodExpression', 'chunks.slice(1, -1)'],
    ['const middle = chunks.slice(1, -1).filter((chunk) => chunk.length > 0);', 'EqualityOperator', 'chunk.length >= 0'],
    ['const middle = chunks.slice(1, -1).filter((chunk) => chunk.length > 0);', 'ConditionalExpression', 'true'],
    ['const middle = texts.slice(1, -1).filter((chunk) => chunk !== \'\');', 'MethodExpression', 'texts.slice(1, -1)'],
    ['const middle = texts.slice(1, -1).filter((chunk) => chunk !== \'\');', 'ConditionalExpression', 'true'],
    ['const middle = texts.slice(1, -1).filter((chunk) => chunk !== \'\');', 'StringLiteral'],
    ['texts.reduce((sum, chunk) => sum + chunk.length, 0);\n  if (minimum === 0) return () => true;', 'ConditionalExpression', 'false', 'minimum === 0'],
    ["export function compileGlob(pattern: string): TextMatcher {\n  if (pattern === '*')", 'ConditionalExpression', 'false'],
    ["export function compileRangeGlob(pattern: string): RangeMatcher {\n  if (pattern === '*')", 'ConditionalExpression', 'false'],
    ["if (!pattern.includes('*') && !pattern.includes('?')) return (text) => text === pattern;", 'ConditionalExpression', 'false', "!pattern.includes('*') && !pattern.includes('?')"],
    ["if (!pattern.includes('*') && !pattern.includes('?')) return (text) => text === pattern;", 'StringLiteral', '""', "'*'"],
    ["if (!pattern.includes('*') && !pattern.includes('?')) return (text) => text === pattern;", 'StringLiteral', '""', "'?'"],
    ["if (!pattern.includes('*') && !pattern.includes('?')) {\n    return (text, start, end)", 'ConditionalExpression', 'false', "!pattern.includes('*') && !pattern.includes('?')"],
    ["if (!pattern.includes('*') && !pattern.includes('?')) {\n    return (text, start, end)", 'StringLiteral', '""', "'*'"],
    ["if (!pattern.includes('*') && !pattern.includes('?')) {\n    return (text, start, end)", 'StringLiteral', '""', "'?'"],
    ['{\n    return (text, start, end) => end - start === pattern.length && text.startsWith(pattern, start);\n  }', 'BlockStatement'],
  ].map(([code, mutator, replacement, node]) => ({
    file: 'access/iam/wildcard.ts',
    code,
    mutator,
    replacement,
    node,
    reason: 'a speed path of the glob matcher: without it the general matcher (or shift-and) gives the same answer',
  })),
  {
    file: 'access/iam/wildcard.ts',
    code: 'for (let w = 0; w < words; w++) {',
    mutator: 'EqualityOperator',
    replacement: 'w <= words',
    reason: 'the extra round reads past the end of Int32Arrays (undefined, so 0) and its writes there are dropped',
  },
  {
    file: 'access/iam/wildcard.ts',
    code: 'const words = Math.ceil(this.length / WORD_BITS);\n      const anyMask',
    mutator: 'ArithmeticOperator',
    reason: 'longer mask arrays: the extra words stay 0 and shiftAnd reads only the first ceil(length / 31)',
  },
  {
    file: 'access/iam/wildcard.ts',
    code: 'for (let j = 0; j < this.length; j++) {\n        if (this.wild?.[j]) anyMask',
    mutator: 'EqualityOperator',
    replacement: 'j <= this.length',
    reason: 'wild[length] is undefined: the extra round sets nothing',
  },
  {
    file: 'access/iam/wildcard.ts',
    code: 'for (let j = 0; j < this.length; j++) {\n        if (this.wild?.[j]) continue;',
    mutator: 'EqualityOperator',
    replacement: 'j <= this.length',
    reason: 'the extra round builds a mask for charCodeAt(length), NaN, which no character of a text ever looks up',
  },
  {
    file: 'access/iam/wildcard.ts',
    code: 'if (minimum === 0) return () => true; // only stars',
    mutator: 'ConditionalExpression',
    replacement: 'false',
    reason: 'this path is taken only for a pattern holding a ?, which needs a character: minimum is never 0 here',
  },
  {
    file: 'access/iam/wildcard.ts',
    code: 'if (minimum === 0) return () => true; // only stars',
    mutator: 'BooleanLiteral',
    reason: 'this path is taken only for a pattern holding a ?, which needs a character: minimum is never 0 here',
  },
  // access/iam/variables.ts: fast paths of template parsing and the per-pattern glob cache.
  ...[
    ["if (!text.includes('${')) return undefined;", 'ConditionalExpression', 'false', undefined, 'text without ${ parses to plain pattern parts, for which parseTemplate returns undefined too'],
    ["if (!text.includes('${')) return undefined;", 'StringLiteral', '""', undefined, 'text without ${ parses to plain pattern parts, for which parseTemplate returns undefined too'],
    ['if (close < 0) break;', 'EqualityOperator', 'close <= 0', undefined, 'close is searched from open + 2, so it is never 0'],
    ["return parts.some((part) => part.kind !== 'pattern') ? parts : undefined;", 'ConditionalExpression', 'true', "part.kind !== 'pattern'", 'a template of plain pattern parts substitutes nothing: it reads as the text it came from'],
    ["if (text !== '') parts.push({ kind: 'pattern', text });", 'ConditionalExpression', 'true', undefined, 'an empty pattern part adds nothing to a text or a glob'],
    ["if (text !== '') parts.push({ kind: 'pattern', text });", 'StringLiteral', '"Stryker was here!"', undefined, 'an empty pattern part adds nothing to a text or a glob'],
    ['const values: string[] = [];', 'ArrayDeclaration', undefined, undefined, 'the list is emptied at the start of every call'],
    ['const key = values.length === 1', 'ConditionalExpression', 'false', undefined, 'joining a single value gives that value'],
    ['if (matcher === undefined) {', 'ConditionalExpression', 'true', undefined, 'compiling the glob again gives an equal one'],
    ['if (cache.size >= CACHE_LIMIT) cache.clear();', 'ConditionalExpression', 'true', undefined, 'the cache bound limits memory only: every glob is compiled from the same values'],
    ['if (cache.size >= CACHE_LIMIT) cache.clear();', 'ConditionalExpression', 'false', undefined, 'the cache bound limits memory only: every glob is compiled from the same values'],
    ['if (cache.size >= CACHE_LIMIT) cache.clear();', 'EqualityOperator', 'cache.size > CACHE_LIMIT', undefined, 'the cache bound limits memory only: every glob is compiled from the same values'],
    ['if (cache.size >= CACHE_LIMIT) cache.clear();', 'EqualityOperator', 'cache.size < CACHE_LIMIT', undefined, 'the cache bound limits memory only: every glob is compiled from the same values'],
  ].map(([code, mutator, replacement, node, reason]) => ({ file: 'access/iam/variables.ts', code, mutator, replacement, node, reason })),
  // access/iam/arn.ts: fast paths of ARN matching, and bounds a matched prefix ('arn:…') never reaches.
  ...[
    ['if (template === undefined && !leading.some(hasWildcard)) return compileGlob(pattern);', 'ConditionalExpression', 'false', 'template === undefined && !leading.some(hasWildcard)', 'field by field, literal leading fields match exactly as the one glob over the whole value does'],
    ['return start >= 0 && resource(value, start, value.length, context);', 'EqualityOperator', 'start > 0', undefined, "a matched prefix ends after 'arn:', never at 0"],
    ['return start >= 0 && resource(value, start, value.length);', 'EqualityOperator', 'start > 0', undefined, "a matched prefix ends after 'arn:', never at 0"],
    ["const tail = resourcePart.slice(Math.max(resourcePart.lastIndexOf('*'), resourcePart.lastIndexOf('?')) + 1);", 'StringLiteral', '""', "'*'", "lastIndexOf('') is the length: the tail is '', the fast reject is skipped and the glob decides alone"],
    ["const tail = resourcePart.slice(Math.max(resourcePart.lastIndexOf('*'), resourcePart.lastIndexOf('?')) + 1);", 'StringLiteral', '""', "'?'", "lastIndexOf('') is the length: the tail is '', the fast reject is skipped and the glob decides alone"],
    ['if (!value.endsWith(tail)) return false;', 'ConditionalExpression', 'false', undefined, 'a fast reject: the resource glob ends in the same literal tail and rejects the same values'],
    ['while (literalCount < fields.length && !hasWildcard(fields[literalCount])) literalCount++;', 'ConditionalExpression', 'false', 'literalCount < fields.length && !hasWildcard(fields[literalCount])', 'with no literal prefix every field goes through its own glob, which matches a literal field exactly'],
    ['while (literalCount < fields.length && !hasWildcard(fields[literalCount])) literalCount++;', 'EqualityOperator', 'literalCount >= fields.length', undefined, 'with no literal prefix every field goes through its own glob, which matches a literal field exactly'],
    ['while (literalCount < fields.length && !hasWildcard(fields[literalCount])) literalCount++;', 'BooleanLiteral', undefined, undefined, "the first field is always 'arn', which has no wildcard: the loop stops at 0 either way, and field globs match literal fields exactly"],
    ["const globs = fields.slice(literalCount).map((field) => (field === '*' ? undefined : compileRangeGlob(field)));", 'ConditionalExpression', 'false', "field === '*'", "compileRangeGlob('*') accepts every field too"],
    ['if (colon < 0 || (glob !== undefined && !glob(value, start, colon))) return -1;', 'EqualityOperator', 'colon <= 0', undefined, "the search starts after 'arn:', so a colon is never at 0"],
    ['if (colon < 0) break;', 'EqualityOperator', 'colon <= 0', undefined, "only text starting ':' has a colon at 0; every caller checks for a first field 'arn', which neither split has"],
    ['if (start < 0) return false;', 'EqualityOperator', 'start <= 0', undefined, "a matched prefix ends after 'arn:', never at 0"],
    ['if (colon >= 0 && !runsOn) return false;', 'EqualityOperator', 'colon > 0', undefined, "the search starts after 'arn:', so a colon is never at 0"],
    ['return last(value, start, colon < 0 ? value.length : colon);', 'EqualityOperator', 'colon <= 0', undefined, "the search starts after 'arn:', so a colon is never at 0"],
  ].map(([code, mutator, replacement, node, reason]) => ({ file: 'access/iam/arn.ts', code, mutator, replacement, node, reason })),
  // access/iam/ip.ts
  ...[
    ['const bytes = parseIp(slash < 0 ? text : text.slice(0, slash));', 'EqualityOperator', 'slash <= 0', undefined, "with the slash at 0 the address part is '' either way"],
    ['if (slash < 0) return { bytes, prefix: maxPrefix };', 'EqualityOperator', 'slash <= 0', undefined, "a slash at 0 leaves no address, which was refused just before"],
    ['if (remainingBits === 0) return true;', 'ConditionalExpression', 'false', undefined, 'with no remaining bits the mask is 0, so the last comparison is 0 === 0'],
  ].map(([code, mutator, replacement, node, reason]) => ({ file: 'access/iam/ip.ts', code, mutator, replacement, node, reason })),
  // access/iam/service-rules.ts: flags that only gate functions making the same test themselves.
  ...[
    ["kms: actionLower.startsWith('kms:'),", 'StringLiteral', undefined, undefined, "the kms flag only gates isKmsKeyRequest, which tests for 'kms:' itself"],
    ["return actionLower.startsWith('kms:') && KMS_KEY.test(resource);", 'StringLiteral', undefined, undefined, 'evaluate calls isKmsKeyRequest only when the kms flag, the same test, holds'],
    ['mayChangeReserved: ALIAS_CHANGES.has(actionLower) || POLICY_CHANGES.has(actionLower) || ROLE_CHANGES.has(actionLower),', 'ConditionalExpression', 'true', 'ALIAS_CHANGES.has(actionLower) || POLICY_CHANGES.has(actionLower) || ROLE_CHANGES.has(actionLower)', 'the flag only gates forbiddenChange, which returns undefined for every action outside the same three sets'],
    ["if (!actionLower.startsWith('iam:')) return undefined;", 'ConditionalExpression', 'false', undefined, 'POLICY_CHANGES and ROLE_CHANGES hold iam: actions only, so no other action gets further'],
    ["if (!actionLower.startsWith('iam:')) return undefined;", 'StringLiteral', undefined, undefined, 'POLICY_CHANGES and ROLE_CHANGES hold iam: actions only, so no other action gets further'],
  ].map(([code, mutator, replacement, node, reason]) => ({ file: 'access/iam/service-rules.ts', code, mutator, replacement, node, reason })),
  // access/iam/document.ts: one-entry fast paths, and a fallback the evaluator reads the same either way.
  ...[
    ['notPrincipal: principal?.negated ?? false,', 'BooleanLiteral', undefined, undefined, "a statement without Principal already covers every caller of a resource policy, which is all NotPrincipal with a boundary changes"],
    ['if (matchers.length === 1) {\n    const only = matchers[0];\n    return negated ? (action) =>', 'ConditionalExpression', 'false', 'matchers.length === 1', 'the loop over one matcher decides as that matcher does'],
    ['{\n    const only = matchers[0];\n    return negated ? (action) => !only(action) : only;\n  }', 'BlockStatement', undefined, undefined, 'the loop over one matcher decides as that matcher does'],
    ['if (matchers.length === 1) {\n    const only = matchers[0];\n    return negated ? (resource, context) =>', 'ConditionalExpression', 'false', 'matchers.length === 1', 'the loop over one matcher decides as that matcher does'],
    ['{\n    const only = matchers[0];\n    return negated ? (resource, context) => !only(resource, context) : only;\n  }', 'BlockStatement', undefined, undefined, 'the loop over one matcher decides as that matcher does'],
  ].map(([code, mutator, replacement, node, reason]) => ({ file: 'access/iam/document.ts', code, mutator, replacement, node, reason })),
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
