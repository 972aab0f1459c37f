import type { StackModel } from '../../model';
import { apiView, routeRequest, type ApiView } from '../api-gateway';
import type { HttpIntent, RouteTemplate } from './intent';
import { concretePath } from './routes';

export interface HttpProbe {
  /** `GET /user`, or `GET /user @stage` off the config's stage. */
  id: string;
  method: string;
  path: string;
  stage: string;
}

/** Tried where a resource does not declare them: an HTTP method API Gateway must answer with Missing Authentication Token. */
const UNKNOWN_METHODS = ['DELETE', 'PATCH', 'PUT', 'POST', 'GET'];
/** A stage name no config deploys. */
export const UNDECLARED_STAGE = 'undeclared';
const UNDECLARED_SEGMENT = 'undeclared';

interface ResourceView {
  path: string;
  methods: string[];
}

/** Every resource of the stack's REST API with its methods, root included. */
function resourcesOf(model: StackModel): { resources: ResourceView[]; stages: string[]; view?: ApiView } {
  const api = model.apis[0];
  if (!api) return { resources: [], stages: [] };
  const view = apiView(api);
  const resources: ResourceView[] = [];
  const walk = (node: typeof view.root, path: string) => {
    resources.push({ path: path || '/', methods: [...node.methods.keys()] });
    for (const child of node.children) walk(child, `${path}/${child.pathPart}`);
  };
  walk(view.root, '');
  return { resources, stages: view.stages, view };
}

/**
 * A path under `path` that no resource serves: one undeclared segment, or more while a `{param}` child would take it.
 * Under a greedy `{proxy+}` every path routes, and the deepest try is kept.
 */
function unroutedPath(view: ApiView | undefined, path: string, method: string, stage: string): string {
  let candidate = path === '/' ? '' : path;
  for (let depth = 0; depth < 3; depth++) {
    candidate = `${candidate}/${UNDECLARED_SEGMENT}`;
    if (!view || !routeRequest(view, { method, path: candidate, stage })) break;
  }
  return candidate;
}

/**
 * The HTTP requests of the matrix: every method of every API resource, an undeclared method and a path no resource
 * serves under each resource, each resource method on every other stage (and on a stage nobody declared), and every route
 * the config grants. `extra` adds the routes of another intent (the other side of a review), so both sides are
 * asked the same questions.
 */
export function httpProbes(model: StackModel, intent: HttpIntent, extra: readonly RouteTemplate[] = []): HttpProbe[] {
  const probes = new Map<string, HttpProbe>();
  const add = (method: string, path: string, stage = intent.stage) => {
    const id = `${method} ${path}${stage === intent.stage ? '' : ` @${stage}`}`;
    if (!probes.has(id)) probes.set(id, { id, method, path, stage });
  };
  const { resources, stages, view } = resourcesOf(model);
  for (const resource of resources) {
    const path = concretePath(resource.path);
    const methods = resource.methods.filter((m) => m !== 'ANY');
    for (const method of methods) add(method, path);
    if (!resource.methods.includes('ANY')) {
      const unknown = UNKNOWN_METHODS.find((m) => !methods.includes(m));
      if (unknown) add(unknown, path);
    }
    const method = methods[0] ?? 'GET';
    add(method, unroutedPath(view, path, method, intent.stage));
    for (const stage of [...stages, UNDECLARED_STAGE].filter((s) => s !== intent.stage)) {
      for (const method of methods) add(method, path, stage);
    }
  }
  for (const route of [...intent.groups.flatMap((g) => g.routes), ...extra]) add(route.method, concretePath(route.path));
  return [...probes.values()];
}
