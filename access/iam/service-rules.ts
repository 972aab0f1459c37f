/**
 * Rules a service states as always true, whatever the policies say. Actions arrive lowercased ("The prefix and
 * the action name are case insensitive" - IAM JSON policy elements: Action).
 */

/** What the service rules say about one action, worked out once per action rather than once per request. */
export interface ActionRules {
  /**
   * "No permissions are required to perform this operation. If an administrator attaches a policy to your
   * identity that explicitly denies access to the sts:GetCallerIdentity action, you can still perform this
   * operation" (AWS STS API Reference, GetCallerIdentity).
   */
  readonly needsNoPermission: boolean;
  /** A KMS action: on a key, the key policy decides (isKmsKeyRequest). */
  readonly kms: boolean;
  /** An action that changes something AWS may reserve for itself (forbiddenChange). */
  readonly mayChangeReserved: boolean;
}

export function actionRules(actionLower: string): ActionRules {
  return {
    needsNoPermission: actionLower === 'sts:getcalleridentity',
    kms: actionLower.startsWith('kms:'),
    mayChangeReserved: ALIAS_CHANGES.has(actionLower) || POLICY_CHANGES.has(actionLower) || ROLE_CHANGES.has(actionLower),
  };
}

const KMS_KEY = /^arn:[^:]+:kms:[^:]*:[^:]*:key\//;

/**
 * A KMS action on a KMS key: the key policy decides like a trust policy. "Unless the key policy explicitly
 * allows it, you cannot use IAM policies to allow access to a KMS key. Without permission from the key policy,
 * IAM policies that allow permissions have no effect" (AWS KMS Developer Guide, Key policies in AWS KMS).
 * Actions on aliases or on no key (kms:CreateKey, kms:ListKeys) are left to IAM policies.
 */
export function isKmsKeyRequest(actionLower: string, resource: string): boolean {
  return actionLower.startsWith('kms:') && KMS_KEY.test(resource);
}

const ALIAS_CHANGES: ReadonlySet<string> = new Set(['kms:createalias', 'kms:updatealias', 'kms:deletealias']);
const AWS_ALIAS = /^arn:[^:]+:kms:[^:]*:[^:]*:alias\/aws\//;

/** Every IAM action that changes a managed policy or its versions. */
const POLICY_CHANGES: ReadonlySet<string> = new Set([
  'iam:createpolicy',
  'iam:createpolicyversion',
  'iam:deletepolicy',
  'iam:deletepolicyversion',
  'iam:setdefaultpolicyversion',
  'iam:tagpolicy',
  'iam:untagpolicy',
]);
const AWS_MANAGED_POLICY = /^arn:[^:]+:iam::aws:policy\//;

/**
 * Every IAM action that changes a role: the ones IAM Identity Center's own service-linked role performs on
 * `/aws-reserved/sso.amazonaws.com/` roles (IAM Identity Center User Guide, Using service-linked roles), plus
 * tagging.
 */
const ROLE_CHANGES: ReadonlySet<string> = new Set([
  'iam:attachrolepolicy',
  'iam:createrole',
  'iam:deleterole',
  'iam:deleterolepermissionsboundary',
  'iam:deleterolepolicy',
  'iam:detachrolepolicy',
  'iam:putrolepermissionsboundary',
  'iam:putrolepolicy',
  'iam:tagrole',
  'iam:untagrole',
  'iam:updateassumerolepolicy',
  'iam:updaterole',
  'iam:updateroledescription',
]);
const AWS_RESERVED_ROLE = /^arn:[^:]+:iam::[^:]*:role\/aws-reserved\//;

/**
 * Why no policy can allow this change, or undefined. Such a request is denied implicitly even when every
 * policy allows it (an explicit Deny still reports as one).
 */
export function forbiddenChange(actionLower: string, resource: string): string | undefined {
  if (actionLower.startsWith('kms:')) {
    if (ALIAS_CHANGES.has(actionLower) && AWS_ALIAS.test(resource)) {
      // "The alias name for a customer managed key cannot begin with alias/aws/. The alias/aws/ prefix is
      // reserved for AWS managed key" (AWS KMS Developer Guide, Create aliases).
      return `${resource} is an alias/aws/ alias, reserved for AWS managed keys: customers cannot create, update or delete it`;
    }
    return undefined;
  }
  if (!actionLower.startsWith('iam:')) return undefined;
  if (POLICY_CHANGES.has(actionLower) && AWS_MANAGED_POLICY.test(resource)) {
    // "You cannot change the permissions defined in AWS managed policies" (AWS managed policies reference).
    return `${resource} is an AWS managed policy: customers cannot change it`;
  }
  if (ROLE_CHANGES.has(actionLower) && AWS_RESERVED_ROLE.test(resource)) {
    // IAM answers "Cannot perform the operation on the protected role ... this role is only modifiable by AWS"
    // (AWS re:Post Knowledge Center, identity-center-aws-reserved-sso).
    return `${resource} is under the aws-reserved path: the role is only modifiable by AWS`;
  }
  return undefined;
}
