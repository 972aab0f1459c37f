import { resolve } from 'node:path';
import { ContextKeyTypeEnum, IAMClient } from '@aws-sdk/client-iam';
import { invokeArn, routeRequest, splitQuery } from '../api-gateway';
import type { Decision } from '../iam';
import { fillContext, fillPlaceholders, simulatorFor } from '../run-scenario';
import { loadScenario, Scenario, ScenarioRequest, ScenarioUser } from '../scenario';
import type { Simulator } from '../simulate';
import { stackDir } from '../../terraform/stacks-dir';
import { readTerraformOutputs, TerraformOutputs } from './outputs';
import { rolePolicyDocuments } from './policy-documents';
import { RealValues, realValuesFor } from './real-values';
import { resultFor, RetryOptions, simulateCustomPolicy, toDecision } from './simulate-custom-policy';

/** The deployable synth output, where `terraform output` finds the deployed stack's state. */
export const DEFAULT_OUTDIR = resolve(__dirname, '..', '..', 'cdktf.out');

export interface CrossCheckOptions {
  /** Synth output holding `stacks/<scenario stack>`. Default: the project's cdktf.out. */
  outdir?: string;
  /** The deployed stack's outputs. Default: `terraform output -json` in `<outdir>/stacks/<stack>`. */
  outputs?: TerraformOutputs;
  /** Default: an IAMClient in the deployed region with the standard credential chain and SDK retries off (ours apply). */
  client?: IAMClient;
  retry?: RetryOptions;
  contextTypes?: Readonly<Record<string, ContextKeyTypeEnum>>;
  /** SimulateCustomPolicy page size. */
  maxItems?: number;
  /** Environment for terraform. */
  env?: NodeJS.ProcessEnv;
}

export type CrossCheckDecision = Decision | 'no-credentials';

/** One scenario cell: the IAM hop decided locally and by IAM SimulateCustomPolicy. */
export interface CrossCheckRow {
  user: string;
  /** The scenario's request key, e.g. `GET /admin`. */
  request: string;
  kind: ScenarioRequest['kind'];
  role: string | null;
  action: string | null;
  /** The resource ARN as IAM was asked about it: deployed values. */
  resource: string | null;
  local: CrossCheckDecision;
  aws: CrossCheckDecision;
  agree: boolean;
  /** Keys the policies read that the request did not give, per IAM. */
  missingContextValues: string[];
  /** Why a cell needed no call, or what API Gateway does before IAM. */
  note?: string;
}

/**
 * For every user × request of a scenario (kinds 'http' and 'action'): the local decision of the IAM hop (the
 * Simulator, on stand-in values) and IAM's own (SimulateCustomPolicy on the same policies, rendered with the
 * deployed stack's values). A user who gets no credentials makes no call: both sides are 'no-credentials'.
 */
export async function crossCheckScenario(scenarioFile: string, options: CrossCheckOptions = {}): Promise<CrossCheckRow[]> {
  const scenario = loadScenario(scenarioFile);
  const outdir = options.outdir ?? DEFAULT_OUTDIR;
  const sim = simulatorFor(scenario, outdir);
  const outputs = options.outputs ?? (await readTerraformOutputs(stackDir(outdir, scenario.stack), options.env));
  const real = realValuesFor(sim, outputs);
  const client = options.client ?? new IAMClient({ region: outputs.region, maxAttempts: 1 });
  try {
    return await crossCheck(sim, scenario, real, client, options);
  } finally {
    if (!options.client) client.destroy();
  }
}

