import type { SimUser } from '../simulate';
import type { IntentGroup } from './intent';

/** One caller of the matrix: who they are, and whose grants the config says they get (null: nothing). */
export interface MatrixCaller {
  /** Stable across runs and refs: `Admin`, `Admin+User`, `User as Admin`, `no group`, `guest`, `foreign pool`. */
  id: string;
  user: SimUser;
  /** The group whose grants apply, or null when the config lets this caller do nothing. */
  actsAs: string | null;
  /** Why the caller acts as that group (or as nobody), citing the rule. */
  why: string;
}

/** Up to this many groups, every pair of groups is a multi-group caller; above it, neighbours in precedence order. */
export const ALL_PAIRS_UP_TO = 8;

/**
 * Every kind of caller the config's groups allow: a member of exactly each group; members of several groups, who
 * act as the lowest precedence among them (Cognito sets cognito:preferred_role to that group's role; "Role-based
 * access control", identity pools developer guide); CustomRoleArn requests, honoured only for a role in the token's
 * cognito:roles; and the callers who get nothing: no group (Token mapping with ambiguous-role resolution Deny), a
 * guest, and a token from a user pool the identity pool does not list.
 */
export function matrixCallers(groups: readonly IntentGroup[]): MatrixCaller[] {
  const ranked = [...groups].sort((a, b) => a.precedence - b.precedence);
  const callers: MatrixCaller[] = [];
  for (const group of ranked) {
    callers.push({ id: group.name, user: user(group.name, [group.name]), actsAs: group.name, why: `member of ${group.name} only` });
  }
  for (const [first, second] of pairs(ranked)) {
    const names = [first.name, second.name];
    const lower = first.precedence === second.precedence ? null : first.name;
    callers.push({
      id: names.join('+'),
      user: user(names.join('+'), names),
      actsAs: lower,
      why: lower ? `precedence ${first.precedence} < ${second.precedence}: preferred role is ${lower}'s` : 'tied precedence: no preferred role',
    });
    for (const asked of names) {
      callers.push({
        id: `${names.join('+')} as ${asked}`,
        user: { ...user(names.join('+'), names), customRole: asked },
        actsAs: asked,
        why: `CustomRoleArn ${asked}'s role is in the token's cognito:roles`,
      });
    }
  }
  for (const group of ranked) {
    for (const asked of escalations(ranked, group)) {
      callers.push({
        id: `${group.name} as ${asked.name}`,
        user: { ...user(group.name, [group.name]), customRole: asked.name },
        actsAs: null,
        why: `CustomRoleArn ${asked.name}'s role is not in the token's cognito:roles`,
      });
    }
  }
  const lowest = ranked[0];
  callers.push({ id: 'no group', user: user('nogroup', []), actsAs: null, why: 'no group: no preferred role, ambiguous-role resolution Deny' });
  callers.push({ id: 'guest', user: { name: 'guest', groups: [], unauthenticated: true }, actsAs: null, why: 'guest: no group grant applies' });
  callers.push({
    id: 'foreign pool',
    user: { ...user('foreign', lowest ? [lowest.name] : []), pool: 'foreign' },
    actsAs: null,
    why: 'token from a user pool the identity pool does not list',
  });
  return callers;
}

function user(name: string, groups: string[]): SimUser {
  return { name: `matrix-${name}`, groups };
}

/** Every pair in precedence order, or (for many groups) each group with its neighbour below. */
function pairs(ranked: IntentGroup[]): Array<[IntentGroup, IntentGroup]> {
  const out: Array<[IntentGroup, IntentGroup]> = [];
  for (let i = 0; i < ranked.length; i++) {
    const until = ranked.length <= ALL_PAIRS_UP_TO ? ranked.length : Math.min(ranked.length, i + 2);
    for (let j = i + 1; j < until; j++) out.push([ranked[i]!, ranked[j]!]);
  }
  return out;
}

/** Every other group's role (or, for many groups, the neighbours' roles and the most powerful first group's). */
function escalations(ranked: IntentGroup[], group: IntentGroup): IntentGroup[] {
  const others = ranked.filter((g) => g !== group);
  if (ranked.length <= ALL_PAIRS_UP_TO) return others;
  const at = ranked.indexOf(group);
  return [...new Set([ranked[0]!, ranked[at - 1], ranked[at + 1]].filter((g): g is IntentGroup => g !== undefined && g !== group))];
}
