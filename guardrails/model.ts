import { parsePolicy, principalValues, type ParsedPolicy, type PolicyDocument, type PolicyStatement } from './policy';
import { blocks, isObject, strings, type TfResource, type TfStack } from './stack';
import { exactRef, refsIn } from './template';

export const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';
export const AUD_KEY = `${COGNITO_IDENTITY}:aud`;
export const AMR_KEY = `${COGNITO_IDENTITY}:amr`;

/** One policy document that grants permissions to a role. */
export interface RolePolicy {
  /** The resource to report: the aws_iam_role_policy, the aws_iam_policy, or the role for an inline_policy block. */
  address: string;
  /** Where in that resource the document sits, e.g. `policy` or `inline_policy[0].policy`. */
  field: string;
  parsed: ParsedPolicy;
  /** Inline policies count against the role's 10,240-character quota; managed ones do not. */
  inline: boolean;
}

/** An AWS- or customer-managed policy ARN attached to a role, with the resource that attaches it. */
export interface ManagedAttachment {
  arn: string;
  address: string;
}

/** A role an identity pool can hand out, and how. */
export interface HandedOutRole {
  /** The role when it is one of this stack's. */
  role: TfResource | undefined;
  /** The role ARN as written. */
  value: string;
  /** The resource that hands it out (a group, or a roles attachment). */
  from: TfResource;
  /** `role_arn`, `roles.authenticated`, `roles.unauthenticated`, `role_mapping[0].mapping_rule[1].role_arn`. */
  field: string;
  /** The identity pools that may issue it (the attachment's pool, or the pools federating the group's user pool). */
  pools: TfResource[];
  guest: boolean;
}

/** The stack seen as IAM and Cognito objects, with parsing cached. */
export class StackModel {
  private readonly parsed = new Map<string, ParsedPolicy>();

  constructor(readonly stack: TfStack) {}

  /** Parses a policy-valued argument of a resource once. */
  policy(resource: TfResource, field = 'policy'): ParsedPolicy {
    const key = `${resource.address}#${field}`;
    let parsed = this.parsed.get(key);
    if (!parsed) {
      parsed = parsePolicy(resource.body[field]);
      this.parsed.set(key, parsed);
    }
    return parsed;
  }

  trust(role: TfResource): ParsedPolicy {
    return this.policy(role, 'assume_role_policy');
  }

  roles(): readonly TfResource[] {
    return this.stack.ofType('aws_iam_role');
  }

  /** The role a `role` argument designates: `${aws_iam_role.X.id|name|arn}`, or a literal role name or ARN. */
  roleFor(value: unknown): TfResource | undefined {
    const byRef = this.stack.resolve(value, 'aws_iam_role');
    if (byRef) return byRef;
    if (typeof value !== 'string' || exactRef(value)) return undefined;
    const name = value.startsWith('arn:') ? value.slice(value.lastIndexOf('/') + 1) : value;
    return this.roles().find((role) => role.body.name === name);
  }

  /** Every document granting permissions to the role: inline (resource or block) and customer-managed. */
  rolePolicies(role: TfResource): RolePolicy[] {
    const out: RolePolicy[] = [];
    for (const attached of this.stack.ofType('aws_iam_role_policy')) {
      if (this.roleFor(attached.body.role) === role) {
        out.push({ address: attached.address, field: 'policy', parsed: this.policy(attached), inline: true });
      }
    }
    blocks(role.body.inline_policy).forEach((inline, i) => {
      if (inline.policy === undefined) return;
      const field = `inline_policy[${i}].policy`;
      const key = `${role.address}#${field}`;
      let parsed = this.parsed.get(key);
      if (!parsed) {
        parsed = parsePolicy(inline.policy);
        this.parsed.set(key, parsed);
      }
      out.push({ address: role.address, field, parsed, inline: true });
    });
    for (const attachment of this.managedAttachments(role)) {
      const policy = this.stack.find(attachment.arn, 'aws_iam_policy', 'arn');
      if (policy) out.push({ address: policy.address, field: 'policy', parsed: this.policy(policy), inline: false });
    }
    return out;
  }

  /** Managed policy ARNs attached to the role, however the configuration attaches them. */
  managedAttachments(role: TfResource): ManagedAttachment[] {
    const out: ManagedAttachment[] = [];
    for (const attachment of this.stack.ofType('aws_iam_role_policy_attachment')) {
      if (this.roleFor(attachment.body.role) === role && typeof attachment.body.policy_arn === 'string') {
        out.push({ arn: attachment.body.policy_arn, address: attachment.address });
      }
    }
    for (const attachment of this.stack.ofType('aws_iam_policy_attachment')) {
      if (strings(attachment.body.roles).some((value) => this.roleFor(value) === role)) {
        for (const arn of strings(attachment.body.policy_arn)) out.push({ arn, address: attachment.address });
      }
    }
    for (const exclusive of this.stack.ofType('aws_iam_role_policy_attachments_exclusive')) {
      if (this.roleFor(exclusive.body.role_name) === role) {
        for (const arn of strings(exclusive.body.policy_arns)) out.push({ arn, address: exclusive.address });
      }
    }
    for (const arn of strings(role.body.managed_policy_arns)) out.push({ arn, address: role.address });
    return out;
  }

