/** Resource types the model reads into access objects: each can grant, route or hand out access. */
export const ACCESS_TYPES: ReadonlySet<string> = new Set([
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_role_policy_attachments_exclusive',
  'aws_iam_role_policies_exclusive',
  'aws_cognito_user_pool',
  'aws_cognito_user_pool_client',
  'aws_cognito_user_group',
  'aws_cognito_identity_pool',
  'aws_cognito_identity_pool_roles_attachment',
  'aws_cognito_identity_pool_provider_principal_tag',
  'aws_api_gateway_rest_api',
  'aws_api_gateway_rest_api_policy',
  'aws_api_gateway_resource',
  'aws_api_gateway_authorizer',
  'aws_api_gateway_method',
  'aws_api_gateway_integration',
  'aws_api_gateway_stage',
  'aws_lambda_function',
  'aws_lambda_permission',
  'aws_s3_bucket',
  'aws_s3_bucket_policy',
  'aws_dynamodb_table',
  'aws_dynamodb_resource_policy',
  'aws_kms_key',
  'aws_kms_key_policy',
]);

/**
 * Types that cannot grant anyone access: logging, encryption, versioning, lifecycle and settings. Guardrails may
 * still read them through the model. Any type in neither list is an Unreadable: it might grant access.
 */
export const INERT_TYPES: ReadonlySet<string> = new Set([
  'aws_cloudwatch_log_group',
  'aws_api_gateway_deployment',
  'aws_api_gateway_method_settings',
  'aws_api_gateway_account',
  'aws_api_gateway_method_response',
  'aws_api_gateway_integration_response',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_public_access_block',
  // Account-wide: it can only block public access, never grant any.
  'aws_s3_account_public_access_block',
  'aws_s3_bucket_logging',
  'aws_wafv2_web_acl_association',
  'aws_kms_alias',
]);

/** Data sources the model evaluates offline. */
export const DATA_TYPES: ReadonlySet<string> = new Set(['aws_iam_policy_document', 'aws_caller_identity', 'aws_region', 'aws_partition']);
