import { blocking, checkModels } from '../../guardrails/engine';
import { StackModel, synthSource, type ValueObject } from '../../model';
import { declaredByCode } from '../support/declared';
import { synth } from '../support/synth';
import { MUTANTS, type Json } from './mutants';

// The first test waits for a synth of every stack (shared with other suites, but slow on a loaded machine).
jest.setTimeout(120_000);

describe('mutants of the shipped stacks', () => {
  const base = Object.fromEntries((['office', 'marketplace', 'rows', 'apps', 'state'] as const).map((name) => [name, JSON.stringify(synth().stack(name))]));

  // One-time loads (the app built in memory for its suppressions, the catalogues) happen here, not in the first mutant.
  beforeAll(async () => {
    await checkModels([new StackModel(synthSource(JSON.parse(base.office!) as ValueObject, 'office/cdk.tf.json', 'office'))], declaredByCode());
  }, 60_000);

  it('cover every shipped stack, several per stack', () => {
    const perStack = MUTANTS.reduce<Record<string, number>>((counts, m) => ({ ...counts, [m.stack]: (counts[m.stack] ?? 0) + 1 }), {});
    expect(Object.keys(perStack).sort()).toEqual(['apps', 'marketplace', 'office', 'rows', 'state']);
    expect(Math.min(...Object.values(perStack))).toBeGreaterThanOrEqual(4);
  });

  it.each(MUTANTS.map((m) => [`${m.stack}: ${m.name}`, m] as const))('%s is refused', async (_name, mutant) => {
    const json = JSON.parse(base[mutant.stack]!) as Json;
    mutant.mutate(json);
    const model = new StackModel(synthSource(json as ValueObject, `${mutant.stack}/cdk.tf.json (mutant)`, mutant.stack));
    const refused = blocking(await checkModels([model], declaredByCode())).map((result) => `${result.rule} ${result.resource}`);
    expect(mutant.reason.length).toBeGreaterThan(20);
    for (const expected of mutant.expect) expect(refused).toContain(expected);
  });
});
