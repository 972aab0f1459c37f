import { evaluate, type CompiledPolicy, type Principal } from '../access/iam';
import type { StackModel } from '../model';
import { FOREIGN_ACCOUNT } from './callers';
import type { IamCatalogue } from './iam-catalogue';
import { ALLOW_ALL, asCrossAccount } from './roles';

/** A caller from outside the stack's account, as a resource policy meets it. */
interface Outsider {
  label: string;
  principal: Principal | undefined;
}

/** Everyone outside the account: an anonymous caller, a role and the root of another account, and a service acting for another account. */
export const OUTSIDERS: readonly Outsider[] = [
  { label: 'anyone (anonymous)', principal: undefined },
  { label: `account ${FOREIGN_ACCOUNT}`, principal: { type: 'AWS', id: `arn:aws:iam::${FOREIGN_ACCOUNT}:role/attacker` } },
  { label: `a service acting for account ${FOREIGN_ACCOUNT}`, principal: { type: 'Service', id: 'cloudtrail.amazonaws.com' } },
];

/**
 * What a resource policy lets callers outside the account do: every action of the service (from AWS's catalogue)
 * on each resource, asked of the evaluator with cross-account semantics (the caller's own account allows
 * everything, so only the resource policy decides). Returns `label: action on resource` lines.
 */
export function outsiderAccess(model: StackModel, policy: CompiledPolicy, service: string, resources: string[], catalogue: IamCatalogue): string[] {
  // Only actions some Allow statement names can be granted: skip the rest before asking about every caller.
  const allows = policy.statements.filter((s) => s.effect === 'Allow');
  const candidates = catalogue.actionsOf(service).flatMap(({ info, lower }) => (allows.some((s) => s.action(lower)) ? [info.id] : []));
  const crossAccount = asCrossAccount(policy);
  const out: string[] = [];
  for (const outsider of OUTSIDERS) {
    const granted: string[] = [];
    for (const action of candidates) {
      for (const resource of resources) {
        const request = {
          action,
          resource,
          principal: outsider.principal,
          context: {
            'aws:SecureTransport': 'true',
            'aws:PrincipalAccount': FOREIGN_ACCOUNT,
            'aws:SourceAccount': FOREIGN_ACCOUNT,
            'aws:SourceArn': `arn:aws:cloudtrail:${model.region}:${FOREIGN_ACCOUNT}:trail/attacker`,
            'aws:SourceOwner': FOREIGN_ACCOUNT,
          },
        };
        const identity = outsider.principal?.type === 'AWS' ? [ALLOW_ALL] : [];
        if (evaluate(request, { identity, resource: crossAccount }).decision === 'allowed') {
          granted.push(`${action} on ${resource}`);
          break;
        }
      }
    }
    if (granted.length > 0) out.push(`${outsider.label}: ${granted.slice(0, 3).join(', ')}${granted.length > 3 ? ` and ${granted.length - 3} more` : ''}`);
  }
  return out;
}
