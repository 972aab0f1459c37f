import type { AttachedPolicy, Doc, Role } from '../model';
import { Unreadable } from '../model';
import { CompiledPolicy } from './iam';

/** One IAM role with every policy that decides what its sessions may do, compiled once. */
export interface RoleView {
  role: Role;
  arn: string;
  name: string;
  trust: CompiledPolicy;
  identity: CompiledPolicy[];
  boundaries: CompiledPolicy[];
}

/**
 * The role's trust policy, inline policies (both forms), attached managed policies and boundary. A document IAM
 * would refuse, or a managed policy whose document is unknown, stops the simulation: an answer without it could
 * be wrong in either direction.
 */
export function roleView(role: Role): RoleView {
  return {
    role,
    arn: role.arn,
    name: role.roleName,
    trust: compiled(role.trust),
    identity: [...role.inline.map(compiled), ...role.managed.map((policy) => attachedDoc(role, policy))],
    boundaries: role.boundary ? [attachedDoc(role, role.boundary)] : [],
  };
}

function compiled(doc: Doc): CompiledPolicy {
  if (!doc.compiled) throw new Unreadable(doc.address, doc.field, `IAM would refuse this policy: ${doc.error ?? 'unknown error'}`);
  return doc.compiled;
}

function attachedDoc(role: Role, policy: AttachedPolicy): CompiledPolicy {
  if (!policy.doc) {
    const what = policy.awsManaged ? 'an AWS managed policy the catalogue does not know' : 'not a policy of this stack';
    throw new Unreadable(policy.from, policy.field, `${policy.arn} (on ${role.address}) is ${what}: its document cannot be read offline`);
  }
  return compiled(policy.doc);
}
