import { EvaluationResult, evaluate } from './iam';
import { RoleView } from './role-policies';

/** What cognito-identity.amazonaws.com presents to STS when it assumes a role for an identity. */
export interface WebIdentity {
  identityPoolId: string;
  identityId: string;
  /** The user pool provider (`cognito-idp.<region>.amazonaws.com/<poolId>`), absent for a guest. */
  providerName?: string;
  /** The user's `sub` in the user pool. */
  userSub?: string;
}

export const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';

/**
 * The session keys of a Cognito web identity (IAM User Guide, "Available keys for OIDC federation": aud, amr and
 * sub of cognito-identity.amazonaws.com). amr is multi-valued: the authentication type, then the provider and the
 * provider-specific login for authenticated identities.
 */
export function webIdentityContext(identity: WebIdentity): Record<string, string | string[]> {
  const amr = identity.providerName
    ? ['authenticated', identity.providerName, `${identity.providerName}:CognitoSignIn:${identity.userSub ?? ''}`]
    : ['unauthenticated'];
  return {
    [`${COGNITO_IDENTITY}:aud`]: identity.identityPoolId,
    [`${COGNITO_IDENTITY}:amr`]: amr,
    [`${COGNITO_IDENTITY}:sub`]: identity.identityId,
  };
}

/** STS AssumeRoleWithWebIdentity as Cognito calls it: the role's trust policy alone decides. */
export function assumeRole(role: RoleView, identity: WebIdentity): EvaluationResult {
  return evaluate(
    {
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: role.arn,
      principal: { type: 'Federated', id: COGNITO_IDENTITY },
      context: webIdentityContext(identity),
    },
    { identity: [], resource: role.trust },
  );
}

/**
 * Session tags (the identity pool's attributes for access control) need sts:TagSession in the same trust policy:
 * without it STS refuses the whole AssumeRoleWithWebIdentity call (Cognito developer guide, "Using attributes for
 * access control"; IAM User Guide, "Passing session tags in AWS STS").
 */
export function allowsTagSession(role: RoleView, identity: WebIdentity, tags: Record<string, string>): EvaluationResult {
  const context: Record<string, string | string[]> = { ...webIdentityContext(identity), 'aws:TagKeys': Object.keys(tags) };
  for (const [key, value] of Object.entries(tags)) context[`aws:RequestTag/${key}`] = value;
  return evaluate(
    { action: 'sts:TagSession', resource: role.arn, principal: { type: 'Federated', id: COGNITO_IDENTITY }, context },
    { identity: [], resource: role.trust },
  );
}
