import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../access/run-scenario';
import { parseScenario } from '../../access/scenario';
import { enforceGuardrails } from '../../guardrails/enforce';
import { appGroups, appsConfig } from '../../stacks/apps-config';
import { officeConfig, routeKey, RouteConfig } from '../../stacks/config';
import { marketplaceConfig } from '../../stacks/marketplace-config';
import { rowsConfig } from '../../stacks/rows-config';
import { STACKS } from '../../stacks/app';
import { resourcesOf, synthShipped } from '../support/synth';
import { declaredByCode } from '../support/declared';

/**
 * What must hold for any valid edit of the shipped configs (README "Add a group", "Add a route"): each expected
 * value is derived from the config itself, never written out, so these tests follow the user's edits.
 */
jest.setTimeout(60_000);

const shipped = synthShipped();

/** A concrete request path for a route: `{id}` → one segment, `{proxy+}` → two (API Gateway path templates). */
function samplePath(path: string): string {
  return path.replace(/\{[A-Za-z0-9_]+\+\}/g, 'sample/leaf').replace(/\{[A-Za-z0-9_]+\}/g, 'sample');
}

/** The routes a user in exactly these groups may call: Cognito's preferred role is the lowest precedence's. */
function routesOf(groups: string[]): Set<string> {
  const members = officeConfig.groups.filter((g) => groups.includes(g.name));
  if (members.length === 0) return new Set();
  const preferred = members.reduce((a, b) => (b.precedence < a.precedence ? b : a));
  return new Set(preferred.routes);
}

describe('office (stacks/config.ts)', () => {
  test.each(officeConfig.groups.map((g) => [g.name, g.precedence] as const))(
    'group %s exists with precedence %i, its own role and its role_arn output',
    (name, precedence) => {
      const office = shipped.stack(STACKS.office);
      const groups = resourcesOf(office, 'aws_cognito_user_group').filter((g) => g.body.name === name);
      expect(groups.map((g) => g.body.precedence)).toEqual([precedence]);
      expect(Object.keys(office.output)).toContain(`role_arn_${name}`);
    },
  );

  test('the stack has exactly the configured groups and one API method per route', () => {
    const office = shipped.stack(STACKS.office);
    const names = resourcesOf(office, 'aws_cognito_user_group').map((g) => g.body.name);
    expect(names.sort()).toEqual(officeConfig.groups.map((g) => g.name).sort());
    const methods = resourcesOf(office, 'aws_api_gateway_method').map((m) => m.body.http_method);
    expect(methods.sort()).toEqual(officeConfig.routes.map((r) => r.method).sort());
  });

  // One caller per group, one in every group (precedence decides), one in none.
  const callers: Array<{ name: string; groups: string[] }> = [
    ...officeConfig.groups.map((g) => ({ name: `member-of-${g.name}`, groups: [g.name] })),
    { name: 'member-of-all', groups: officeConfig.groups.map((g) => g.name) },
    { name: 'member-of-none', groups: [] },
  ];
  test.each(callers.map((c) => [c.name, c] as const))(
    '%s gets 2xx on exactly its groups’ routes (the preferred role’s), 403 elsewhere; no group: no credentials',
    async (_name, caller) => {
      const allowed = routesOf(caller.groups);
      const scenario = parseScenario(
        {
          stack: STACKS.office,
          users: [caller],
          requests: officeConfig.routes.map((route) => ({ id: routeKey(route), method: route.method, path: samplePath(route.path) })),
        },
        'invariants.json',
      );
      const run = await runScenario(scenario, shipped.outdir);
      // The handler decides the success status (200 for the shipped ones); IAM and API Gateway decide the rest.
      const outcome = (status: number | string | null, decision: string) =>
        status === 'no-credentials' ? status : typeof status === 'number' && status >= 200 && status < 300 && decision === 'allowed' ? '2xx' : status;
      const expected = (route: RouteConfig) => (caller.groups.length === 0 ? 'no-credentials' : allowed.has(routeKey(route)) ? '2xx' : 403);
      expect(run.results.map((r) => [r.request, outcome(r.status, r.decision)])).toEqual(officeConfig.routes.map((r) => [routeKey(r), expected(r)]));
    },
  );
});

test.each<[string, Array<{ name: string; precedence: number }>]>([
  [STACKS.marketplace, marketplaceConfig.groups],
  [STACKS.rows, rowsConfig.groups],
  [STACKS.apps, appGroups(appsConfig)],
])('%s: exactly the configured groups, with their precedence', (stack, groups) => {
  const synthesized = resourcesOf(shipped.stack(stack), 'aws_cognito_user_group').map((g) => [g.body.name, g.body.precedence]);
  const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
  expect(synthesized.sort(byName)).toEqual(groups.map((g) => [g.name, g.precedence]).sort(byName));
});

test('the guardrails accept every shipped stack', async () => {
  // On a refusal the gate removes what it checked, so it checks a copy of the shared synth.
  const copy = mkdtempSync(join(tmpdir(), 'shipped-guardrails-'));
  cpSync(shipped.outdir, copy, { recursive: true });
  const printed: string[] = [];
  expect(await enforceGuardrails(copy, declaredByCode(), (line) => printed.push(line))).toBe(true);
  expect(printed.filter((line) => !line.startsWith('guardrails warning:'))).toEqual([]);
});
