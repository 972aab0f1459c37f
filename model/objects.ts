import type { CompiledPolicy, PolicyKind } from '../access/iam';
import type { ValueObject } from './source';

/** A suppression as written in a resource's `//` block. The guardrails decide whether to honour it. */
export interface DeclaredSuppression {
  rule: string;
  reason: string;
}

/** Every managed resource of the stack, whatever its type. */
export interface Node {
  type: string;
  name: string;
  /** `aws_iam_role.NAME`: what findings and errors report. */
  address: string;
  /** The construct path cdktf recorded, e.g. `office/group-Admin/role`. */
  constructPath?: string;
  suppressions: DeclaredSuppression[];
}

/** A policy document where it sits, parsed and compiled by access/iam, or with the reason IAM would refuse it. */
export interface Doc {
  address: string;
  field: string;
  kind: PolicyKind;
  /** The document as IAM receives it (references resolved). */
  text: string;
  json: ValueObject | undefined;
  compiled: CompiledPolicy | undefined;
  /** Why IAM would refuse it (invalid JSON, a malformed statement); then `compiled` is undefined. */
  error: string | undefined;
}

/** A managed policy attached to a role (or used as its boundary), with the attaching resource. */
export interface AttachedPolicy {
  arn: string;
  /** The resource and field that attach it. */
  from: string;
  field: string;
  /** The customer policy of this stack, or the AWS managed policy from the catalogue; undefined when unknown. */
  doc: Doc | undefined;
  awsManaged: boolean;
}

export interface Role extends Node {
  roleName: string;
  arn: string;
  uniqueId: string;
  trust: Doc;
  /** `inline_policy` blocks and aws_iam_role_policy resources. */
  inline: Doc[];
  managed: AttachedPolicy[];
  boundary: AttachedPolicy | undefined;
}

export interface CustomerPolicy extends Node {
  policyName: string;
  arn: string;
  doc: Doc;
}

export type MatchType = 'Equals' | 'NotEqual' | 'StartsWith' | 'Contains';

export interface MappingRule {
  claim: string;
  matchType: MatchType;
  value: string;
  roleArn: string;
  field: string;
}

export interface RoleMapping {
  /** `<provider name>:<client id>` for a user pool, or the login provider's name. */
  identityProvider: string;
  type: 'Token' | 'Rules';
  ambiguousRoleResolution: 'AuthenticatedRole' | 'Deny' | undefined;
  rules: MappingRule[];
  field: string;
}

export interface RolesAttachment extends Node {
  identityPoolId: string;
  roles: { authenticated?: string; unauthenticated?: string };
  mappings: RoleMapping[];
}

export interface CognitoProvider {
  /** `cognito-idp.<region>.amazonaws.com/<user pool id>`. */
  providerName: string;
  clientId: string;
  /** Cognito checks with the user pool that the token is not revoked; off by default. */
  serverSideTokenCheck: boolean;
  field: string;
}

/** Principal tags Cognito puts on the session from token claims (`aws_cognito_identity_pool_provider_principal_tag`). */
export interface PrincipalTagMapping extends Node {
  identityProviderName: string;
  /** Tag key → claim name. */
  tags: Record<string, string>;
  /** With use_defaults, Cognito maps `username` → sub and `client` → aud for a user pool. */
  useDefaults: boolean;
}

export interface IdentityPool extends Node {
  id: string;
  arn: string;
  poolName: string;
  allowUnauthenticated: boolean;
  allowClassicFlow: boolean;
  cognitoProviders: CognitoProvider[];
  /** `supported_login_providers`: e.g. `accounts.google.com` → client id. */
  loginProviders: Record<string, string>;
  openIdConnectProviderArns: string[];
  samlProviderArns: string[];
  developerProviderName: string | undefined;
  /** The one roles attachment; a second one is an Unreadable. */
  attachment: RolesAttachment | undefined;
  principalTags: PrincipalTagMapping[];
}

export interface Group extends Node {
  groupName: string;
  userPoolId: string;
  /** Cognito allows a group without precedence; it ranks after every group that has one. */
  precedence: number | null;
  roleArn: string | null;
}

export interface AppClient extends Node {
  id: string;
  userPoolId: string;
  /** Undefined: every attribute (Cognito's default when the list is not set). */
  readAttributes: string[] | undefined;
  writeAttributes: string[] | undefined;
  explicitAuthFlows: string[];
  /** In days, after `token_validity_units`; Cognito's default is 30. */
  refreshTokenValidityDays: number;
  enableTokenRevocation: boolean;
  preventUserExistenceErrors: string | undefined;
  generateSecret: boolean;
}

export interface UserPool extends Node {
  id: string;
  arn: string;
  endpoint: string;
  clients: AppClient[];
  groups: Group[];
  /** `lambda_config`: trigger → function ARN (pre_token_generation_config.lambda_arn as pre_token_generation). */
  triggers: Record<string, string>;
}

export interface Integration extends Node {
  integrationType: string;
  uri: string | undefined;
}

export interface Authorizer extends Node {
  id: string;
  authorizerType: string;
  /** For COGNITO_USER_POOLS: the user pool ARNs whose tokens it accepts. */
  providerArns: string[];
}

export interface Method extends Node {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
  authorization: string;
  authorizer: Authorizer | undefined;
  apiKeyRequired: boolean;
  integration: Integration | undefined;
}

export interface ApiResource extends Node {
  id: string;
  parentId: string;
  pathPart: string;
}

export interface Stage extends Node {
  stageName: string;
  deploymentId: string | undefined;
}

export interface RestApi extends Node {
  id: string;
  rootResourceId: string;
  executionArn: string;
  /** From the `policy` argument or an aws_api_gateway_rest_api_policy; two at once is an Unreadable. */
  policy: Doc | undefined;
  resources: ApiResource[];
  methods: Method[];
  stages: Stage[];
  authorizers: Authorizer[];
}

export interface LambdaPermission extends Node {
  action: string;
  functionName: string;
  principal: string;
  sourceArn: string | undefined;
  sourceAccount: string | undefined;
  principalOrgId: string | undefined;
  qualifier: string | undefined;
  functionUrlAuthType: string | undefined;
}

export interface LambdaFunction extends Node {
  functionName: string;
  arn: string;
  invokeArn: string;
  roleArn: string;
  filename: string | undefined;
  handler: string | undefined;
  permissions: LambdaPermission[];
}

/** A bucket, table or key, with its resource policy when the stack sets one. */
export interface PolicyHolder extends Node {
  resourceName: string;
  arn: string;
  policy: Doc | undefined;
}
