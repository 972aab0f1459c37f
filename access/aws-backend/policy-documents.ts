import type { AttachedPolicy, Role } from '../../model';
import { Unreadable } from '../../model';

/** One policy document as resolved text: what IAM would store, with `$${...}` already turned into `${...}`. */
export interface PolicyDocument {
  label: string;
  text: string;
}

/** The documents that decide what a role's sessions may do, in the order of roleView. */
export interface RolePolicyDocuments {
  identity: PolicyDocument[];
  boundaries: PolicyDocument[];
}

/**
 * The text behind roleView's compiled policies, as the model resolved it (stand-in values): inline policies,
 * attached managed policies and the permissions boundary.
 */
export function rolePolicyDocuments(role: Role): RolePolicyDocuments {
  const attached = (policy: AttachedPolicy): PolicyDocument => {
    if (!policy.doc) throw new Unreadable(policy.from, policy.field, `${policy.arn} (on ${role.address}): its document cannot be read offline`);
    return { label: `${policy.doc.address}.${policy.doc.field}`, text: policy.doc.text };
  };
  return {
    identity: [...role.inline.map((doc) => ({ label: `${doc.address}.${doc.field}`, text: doc.text })), ...role.managed.map(attached)],
    boundaries: role.boundary ? [attached(role.boundary)] : [],
  };
}
