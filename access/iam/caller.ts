import { splitArnFields } from './arn';
import type { Principal, Request } from './types';

/**
 * What kind of AWS principal makes the request. The IAM guide's evaluation logic treats them differently
 * (Policy evaluation logic, "Resource-based policies and implicit denies in other policy types"):
 * - `role-session`: `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`;
 * - `federated-user`: `arn:aws:sts::ACCOUNT:federated-user/NAME`, a GetFederationToken session;
 * - `user`: `arn:aws:iam::ACCOUNT:user/NAME`;
 * - `role`: a role ARN given as the caller (requests are really made by its sessions);
 * - `root`: the account itself (`arn:aws:iam::ACCOUNT:root` or the bare account ID);
 * - `other`: services, web identity and SAML providers, canonical users, anonymous callers.
 */
export type CallerKind = 'role-session' | 'federated-user' | 'user' | 'role' | 'root' | 'other';

export interface Caller {
  readonly kind: CallerKind;
  /** The caller's account, when the principal names one. */
  readonly account: string | undefined;
}

const ACCOUNT_ID = /^\d{12}$/;

/** An AWS account ID: twelve digits, no hyphens (IAM identifiers, ARN format: "account-id ... without the hyphens"). */
export function isAccountId(text: string): boolean {
  return ACCOUNT_ID.test(text);
}

/** A caller without an AWS account: anonymous, a service, a web identity or SAML provider, a canonical user. */
export const ANONYMOUS: Caller = { kind: 'other', account: undefined };

function kindOf(service: string, resource: string): CallerKind {
  if (service === 'sts') {
    if (resource.startsWith('assumed-role/')) return 'role-session';
    if (resource.startsWith('federated-user/')) return 'federated-user';
    return 'other';
  }
  if (service !== 'iam') return 'other';
  if (resource === 'root') return 'root';
  if (resource.startsWith('user/')) return 'user';
  if (resource.startsWith('role/')) return 'role';
  return 'other';
}

/** "eval takes the caller's account from its principal": the account field of its ARN, or the bare account ID. */
export function describeCaller(principal: Principal | undefined): Caller {
  if (principal === undefined || principal.type !== 'AWS') return ANONYMOUS;
  const id = principal.id;
  if (isAccountId(id)) return { kind: 'root', account: id };
  const fields = splitArnFields(id);
  if (fields.length < 6 || fields[0] !== 'arn') return ANONYMOUS;
  const account = isAccountId(fields[4]) ? fields[4] : undefined;
  return { kind: kindOf(fields[2], fields[5]), account };
}

/**
 * The account that owns the resource: `request.resourceAccount` when given (an S3 bucket ARN names no account),
 * else the account field of the resource ARN. Undefined when neither says; the request is then taken to stay
 * within the caller's account.
 */
export function resourceAccountOf(request: Request): string | undefined {
  if (request.resourceAccount !== undefined) return request.resourceAccount;
  if (!request.resource.startsWith('arn:')) return undefined;
  const fields = splitArnFields(request.resource);
  return fields.length === 6 && isAccountId(fields[4]) ? fields[4] : undefined;
}
