import type { Simulator } from '../simulate';
import { decidedBy, type MatrixCell } from './cells';
import { matrixCallers, type MatrixCaller } from './callers';
import type { ActionIntent, ActionProbe, HttpIntent, Intent, RouteTemplate } from './intent';
import { httpProbes } from './requests';
import { routeOf, sameRoute } from './routes';

export interface StackMatrix {
  stack: string;
  kind: Intent['kind'];
  /** The config module the expectations come from. */
  source: string;
  callers: Array<Pick<MatrixCaller, 'id' | 'actsAs' | 'why'>>;
  requests: string[];
  cells: MatrixCell[];
  /** Cells whose outcome breaks the config's invariant. */
  failures: MatrixCell[];
}

/** Questions the other side of a review asks too, so both sides answer the same ones. */
export interface SharedQuestions {
  routes?: readonly RouteTemplate[];
  probes?: readonly ActionProbe[];
}

/** Every caller × every request of one stack, each checked against what the config says. */
export async function runMatrix(sim: Simulator, intent: Intent, shared: SharedQuestions = {}): Promise<StackMatrix> {
  const callers = matrixCallers(intent.groups);
  const { requests, cells } = intent.kind === 'http' ? await httpCells(sim, intent, callers, shared.routes) : actionCells(sim, intent, callers, shared.probes);
  return {
    stack: intent.stack,
    kind: intent.kind,
    source: intent.source,
    callers: callers.map(({ id, actsAs, why }) => ({ id, actsAs, why })),
    requests,
    cells,
    failures: cells.filter((cell) => cell.expected !== undefined && cell.expected !== cell.granted),
  };
}

/**
 * The invariant for an API: a caller acting as group G gets 200 exactly on the requests API Gateway routes to one of
 * G's routes on the config's stage; everyone else, and every other request, gets anything but 200.
 */
async function httpCells(sim: Simulator, intent: HttpIntent, callers: MatrixCaller[], extra: readonly RouteTemplate[] = []) {
  const probes = httpProbes(sim.model, intent, extra);
  const routes = intent.groups.flatMap((g) => g.routes);
  const grants = new Map(intent.groups.map((g) => [g.name, g.routes]));
  const cells: MatrixCell[] = [];
  for (const caller of callers) {
    for (const probe of probes) {
      const result = await sim.call(caller.user, { method: probe.method, path: probe.path, stage: probe.stage });
      const routed = probe.stage === intent.stage ? routeOf(routes, probe.method, probe.path) : undefined;
      const expected = caller.actsAs !== null && routed !== undefined && (grants.get(caller.actsAs) ?? []).some((r) => sameRoute(r, routed));
      cells.push({
        caller: caller.id,
        request: probe.id,
        outcome: String(result.status),
        granted: result.status === 200,
        expected,
        role: result.role,
        decidedBy: decidedBy(result.matched, result.steps, result.reason),
      });
    }
  }
  return { requests: probes.map((p) => p.id), cells };
}

/** The invariant for AWS actions: a caller acting as group G is allowed exactly the probes the config grants G. */
function actionCells(sim: Simulator, intent: ActionIntent, callers: MatrixCaller[], extra: readonly ActionProbe[] = []) {
  const own = new Set(intent.probes.map((p) => p.id));
  const probes = [...intent.probes, ...extra.filter((p) => !own.has(p.id))];
  const other = sim.identityIdOf('matrix-other');
  const cells: MatrixCell[] = [];
  for (const caller of callers) {
    const self = sim.identityIdOf(caller.user.name);
    const fill = (text: string) => text.replaceAll('{self}', self).replaceAll('{other}', other);
    for (const probe of probes) {
      const context = Object.fromEntries(Object.entries(probe.context).map(([key, values]) => [key, values.map(fill)]));
      const result = sim.authorizeAction(caller.user, { action: probe.action, resource: fill(probe.resource), context });
      cells.push({
        caller: caller.id,
        request: probe.id,
        outcome: result.decision,
        granted: result.decision === 'allowed',
        expected: own.has(probe.id) ? caller.actsAs !== null && probe.allowedFor.includes(caller.actsAs) : undefined,
        role: result.role,
        decidedBy: decidedBy(result.matched, result.steps, result.reason),
      });
    }
  }
  return { requests: probes.map((p) => p.id), cells };
}
