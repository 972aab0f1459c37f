import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Expected, Scenario, ScenarioError, ScenarioRequest, ScenarioUser, StackOverride } from './scenario';
import { ChainStep, SimUser, Simulator } from './simulate';
import { readState, readSynth, StackModel, synthSource, type ValueObject } from '../model';
import { MatchedStatement } from './iam';

export interface CellResult {
  user: string;
  request: string;
  status: number | 'no-credentials' | null;
  body: string;
  role: string | null;
  decision: string;
  reason: string;
  matched: MatchedStatement[];
  steps: ChainStep[];
  /** What is compared with `expect`: the status for HTTP requests, the decision for AWS actions. */
  outcome: Expected;
  expected?: Expected;
}

export interface Mismatch {
  user: string;
  request: string;
  expected: Expected;
  actual: Expected;
}

export interface ScenarioRun {
  scenario: Scenario;
  results: CellResult[];
  mismatches: Mismatch[];
}

/** Stacks in an outdir that a scenario can name: those with an identity pool. */
export function simulatedStacks(outdir: string): string[] {
  const root = join(outdir, 'stacks');
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((name) => {
    const file = join(root, name, 'cdk.tf.json');
    if (!existsSync(file)) return false;
    return readSynth(file, name).ofType('aws_cognito_identity_pool').length > 0;
  });
}

/** Loads the scenario's stack (with its what-if overrides) and checks every name the scenario uses. */
export interface SimulateFrom {
  /**
   * `terraform show -json` of the applied stack: the simulator then reads what was deployed instead of the synth
   * (Lambda zips are still read from the stack's synth folder).
   */
  state?: string;
}

export function simulatorFor(scenario: Scenario, outdir: string, from: SimulateFrom = {}): Simulator {
  const known = simulatedStacks(outdir);
  if (!known.includes(scenario.stack)) {
    throw new ScenarioError(scenario.file, 'stack', `unknown stack "${scenario.stack}" (have: ${known.join(', ') || 'none'})`);
  }
  const dir = join(outdir, 'stacks', scenario.stack);
  let model: StackModel;
  if (from.state) {
    if (scenario.overrides.length > 0) throw new ScenarioError(scenario.file, 'overrides', 'what-if overrides edit a synthesized stack, not applied state');
    model = readState(from.state, scenario.stack, dir);
  } else {
    const file = join(dir, 'cdk.tf.json');
    model = new StackModel(synthSource(applyOverrides(JSON.parse(readFileSync(file, 'utf8')) as ValueObject, scenario), file, scenario.stack));
  }
  const sim = new Simulator(model);
  const groups = sim.userPool.groups.map((g) => g.name);
  scenario.users.forEach((user, i) => {
    user.groups.forEach((group, j) => {
      if (!groups.includes(group)) {
        throw new ScenarioError(scenario.file, `users[${i}].groups[${j}]`, `unknown group "${group}" (stack ${scenario.stack} has: ${groups.join(', ')})`);
      }
    });
    if (user.customRole !== undefined && !groups.includes(user.customRole)) {
      throw new ScenarioError(scenario.file, `users[${i}].customRole`, `unknown group "${user.customRole}" (stack ${scenario.stack} has: ${groups.join(', ')})`);
    }
  });
  scenario.requests.forEach((request, i) => {
    if (request.customRole !== undefined && !groups.includes(request.customRole)) {
      throw new ScenarioError(scenario.file, `requests[${i}].customRole`, `unknown group "${request.customRole}" (stack ${scenario.stack} has: ${groups.join(', ')})`);
    }
  });
  return sim;
}

export async function runScenario(scenario: Scenario, outdir: string, from: SimulateFrom = {}): Promise<ScenarioRun> {
  const sim = simulatorFor(scenario, outdir, from);
  const results: CellResult[] = [];
  for (const user of scenario.users) {
    for (const request of scenario.requests) {
      results.push(await runCell(sim, scenario, user, request));
    }
  }
  const mismatches: Mismatch[] = results
    .filter((r) => r.expected !== undefined && r.expected !== r.outcome)
    .map((r) => ({ user: r.user, request: r.request, expected: r.expected!, actual: r.outcome }));
  return { scenario, results, mismatches };
}

