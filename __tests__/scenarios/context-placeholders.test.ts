import { runScenario } from '../../access/run-scenario';
import { parseScenario, ScenarioError } from '../../access/scenario';
import { Simulator } from '../../access/simulate';
import { synth } from '../support/synth';

let outdir: string;
beforeAll(() => {
  outdir = synth().outdir;
});

const scenario = (requests: unknown[]) =>
  parseScenario(
    {
      stack: 'rows',
      users: [
        { name: 'Wendy', groups: ['writers'] },
        { name: 'Otto', groups: ['writers'] },
      ],
      requests,
    },
    'inline.json',
  );

test('{sub} and {sub:NAME} are filled in context values too, item by item in a list', async () => {
  const run = await runScenario(
    scenario([
      { id: 'own', action: 'dynamodb:PutItem', resource: '{output:table_arn}', context: { 'dynamodb:LeadingKeys': ['{sub}'] } },
      { id: "Otto's", action: 'dynamodb:PutItem', resource: '{output:table_arn}', context: { 'dynamodb:LeadingKeys': ['{sub:Otto}'] } },
      { id: 'both', action: 'dynamodb:BatchWriteItem', resource: '{output:table_arn}', context: { 'dynamodb:LeadingKeys': ['{sub}', '{sub:Otto}'] } },
      // Unfilled, the literal text "{sub}" would be some other partition key and be denied.
      { id: 'single value', action: 'dynamodb:GetItem', resource: '{output:table_arn}', context: { 'dynamodb:LeadingKeys': '{sub}' } },
    ]),
    outdir,
  );
  expect(run.results.map((r) => [r.user, r.request, r.outcome])).toEqual([
    ['Wendy', 'own', 'allowed'],
    ['Wendy', "Otto's", 'explicitDeny'],
    ['Wendy', 'both', 'explicitDeny'],
    ['Wendy', 'single value', 'allowed'],
    ['Otto', 'own', 'allowed'],
    ['Otto', "Otto's", 'allowed'],
    ['Otto', 'both', 'allowed'], // for Otto, {sub} and {sub:Otto} are the same id
    ['Otto', 'single value', 'allowed'],
  ]);
  // The filled value is the identity id the identity pool gives that user, as ${cognito-identity.amazonaws.com:sub} is.
  const sim = Simulator.fromOutdir(outdir, 'rows');
  expect(sim.identityIdOf('Otto')).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
});

test('a bad placeholder in a context value names the request and the context key', async () => {
  const bad = scenario([{ id: 'put', action: 'dynamodb:PutItem', resource: '{output:table_arn}', context: { 'dynamodb:LeadingKeys': ['{sub:Nobody}'] } }]);
  await expect(runScenario(bad, outdir)).rejects.toThrow(ScenarioError);
  await expect(runScenario(bad, outdir)).rejects.toThrow('inline.json: requests[put].context.dynamodb:LeadingKeys: {sub:Nobody}: unknown user "Nobody"');
});
