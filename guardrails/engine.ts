import { Unreadable, type StackModel } from '../model';
import { suppressionKey } from '../stacks/suppress';
import { documentsOf } from './documents';
import { IamCatalogue } from './iam-catalogue';
import { RULES } from './rules';
import { PolicyDocument } from './statements';
import type { Result, Rule, Severity } from './types';
import { vocabularyOf } from './vocabulary';

/**
 * Checks that belong to the engine rather than to a rule: they police the model and the suppressions themselves.
 * They cannot be suppressed.
 */
export const ENGINE_CHECKS = [
  {
    id: 'MODEL-001',
    severity: 'error' as Severity,
    title: 'Every part of the stack that can affect access is readable offline (model/ refuses the rest, naming resource and field)',
    rationale: 'A part the model cannot read (an unknown resource type, an unresolvable reference, a second roles attachment) could grant anything; nothing is skipped in silence.',
  },
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
  {
    id: 'GUARD-003',
    severity: 'error' as Severity,
    title: 'A suppression in the synthesized JSON that no suppress() call in code declares is not honoured',
    rationale: 'A suppression written by hand into cdk.tf.json would silence a rule with no review; only the code is reviewed.',
  },
] as const;

/** What the code declares with suppress(): `<stack> <address> <rule>` (stacks/suppress.ts codeSuppressions). */
export type CodeSuppressions = ReadonlySet<string>;

/** Loads from the IAM catalogue what the stacks' policies mention, and the services the access questions ask about. */
export async function catalogueFor(models: readonly StackModel[]): Promise<IamCatalogue> {
  const services = new Set(['sts', 'iam', 'cognito-idp', 'cognito-identity', 'lambda', 'execute-api', 's3', 'kms', 'dynamodb']);
  const keys = new Set<string>();
  for (const model of models) {
    for (const { doc } of documentsOf(model)) {
      if (!doc.json) continue;
      const needs = vocabularyOf(new PolicyDocument(doc.json));
      needs.services.forEach((service) => services.add(service));
      needs.keys.forEach((key) => keys.add(key));
    }
  }
  return IamCatalogue.load(services, keys);
}

/**
 * Runs the rules on one stack's model and applies the suppressions that both the JSON carries and the code declares.
 * Results are sorted: errors first, then by rule.
 */
export function checkModel(model: StackModel, catalogue: IamCatalogue, declared: CodeSuppressions, rules: readonly Rule[] = RULES): Result[] {
  const base = { stack: model.name, file: model.file };
  const unreadable = (problem: Unreadable): Result => ({
    ...base,
    rule: 'MODEL-001',
    severity: 'error',
    resource: problem.address,
    message: `${problem.field ? `${problem.field}: ` : ''}${problem.reason}`,
    fix: 'Write this part so it can be read offline (a literal, a reference to a resource of this stack, a known resource type), or remove it.',
  });
  const results: Result[] = model.problems.map(unreadable);
  for (const rule of rules) {
    let findings;
    try {
      findings = rule.check({ model, catalogue });
    } catch (error) {
      // A rule reading an argument the model does not normalise (model.readBool, readBlock, ...) may meet a value
      // the provider would refuse: that is a part of the stack that cannot be read, reported like the model's own.
      if (!(error instanceof Unreadable)) throw new Error(`guardrail ${rule.id} failed on ${model.file}: ${(error as Error).stack ?? error}`);
      results.push(unreadable(error));
      continue;
    }
    for (const finding of findings) results.push({ ...base, rule: rule.id, severity: rule.severity, ...finding });
  }

  const known = new Set(rules.map((rule) => rule.id));
  const honoured = (address: string, rule: string) => declared.has(suppressionKey(model.name, address, rule));
  const used = new Set<string>();
  for (const result of results) {
    if (result.rule === 'MODEL-001') continue;
    const suppression = model.node(result.resource)?.suppressions.find((s) => s.rule === result.rule);
    if (suppression && honoured(result.resource, result.rule)) {
      result.suppressed = { reason: suppression.reason };
      used.add(`${result.resource} ${result.rule}`);
    }
  }
  for (const node of model.nodes) {
    for (const suppression of node.suppressions) {
      const at = { ...base, resource: node.address };
      if (!known.has(suppression.rule)) {
        results.push({
          ...at,
          rule: 'GUARD-001',
          severity: 'error',
          message: `suppression of unknown rule ${suppression.rule} ("${suppression.reason}")`,
          fix: `Use one of the ids in guardrails/RULES.md, or remove the suppress(..., '${suppression.rule}', ...) call.`,
        });
      } else if (!honoured(node.address, suppression.rule)) {
        results.push({
          ...at,
          rule: 'GUARD-003',
          severity: 'error',
          message: `the JSON suppresses ${suppression.rule} ("${suppression.reason}") but no suppress() call in code declares it: not honoured`,
          fix: `Remove the hand-written suppression from the JSON; accept a risk only with suppress(resource, '${suppression.rule}', reason) next to the construct.`,
        });
      } else if (!used.has(`${node.address} ${suppression.rule}`)) {
        results.push({
          ...at,
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
export async function checkModels(models: readonly StackModel[], declared: CodeSuppressions, rules: readonly Rule[] = RULES): Promise<Result[]> {
  const catalogue = await catalogueFor(models);
  return models.flatMap((model) => checkModel(model, catalogue, declared, rules));
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