async function runCell(sim: Simulator, scenario: Scenario, user: ScenarioUser, request: ScenarioRequest): Promise<CellResult> {
  const simUser: SimUser = request.customRole === undefined ? user : { ...user, customRole: request.customRole };
  const expected = scenario.expect.get(user.name)?.get(request.key);
  if (request.kind === 'http') {
    const r = await sim.call(simUser, { method: request.method, path: request.path, stage: request.stage });
    return { user: user.name, request: request.key, ...r, outcome: r.status, expected };
  }
  const resource = fillPlaceholders(sim, scenario, user, request.resource, request.key);
  const context = fillContext(sim, scenario, user, request.context, request.key);
  const r = sim.authorizeAction(simUser, { action: request.action, resource, context });
  return {
    user: user.name,
    request: request.key,
    status: null,
    body: '',
    role: r.role,
    decision: r.decision,
    reason: r.reason,
    matched: r.matched,
    steps: r.steps,
    outcome: r.decision,
    expected,
  };
}

/**
 * `{sub}` is the user's own identity id, `{sub:NAME}` another scenario user's, `{output:NAME}` a stack output and
 * `{ref:TYPE.NAME.ATTR}` a resource attribute, all as the simulator resolves them.
 */
export function fillPlaceholders(
  sim: Simulator,
  scenario: Scenario,
  user: ScenarioUser,
  text: string,
  key: string,
  field = 'resource',
): string {
  return text.replace(/\{([a-z]+)(?::([^}]+))?\}/g, (whole, kind: string, arg: string | undefined) => {
    const fail = (detail: string): never => {
      throw new ScenarioError(scenario.file, `requests[${key}].${field}`, `${whole}: ${detail}`);
    };
    switch (kind) {
      case 'sub': {
        const name = arg ?? user.name;
        if (!scenario.users.some((u) => u.name === name)) fail(`unknown user "${name}"`);
        return sim.identityIdOf(name);
      }
      case 'output': {
        const value = sim.model.output(arg ?? '');
        if (value === undefined) return fail(`no output "${arg}" in stack ${scenario.stack}`);
        return typeof value === 'string' ? value : JSON.stringify(value);
      }
      case 'ref': {
        const [type, name, attr] = (arg ?? '').split('.');
        const node = sim.model.node(`${type}.${name}`);
        if (!node || !attr) return fail(`no resource ${type}.${name}`);
        return sim.model.attr(node, attr);
      }
      default:
        return fail('unknown placeholder (use {sub}, {sub:NAME}, {output:NAME} or {ref:TYPE.NAME.ATTR})');
    }
  });
}

/** Context values take the same placeholders as `resource`, e.g. `s3:prefix` = `uploads/{sub}/` for ListBucket. */
export function fillContext(
  sim: Simulator,
  scenario: Scenario,
  user: ScenarioUser,
  context: Record<string, string | string[]>,
  key: string,
): Record<string, string | string[]> {
  const fill = (text: string, name: string) => fillPlaceholders(sim, scenario, user, text, key, `context.${name}`);
  return Object.fromEntries(
    Object.entries(context).map(([name, value]) => [name, Array.isArray(value) ? value.map((item) => fill(item, name)) : fill(value, name)]),
  );
}

/** The stack JSON with the scenario's what-if overrides applied, as a copy; the original is untouched. */
export function applyOverrides<T extends Record<string, unknown>>(json: T, scenario: Scenario): T {
  if (scenario.overrides.length === 0) return json;
  const copy = structuredClone(json);
  const resources = (copy.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  scenario.overrides.forEach((override: StackOverride, i) => {
    const targets = Object.entries(resources[override.type] ?? {}).filter(([name]) => override.name === undefined || override.name === name);
    if (targets.length === 0) {
      throw new ScenarioError(scenario.file, `overrides[${i}]`, `no ${override.type}${override.name ? `.${override.name}` : ''} in stack ${scenario.stack}`);
    }
    for (const [, body] of targets) Object.assign(body, override.set);
  });
  return copy;
}
