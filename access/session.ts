import type { RoleView } from './role-policies';

/** The moment every simulated request is made, unless a scenario names another: answers must not drift by day. */
export const SIMULATED_TIME = '2026-01-01T12:00:00Z';
/** A documentation address (RFC 5737 TEST-NET-3), used when a scenario gives no `sourceIp`. */
export const DEFAULT_SOURCE_IP = '203.0.113.10';

export interface SessionFacts {
  role: RoleView;
  region: string;
  /** Session tags from the identity pool's attributes for access control. */
  principalTags: Record<string, string>;
  sourceIp?: string;
  time?: string;
}

/**
 * The global condition keys AWS puts in the request context of a SigV4 call made with identity-pool credentials, an
 * assumed-role session of the chosen role (IAM User Guide, "AWS global condition context keys"): aws:PrincipalArn
 * is the role's ARN (not the session's), aws:userid is `<role id>:<session name>`, and aws:PrincipalTag/* holds
 * the session tags.
 */
export function sessionContext(facts: SessionFacts): Record<string, string> {
  const time = facts.time ?? SIMULATED_TIME;
  const context: Record<string, string> = {
    'aws:PrincipalArn': facts.role.arn,
    'aws:PrincipalAccount': facts.role.arn.split(':')[4] ?? '',
    'aws:PrincipalType': 'AssumedRole',
    'aws:userid': `${facts.role.role.uniqueId}:CognitoIdentityCredentials`,
    'aws:FederatedProvider': 'cognito-identity.amazonaws.com',
    'aws:CurrentTime': time,
    'aws:EpochTime': String(Math.floor(Date.parse(time) / 1000)),
    'aws:TokenIssueTime': time,
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': facts.region,
    'aws:SourceIp': facts.sourceIp ?? DEFAULT_SOURCE_IP,
  };
  for (const [key, value] of Object.entries(facts.principalTags)) context[`aws:PrincipalTag/${key}`] = value;
  return context;
}

/** The keys AWS sets on any HTTPS request, signed or not. */
export function requestContext(sourceIp: string | undefined, time: string | undefined): Record<string, string> {
  const at = time ?? SIMULATED_TIME;
  return {
    'aws:CurrentTime': at,
    'aws:EpochTime': String(Math.floor(Date.parse(at) / 1000)),
    'aws:SecureTransport': 'true',
    'aws:SourceIp': sourceIp ?? DEFAULT_SOURCE_IP,
  };
}