  /** Allow statements of a trust policy that let identity pools assume the role (Federated cognito-identity). */
  cognitoTrustStatements(doc: PolicyDocument): PolicyStatement[] {
    return doc.statements.filter(
      (statement) =>
        statement.effect === 'Allow' &&
        !statement.notPrincipal &&
        principalValues(statement.principal, 'Federated').some((value) => value.toLowerCase() === COGNITO_IDENTITY) &&
        (statement.notAction ||
          statement.actions.some((action) => /^(\*|sts:\*|sts:assumerolewithwebidentity)$/i.test(action))),
    );
  }

  /** Roles whose trust lets an identity pool assume them. */
  identityPoolRoles(): TfResource[] {
    return this.roles().filter((role) => {
      const trust = this.trust(role);
      return trust.ok && this.cognitoTrustStatements(trust.policy).length > 0;
    });
  }

  /** Identity pools of this stack whose providers include the given user pool. */
  poolsFederating(userPool: TfResource): TfResource[] {
    return this.stack.ofType('aws_cognito_identity_pool').filter((pool) =>
      blocks(pool.body.cognito_identity_providers).some((provider) =>
        refsIn(provider.provider_name).some((ref) => ref.address === userPool.address),
      ),
    );
  }

  /** App clients an identity pool accepts tokens from. */
  clientsOf(pool: TfResource): TfResource[] {
    const clients: TfResource[] = [];
    for (const provider of blocks(pool.body.cognito_identity_providers)) {
      const client = this.stack.find(provider.client_id, 'aws_cognito_user_pool_client', 'id');
      if (client && !clients.includes(client)) clients.push(client);
    }
    return clients;
  }

  /** Every role an identity pool can hand out: group roles, the pool's default roles, and Rules mapping roles. */
  handedOutRoles(): HandedOutRole[] {
    const out: HandedOutRole[] = [];
    for (const group of this.stack.ofType('aws_cognito_user_group')) {
      const value = group.body.role_arn;
      if (typeof value !== 'string') continue;
      const userPool = this.stack.resolve(group.body.user_pool_id, 'aws_cognito_user_pool');
      out.push({
        role: this.roleFor(value),
        value,
        from: group,
        field: 'role_arn',
        pools: userPool ? this.poolsFederating(userPool) : [],
        guest: false,
      });
    }
    for (const attachment of this.stack.ofType('aws_cognito_identity_pool_roles_attachment')) {
      const pool = this.stack.resolve(attachment.body.identity_pool_id, 'aws_cognito_identity_pool');
      const pools = pool ? [pool] : [];
      const roles = isObject(attachment.body.roles) ? attachment.body.roles : {};
      for (const kind of ['authenticated', 'unauthenticated'] as const) {
        const value = roles[kind];
        if (typeof value === 'string') {
          out.push({ role: this.roleFor(value), value, from: attachment, field: `roles.${kind}`, pools, guest: kind === 'unauthenticated' });
        }
      }
      blocks(attachment.body.role_mapping).forEach((mapping, i) => {
        blocks(mapping.mapping_rule).forEach((rule, j) => {
          if (typeof rule.role_arn === 'string') {
            out.push({
              role: this.roleFor(rule.role_arn),
              value: rule.role_arn,
              from: attachment,
              field: `role_mapping[${i}].mapping_rule[${j}].role_arn`,
              pools,
              guest: false,
            });
          }
        });
      });
    }
    return out;
  }

  /** Roles given to unauthenticated (guest) identities. */
  guestRoles(): Set<TfResource> {
    return new Set(
      this.handedOutRoles()
        .filter((entry) => entry.guest && entry.role)
        .map((entry) => entry.role as TfResource),
    );
  }
}

/** Conditions of a statement on one key, compared case-insensitively as IAM compares key names. */
export function conditionsOn(statement: PolicyStatement, key: string) {
  const lower = key.toLowerCase();
  return statement.conditions.filter((condition) => condition.key.toLowerCase() === lower);
}

/** `ForAnyValue:StringLikeIfExists` → { set: 'ForAnyValue', base: 'StringLike', ifExists: true }. */
export function parseOperator(operator: string): { set?: 'ForAnyValue' | 'ForAllValues'; base: string; ifExists: boolean } {
  let rest = operator;
  let set: 'ForAnyValue' | 'ForAllValues' | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    if (prefix === 'ForAnyValue' || prefix === 'ForAllValues') set = prefix;
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith('IfExists');
  return { set, base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists };
}

/** A policy's statements that allow, with the document, for rules that look at grants. */
export function allowStatements(doc: PolicyDocument): PolicyStatement[] {
  return doc.statements.filter((statement) => statement.effect === 'Allow');
}
