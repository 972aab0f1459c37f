import { IamCatalogue } from './iam-catalogue';
import { StackModel } from './model';
import { parsePolicy, type PolicyDocument } from './policy';
import { RULES } from './rules';
import { policyFields } from './grants';
import type { TfStack } from './stack';
import type { Result, Rule, Severity } from './types';
import { vocabularyOf } from './vocabulary';

/**
 * Checks that belong to the engine rather than to a rule: they police the suppressions themselves. They cannot be
 * suppressed.
 */
export const ENGINE_CHECKS = [
  {
    id: 'GUARD-001',
    severity: 'error' as Severity,
    title: 'A suppression names a rule that does not exist',
    rationale: 'A typo in a rule id would otherwise suppress nothing while looking like an accepted risk.',
  },
  {
    id: 'GUARD-002',
    severity: 'warning' as Severity,
    title: 'A suppression matches no finding',
    rationale: 'Stale suppressions hide future regressions on the same resource; remove them once the cause is fixed.',
  },
] as const;

/** Every parsable policy document in a stack (identity, trust and resource policies). */
export function policiesIn(stack: TfStack): PolicyDocument[] {
  const docs: PolicyDocument[] = [];
  for (const resource of stack.resources) {
    for (const { value } of policyFields(resource)) {
      const parsed = parsePolicy(value);
      if (parsed.ok) docs.push(parsed.policy);
    }
  }
  return docs;
}

/** Loads from the IAM catalogue what the stacks' policies mention. */
export async function catalogueFor(stacks: readonly TfStack[]): Promise<IamCatalogue> {
  const services = new Set<string>();
  const keys = new Set<string>();
  for (const stack of stacks) {
    for (const doc of policiesIn(stack)) {
      const needs = vocabularyOf(doc);
      needs.services.forEach((service) => services.add(service));
      needs.keys.forEach((key) => keys.add(key));
    }
  }
  return IamCatalogue.load(services, keys);
}

/** Runs the rules on one stack and applies its suppressions. Results are sorted: errors first, then by rule. */
export function checkStack(stack: TfStack, catalogue: IamCatalogue, rules: readonly Rule[] = RULES): Result[] {
  const model = new StackModel(stack);
  const results: Result[] = [];
  for (const rule of rules) {
    let findings;
    try {
      findings = rule.check({ stack, model, catalogue });
    } catch (error) {
      throw new Error(`guardrail ${rule.id} failed on ${stack.file}: ${(error as Error).stack ?? error}`);
    }
    for (const finding of findings) {
      results.push({ rule: rule.id, severity: rule.severity, stack: stack.name, file: stack.file, ...finding });
    }
  }

  const known = new Set(rules.map((rule) => rule.id));
  const used = new Set<string>();
  for (const result of results) {
    const suppression = stack.get(result.resource)?.suppressions.find((s) => s.rule === result.rule);
    if (suppression) {
      result.suppressed = { reason: suppression.reason };
      used.add(`${result.resource} ${result.rule}`);
    }
  }
  for (const resource of stack.resources) {
    for (const suppression of resource.suppressions) {
      const base = { stack: stack.name, file: stack.file, resource: resource.address };
      if (!known.has(suppression.rule)) {
        results.push({
          ...base,
          rule: 'GUARD-001',
          severity: 'error',
          message: `suppression of unknown rule ${suppression.rule} ("${suppression.reason}")`,
          fix: `Use one of the ids in guardrails/RULES.md, or remove the suppress(..., '${suppression.rule}', ...) call.`,
        });
      } else if (!used.has(`${resource.address} ${suppression.rule}`)) {
        results.push({
          ...base,
          rule: 'GUARD-002',
          severity: 'warning',
          message: `${suppression.rule} is suppressed here but reports nothing ("${suppression.reason}")`,
          fix: `Remove the suppress(..., '${suppression.rule}', ...) call next to this construct.`,
        });
      }
    }
  }
  return sortResults(results);
}

/** Checks several stacks, loading the IAM catalogue once. */
export async function checkStacks(stacks: readonly TfStack[], rules: readonly Rule[] = RULES): Promise<Result[]> {
  const catalogue = await catalogueFor(stacks);
  return stacks.flatMap((stack) => checkStack(stack, catalogue, rules));
}

export function sortResults(results: Result[]): Result[] {
  const rank = (result: Result) => (result.suppressed ? 2 : result.severity === 'error' ? 0 : 1);
  return results.sort(
    (a, b) =>
      a.stack.localeCompare(b.stack) ||
      rank(a) - rank(b) ||
      a.rule.localeCompare(b.rule, 'en', { numeric: true }) ||
      a.resource.localeCompare(b.resource) ||
      a.message.localeCompare(b.message),
  );
}

/** Unsuppressed errors: what fails synth and `npm run check`. */
export function blocking(results: readonly Result[]): Result[] {
  return results.filter((result) => result.severity === 'error' && !result.suppressed);
}
