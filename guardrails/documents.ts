import type { PolicyKind } from '../access/iam';
import type { AttachedPolicy, Doc, Role, StackModel } from '../model';

/** A policy document of the stack with the resource and field a finding names. */
export interface Located {
  doc: Doc;
  /** The resource to report: the document's own resource, or the one attaching an AWS managed policy. */
  resource: string;
  field: string;
  kind: PolicyKind;
  /** Set for an AWS managed policy: its ARN, named in messages. */
  managedArn?: string;
}

/** One grant of permissions to a role: an inline document, or an attached managed policy (doc undefined when unknown). */
export interface Grant {
  doc: Doc | undefined;
  resource: string;
  field: string;
  inline: boolean;
  attached?: AttachedPolicy;
}

/** Every grant of permissions a role holds: inline policies, then managed policies as attached. */
export function grantsOf(role: Role): Grant[] {
  return [
    ...role.inline.map((doc) => ({ doc, resource: doc.address, field: doc.field, inline: true })),
    ...role.managed.map((attached) => ({
      doc: attached.doc,
      resource: attached.awsManaged ? attached.from : (attached.doc?.address ?? attached.from),
      field: attached.awsManaged ? attached.field : 'policy',
      inline: false,
      attached,
    })),
  ];
}

/**
 * Every policy document of a stack, once: trust and inline policies, customer managed policies, the AWS managed
 * policies attached (once per attachment, reported at the attaching resource), boundaries, and the resource
 * policies of APIs, buckets, tables and keys.
 */
export function documentsOf(model: StackModel): Located[] {
  const out: Located[] = [];
  const at = (doc: Doc): Located => ({ doc, resource: doc.address, field: doc.field, kind: doc.kind });
  const managed = (attached: AttachedPolicy): Located[] =>
    attached.awsManaged && attached.doc ? [{ doc: attached.doc, resource: attached.from, field: attached.field, kind: attached.doc.kind, managedArn: attached.arn }] : [];
  for (const role of model.roles) {
    out.push(at(role.trust), ...role.inline.map(at), ...role.managed.flatMap(managed));
    if (role.boundary) out.push(...managed(role.boundary));
  }
  out.push(...model.policies.map((policy) => at(policy.doc)));
  for (const holder of [...model.apis, ...model.buckets, ...model.tables, ...model.keys]) if (holder.policy) out.push(at(holder.policy));
  return out;
}

/** `aws_iam_role_policy.x policy`, or `arn:aws:iam::aws:policy/X (attached by aws_iam_role.r managed_policy_arns[0])`. */
export function describe(located: { field: string; managedArn?: string }): string {
  return located.managedArn ? `AWS managed policy ${located.managedArn} (${located.field})` : located.field;
}
