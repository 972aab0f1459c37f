import { compilePolicy, type CompiledPolicy, type ContextValue, type PolicySet } from '../access/iam';
import type { CompiledStatement } from '../access/iam/document';
import { webIdentityContext } from '../access/trust';
import type { IdentityPool, Node, Role, StackModel } from '../model';
import { grantsOf } from './documents';

export const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';
export const AUD_KEY = `${COGNITO_IDENTITY}:aud`;

/** A role an identity pool can hand out, and how. */
export interface HandedOutRole {
  /** The role when it is one of this stack's. */
  role: Role | undefined;
  arn: string;
  /** The resource that hands it out (a group, a roles attachment), or the role itself when only its trust admits identity pools. */
  from: Node;
  /** `role_arn`, `roles.authenticated`, `roles.unauthenticated`, `role_mapping[0].mapping_rule[1].role_arn`, or `assume_role_policy`. */
  field: string;
  /** The identity pools of this stack that may issue it. */
  pools: IdentityPool[];
  guest: boolean;
}

/** Whether an Allow statement of the trust lets cognito-identity.amazonaws.com call AssumeRoleWithWebIdentity, conditions aside. */
export function trustsIdentityPools(role: Role): boolean {
  return (role.trust.compiled?.statements ?? []).some(
    (statement) =>
      statement.effect === 'Allow' &&
      statement.principal?.({ type: 'Federated', id: COGNITO_IDENTITY }) !== 'none' &&
      statement.action('sts:assumerolewithwebidentity'),
  );
}

/**
 * Every role an identity pool of this stack can hand out: group roles (through the pools federating the group's
 * user pool), the attachment's default and guest roles, Rules mapping roles, and any other role whose trust admits
 * cognito-identity.amazonaws.com (the classic flow, or another pool's mapping, can request it).
 */
export function handedOutRoles(model: StackModel): HandedOutRole[] {
  const out: HandedOutRole[] = [];
  for (const userPool of model.userPools) {
    for (const group of userPool.groups) {
      if (!group.roleArn) continue;
      out.push({ role: model.role(group.roleArn), arn: group.roleArn, from: group, field: 'role_arn', pools: model.poolsFederating(userPool), guest: false });
    }
  }
  for (const pool of model.identityPools) {
    const attachment = pool.attachment;
    if (!attachment) continue;
    for (const kind of ['authenticated', 'unauthenticated'] as const) {
      const arn = attachment.roles[kind];
      if (arn) out.push({ role: model.role(arn), arn, from: attachment, field: `roles.${kind}`, pools: [pool], guest: kind === 'unauthenticated' });
    }
    for (const mapping of attachment.mappings) {
      for (const rule of mapping.rules) {
        out.push({ role: model.role(rule.roleArn), arn: rule.roleArn, from: attachment, field: rule.field, pools: [pool], guest: false });
      }
    }
  }
  for (const role of model.roles) {
    if (out.some((entry) => entry.role === role) || !trustsIdentityPools(role)) continue;
    out.push({ role, arn: role.arn, from: role, field: 'assume_role_policy', pools: model.identityPools, guest: false });
  }
  return out;
}

/**
 * Each role handed out once (its first handing-out entry), with the Allow statements of its permissions: what the
 * reach questions (RBAC-014, RBAC-016) ask about. Roles whose permissions cannot be read are left to IAM-003/006.
 */
export function answerableHandedOutRoles(model: StackModel): Array<{ entry: HandedOutRole; role: Role; policies: PolicySet; allows: CompiledStatement[] }> {
  const out: Array<{ entry: HandedOutRole; role: Role; policies: PolicySet; allows: CompiledStatement[] }> = [];
  const seen = new Set<string>();
  for (const entry of handedOutRoles(model)) {
    const role = entry.role;
    if (!role || seen.has(role.address)) continue;
    seen.add(role.address);
    const policies = permissionsOf(role);
    if (!policies) continue;
    const allows = policies.identity.flatMap((policy) => policy.statements.filter((s) => s.effect === 'Allow'));
    out.push({ entry, role, policies, allows });
  }
  return out;
}

/** The roles some pool hands out as its guest role. */
export function guestRoles(model: StackModel): Set<Role> {
  return new Set(handedOutRoles(model).flatMap((entry) => (entry.guest && entry.role ? [entry.role] : [])));
}

/**
 * The role's permissions as IAM evaluates them: inline and managed documents, and the boundary. Undefined when a
 * document is unknown or malformed (IAM-003 and IAM-006 report those): no question about the role can be answered.
 */
export function permissionsOf(role: Role): PolicySet | undefined {
  const identity: CompiledPolicy[] = [];
  for (const grant of grantsOf(role)) {
    if (!grant.doc?.compiled) return undefined;
    identity.push(grant.doc.compiled);
  }
  if (role.boundary && !role.boundary.doc?.compiled) return undefined;
  return { identity, boundaries: role.boundary?.doc?.compiled ? [role.boundary.doc.compiled] : undefined };
}

/** An identity policy that allows everything: what an attacker grants their own principal in their own account. */
export const ALLOW_ALL: CompiledPolicy = compilePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, 'the caller\'s own account (allows everything)', 'identity');

/**
 * A resource policy read the way a cross-account caller meets it: the caller's own account allows everything, so
 * the resource policy alone decides, and naming an account is enough (AWS: "Cross-account policy evaluation logic").
 * The evaluator's trust semantics are exactly that: a direct grant, or an account grant plus an identity Allow.
 */
export function asCrossAccount(policy: CompiledPolicy): CompiledPolicy {
  return { name: policy.name, kind: 'trust', statements: policy.statements };
}

/**
 * The request context of a call made with the role's session credentials as the identity pool issues them: the
 * cognito-identity keys of a signed-in user (a guest for a guest role) and the global keys AWS sets on the call.
 */
export function sessionContext(model: StackModel, entry: HandedOutRole, role: Role, account: string): Record<string, ContextValue> {
  const pool = entry.pools[0];
  return {
    ...(pool
      ? webIdentityContext({
          identityPoolId: pool.id,
          identityId: `${model.region}:11111111-2222-4333-8444-555555555555`,
          providerName: entry.guest ? undefined : pool.cognitoProviders[0]?.providerName,
          userSub: 'user-sub',
        })
      : {}),
    'aws:PrincipalArn': role.arn,
    'aws:PrincipalAccount': account,
    'aws:PrincipalType': 'AssumedRole',
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': model.region,
  };
}
