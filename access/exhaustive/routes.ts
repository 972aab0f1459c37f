import type { RouteTemplate } from './intent';

/** A sample value for a path parameter: any one segment. */
const SAMPLE = 'p1';

/**
 * Matches a concrete path against a route template and ranks the match the way API Gateway routes: per segment from
 * the left, a literal beats `{param}`, which beats a greedy `{name+}` (API Gateway developer guide, "Set up a proxy
 * integration with a proxy resource"). A trailing `/*` (an IAM subtree grant) ranks like a greedy segment. Returns
 * a rank string, higher is more specific, or undefined when the template does not match.
 */
export function matchRank(template: string, path: string): string | undefined {
  const want = segments(template);
  const have = segments(path);
  let rank = '';
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    const greedy = /^\{[^}]+\+\}$/.test(part) || (part === '*' && i === want.length - 1);
    if (greedy) return have.length > i ? `${rank}0` : undefined;
    const segment = have[i];
    if (segment === undefined || segment === '') return undefined;
    if (/^\{[^}]+\}$/.test(part)) rank += '1';
    else if (part === segment) rank += '2';
    else return undefined;
  }
  return have.length === want.length ? `${rank}3` : undefined;
}

/** The template API Gateway would route this request to among `routes` (same method), or undefined. */
export function routeOf(routes: readonly RouteTemplate[], method: string, path: string): RouteTemplate | undefined {
  let best: { route: RouteTemplate; rank: string } | undefined;
  for (const route of routes) {
    if (route.method !== method) continue;
    const rank = matchRank(route.path, path);
    if (rank !== undefined && (!best || rank > best.rank)) best = { route, rank };
  }
  return best?.route;
}

/** A concrete path that routes to the template: parameters get a sample value, greedy parts two segments. */
export function concretePath(template: string): string {
  const parts = segments(template).map((part, i, all) =>
    /^\{[^}]+\+\}$/.test(part) || (part === '*' && i === all.length - 1) ? `${SAMPLE}/${SAMPLE}` : /^\{[^}]+\}$/.test(part) ? SAMPLE : part,
  );
  return `/${parts.join('/')}`;
}

export function sameRoute(a: RouteTemplate, b: RouteTemplate): boolean {
  return a.method === b.method && a.path === b.path;
}

function segments(path: string): string[] {
  return path === '/' ? [] : path.replace(/^\//, '').split('/');
}
