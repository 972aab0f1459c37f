import type { Role, StackModel } from '../model';
import { admits, trustCallers, type Caller } from './callers';
import { handedOutRoles, type HandedOutRole } from './roles';
import type { Finding } from './types';

/** The fix every trust finding points to: the project's trust template already does this. */
export const PINNED_TRUST =
  'Build the role with IdentityPool.trustedRole() (policies/vN/trust.json): one statement, Federated cognito-identity.amazonaws.com, ' +
  'sts:AssumeRoleWithWebIdentity only, "StringEquals" on cognito-identity.amazonaws.com:aud with this stack\'s pool id and ' +
  '"ForAnyValue:StringLike" on cognito-identity.amazonaws.com:amr = "authenticated" ("unauthenticated" for the guest role).';

export interface TrustAnswer {
  role: Role;
  entries: HandedOutRole[];
  guest: boolean;
  /** Each caller tried, and whether (and how) the trust admits it. */
  answers: Array<{ caller: Caller; admitted: { action: string; statement: string } | undefined }>;
}

const cache = new WeakMap<StackModel, TrustAnswer[]>();

/**
 * Asks the trust policy of every role an identity pool can hand out about every caller of trustCallers, once per
 * model (four rules read the answers). A role handed out by several entries is asked once, with every pool that
 * hands it out; it is a guest role only when it is handed out as nothing else.
 */
export function trustAnswers(model: StackModel): TrustAnswer[] {
  const cached = cache.get(model);
  if (cached) return cached;
  const byRole = new Map<Role, HandedOutRole[]>();
  for (const entry of handedOutRoles(model)) {
    if (entry.role) byRole.set(entry.role, [...(byRole.get(entry.role) ?? []), entry]);
  }
  const answers = [...byRole].map(([role, entries]): TrustAnswer => {
    const pools = [...new Set(entries.flatMap((entry) => entry.pools))];
    const guest = entries.every((entry) => entry.guest);
    // A group role is meant for its own user pool's users; any other role for users of a user pool of this stack.
    const intended = new Set(
      entries.flatMap((entry) => {
        const group = model.userPools.find((pool) => pool.groups.some((g) => g === entry.from));
        return group ? [group.endpoint] : model.userPools.map((pool) => pool.endpoint);
      }),
    );
    const callers = trustCallers(model, role, pools, guest, intended);
    return { role, entries, guest, answers: callers.map((caller) => ({ caller, admitted: admits(role, caller) })) };
  });
  cache.set(model, answers);
  return answers;
}

/** One finding per role listing the callers of the given kinds its trust admits. */
export function admittedFindings(model: StackModel, kinds: ReadonlyArray<Caller['kind']>, what: string): Finding[] {
  return trustAnswers(model).flatMap(({ role, answers, guest }) => {
    const admitted = answers.filter((a) => a.admitted && kinds.includes(a.caller.kind));
    if (admitted.length === 0) return [];
    const shown = admitted.slice(0, 3).map((a) => `${a.caller.label} (${a.admitted!.action}, ${a.admitted!.statement})`);
    const more = admitted.length > 3 ? `, and ${admitted.length - 3} more` : '';
    return [
      {
        resource: role.address,
        message: `trust of this ${guest ? 'guest' : 'identity-pool'} role admits ${what}: ${shown.join('; ')}${more}`,
        fix: PINNED_TRUST,
      },
    ];
  });
}