/** The same for an already loaded scenario and simulator. Calls go one at a time, to stay clear of throttling. */
export async function crossCheck(
  sim: Simulator,
  scenario: Scenario,
  real: RealValues,
  client: IAMClient,
  options: Pick<CrossCheckOptions, 'retry' | 'contextTypes' | 'maxItems'> = {},
): Promise<CrossCheckRow[]> {
  const documents = new Map<string, { identity: string[]; boundaries: string[] }>();
  const rows: CrossCheckRow[] = [];
  for (const user of scenario.users) {
    for (const request of scenario.requests) {
      rows.push(await cell(user, request));
    }
  }
  return rows;

  async function cell(user: ScenarioUser, request: ScenarioRequest): Promise<CrossCheckRow> {
    const base = { user: user.name, request: request.key, kind: request.kind };
    const credentials = sim.credentials(user);
    if (!credentials.ok) {
      return {
        ...base,
        role: null,
        action: null,
        resource: null,
        local: 'no-credentials',
        aws: 'no-credentials',
        agree: true,
        missingContextValues: [],
        note: `no credentials, no IAM call: ${credentials.reason}`,
      };
    }
    const target = requestTarget(sim, scenario, user, request);
    const local = sim.authorizeAction(user, { action: target.action, resource: target.resource, context: target.context }).decision;

    let policies = documents.get(credentials.roleArn);
    if (!policies) {
      const docs = rolePolicyDocuments(credentials.role.role);
      policies = { identity: docs.identity.map((d) => real.apply(d.text)), boundaries: docs.boundaries.map((d) => real.apply(d.text)) };
      documents.set(credentials.roleArn, policies);
    }
    const resource = real.apply(target.resource);
    const row = { ...base, role: credentials.role.name, action: target.action, resource, local };
    if (policies.identity.length === 0) {
      const aws = 'implicitDeny';
      return { ...row, aws, agree: local === aws, missingContextValues: [], note: joinNotes(target.note, 'the role has no identity policy: nothing to simulate') };
    }
    const results = await simulateCustomPolicy(
      client,
      {
        policies: policies.identity,
        boundaries: policies.boundaries,
        actions: [target.action],
        resources: [resource],
        context: real.applyContext({ ...webIdentityKeys(credentials.context), ...target.context }),
        contextTypes: options.contextTypes,
        maxItems: options.maxItems,
      },
      options.retry,
    );
    const result = resultFor(results, target.action, resource);
    const aws = toDecision(result.EvalDecision);
    return { ...row, aws, agree: local === aws, missingContextValues: result.MissingContextValues ?? [], note: target.note };
  }
}

/**
 * Only the web-identity keys go to IAM's simulator: the session keys the simulator adds (aws:userid, aws:PrincipalTag,
 * time, address) hold stand-in values that have no deployed counterpart to map to.
 */
function webIdentityKeys(context: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(context).filter(([key]) => key.startsWith('cognito-identity.amazonaws.com:')));
}

interface Target {
  action: string;
  /** Stand-in resource ARN, as the simulator builds it. */
  resource: string;
  context: Record<string, string | string[]>;
  note?: string;
}

/** The IAM request behind a scenario request: execute-api:Invoke on the method ARN, or the action as written. */
function requestTarget(sim: Simulator, scenario: Scenario, user: ScenarioUser, request: ScenarioRequest): Target {
  if (request.kind === 'action') {
    const resource = fillPlaceholders(sim, scenario, user, request.resource, request.key);
    return { action: request.action, resource, context: fillContext(sim, scenario, user, request.context, request.key) };
  }
  const api = sim.api;
  if (!api) throw new Error(`stack ${sim.model.name} has no REST API for ${request.key}`);
  const stage = request.stage ?? sim.defaultStage;
  if (!stage) throw new Error(`stack ${sim.model.name}: the REST API has no stage for ${request.key}`);
  const call = { method: request.method, path: splitQuery(request.path).path, stage };
  const resource = invokeArn(api, call);
  const routed = routeRequest(api, call);
  const note = !routed
    ? 'API Gateway has no such method: it answers 403 Missing Authentication Token before IAM'
    : routed.authorization !== 'AWS_IAM'
      ? `the method's authorization is ${routed.authorization}: API Gateway does not ask IAM`
      : undefined;
  return { action: 'execute-api:Invoke', resource, context: {}, note };
}

function joinNotes(...notes: Array<string | undefined>): string | undefined {
  const present = notes.filter((n): n is string => n !== undefined);
  return present.length ? present.join('; ') : undefined;
}

/** A plain-text report: one line per cell (`=` agree, `≠` differ), then a count. For CLIs and logs. */
export function formatCrossCheck(rows: readonly CrossCheckRow[]): string {
  const width = (pick: (r: CrossCheckRow) => string) => Math.max(0, ...rows.map((r) => pick(r).length));
  const userWidth = width((r) => r.user);
  const requestWidth = width((r) => r.request);
  const lines = rows.map((r) => {
    const missing = r.missingContextValues.length ? `  missing context: ${r.missingContextValues.join(', ')}` : '';
    return `${r.agree ? '=' : '≠'} ${r.user.padEnd(userWidth)}  ${r.request.padEnd(requestWidth)}  local ${r.local}, IAM ${r.aws}${missing}`;
  });
  const differ = rows.filter((r) => !r.agree).length;
  lines.push(differ ? `${differ} of ${rows.length} cells differ` : `all ${rows.length} cells agree`);
  return lines.join('\n');
}
