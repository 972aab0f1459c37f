import { join } from 'node:path';
import { renderReport } from '../../access/report-html';
import { runScenario } from '../../access/run-scenario';
import { loadScenario, parseScenario } from '../../access/scenario';
import { synth } from '../support/synth';

const SCENARIOS = join(__dirname, '..', '..', 'scenarios');

test('the report colours each cell by outcome and shows the chain that decided it', async () => {
  const { outdir } = synth();
  const office = await runScenario(loadScenario(join(SCENARIOS, 'office.json')), outdir);
  const attacks = await runScenario(loadScenario(join(SCENARIOS, 'office-attacks.json')), outdir);
  const html = renderReport([office, attacks]);

  expect(html).toContain('<li><a href="#scenarios-office-json">scenarios/office.json</a> (4 cells, all as expected)</li>');
  const cells = [...html.matchAll(/<td class="(\w+)"><div class="outcome">([^<]*)<\/div>/g)].map((m) => [m[1], m[2]]);
  expect(cells.slice(0, 4)).toEqual([
    ['allow', '200 Hello user [office-dev-User]'],
    ['deny', '403 explicitDeny [office-dev-User]'],
    ['allow', '200 Hello user [office-dev-Admin]'],
    ['allow', '200 Hello admin [office-dev-Admin]'],
  ]);
  expect(cells.filter(([cls]) => cls === 'nocreds')).toHaveLength(7 * 6); // seven attacker personas get no credentials at all
  // The chain of John's /admin cell: token claim → role → trust → IAM statement → API Gateway.
  const john = html.slice(html.indexOf('403 explicitDeny [office-dev-User]'));
  const why = john.slice(0, john.indexOf('</details>'));
  expect([...why.matchAll(/<li class="(ok|stop)"><b>([a-z-]+)<\/b>/g)].map((m) => `${m[2]}:${m[1]}`)).toEqual([
    'token:ok',
    'identity-pool:ok',
    'trust:ok',
    'iam:stop',
    'api-gateway:stop',
  ]);
  expect(why).toContain('cognito:preferred_role=arn:aws:iam::123456789012:role/office-dev-User');
  expect(why).toMatch(/decided by: aws_iam_role_policy\.[^ ]+ Statement\[1\] \(DenyEveryOtherInvoke\) Deny/);
});

test('a cell that differs from expect is marked, and text is HTML-escaped', async () => {
  const scenario = parseScenario(
    {
      stack: 'office',
      description: 'John <script>',
      users: [{ name: 'John', groups: ['User'] }],
      requests: [{ method: 'GET', path: '/admin' }],
      expect: { John: { 'GET /admin': 200 } },
    },
    join(SCENARIOS, 'inline.json'),
  );
  const html = renderReport([await runScenario(scenario, synth().outdir)]);
  expect(html).toContain('<td class="mismatch">');
  expect(html).toContain('1 mismatch(es) with expect');
  expect(html).toContain('John &lt;script&gt;');
  expect(html).not.toContain('<script>');
});
