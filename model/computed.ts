import { ACCOUNT_ID, standInChars, standInUuid } from './stand-ins';

/** What a computed attribute needs: the block's address, a way to read its other attributes, and the region. */
export interface ComputeContext {
  address: string;
  region: string;
  attr(name: string): string;
  optional(name: string): string | undefined;
}

type Computed = (c: ComputeContext) => Record<string, () => string>;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Attributes AWS assigns at apply, per resource type, shaped like the real ones and derived from the address so
 * they are stable. Used only for a synthesized stack; state already holds the real values.
 */
export const COMPUTED: Record<string, Computed> = {
  aws_cognito_user_pool: (c) => {
    const id = `${c.region}_${standInChars(c.address, 9, MIXED)}`;
    return {
      id: () => id,
      arn: () => `arn:aws:cognito-idp:${c.region}:${ACCOUNT_ID}:userpool/${id}`,
      endpoint: () => `cognito-idp.${c.region}.amazonaws.com/${id}`,
    };
  },
  aws_cognito_user_pool_client: (c) => ({ id: () => standInChars(c.address, 26) }),
  aws_cognito_identity_pool: (c) => {
    const id = `${c.region}:${standInUuid(c.address)}`;
    return { id: () => id, arn: () => `arn:aws:cognito-identity:${c.region}:${ACCOUNT_ID}:identitypool/${id}` };
  },
  aws_cognito_user_group: (c) => ({ id: () => `${c.attr('user_pool_id')}/${c.attr('name')}` }),
  aws_cognito_identity_pool_roles_attachment: (c) => ({ id: () => c.attr('identity_pool_id') }),
  aws_iam_role: (c) => ({
    id: () => c.attr('name'),
    arn: () => `arn:aws:iam::${ACCOUNT_ID}:role${c.optional('path') ?? '/'}${c.attr('name')}`,
    unique_id: () => `AROA${standInChars(c.address, 17, UPPER)}`,
  }),
  aws_iam_policy: (c) => {
    const arn = () => `arn:aws:iam::${ACCOUNT_ID}:policy${c.optional('path') ?? '/'}${c.attr('name')}`;
    return { id: arn, arn, policy_id: () => `ANPA${standInChars(c.address, 17, UPPER)}` };
  },
  aws_iam_role_policy: (c) => ({ id: () => `${c.attr('role')}:${c.attr('name')}` }),
  aws_iam_openid_connect_provider: (c) => {
    const arn = () => `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${c.attr('url').replace(/^https:\/\//, '')}`;
    return { id: arn, arn };
  },
  aws_iam_saml_provider: (c) => {
    const arn = () => `arn:aws:iam::${ACCOUNT_ID}:saml-provider/${c.attr('name')}`;
    return { id: arn, arn };
  },
  aws_api_gateway_rest_api: (c) => {
    const id = standInChars(c.address, 10);
    return {
      id: () => id,
      root_resource_id: () => standInChars(`${c.address}/`, 10),
      execution_arn: () => `arn:aws:execute-api:${c.region}:${ACCOUNT_ID}:${id}`,
      arn: () => `arn:aws:apigateway:${c.region}::/restapis/${id}`,
    };
  },
  aws_api_gateway_resource: (c) => ({ id: () => standInChars(c.address, 6) }),
  aws_api_gateway_method: (c) => ({ id: () => `agm-${standInChars(c.address, 10)}` }),
  aws_api_gateway_integration: (c) => ({ id: () => `agi-${standInChars(c.address, 10)}` }),
  aws_api_gateway_deployment: (c) => ({ id: () => standInChars(c.address, 6) }),
  aws_api_gateway_authorizer: (c) => ({ id: () => standInChars(c.address, 6) }),
  aws_api_gateway_api_key: (c) => ({ id: () => standInChars(c.address, 10), value: () => standInChars(`${c.address}/value`, 40, MIXED) }),
  aws_api_gateway_rest_api_policy: (c) => ({ id: () => c.attr('rest_api_id') }),
  aws_api_gateway_stage: (c) => ({
    id: () => `ags-${c.attr('rest_api_id')}-${c.attr('stage_name')}`,
    invoke_url: () => `https://${c.attr('rest_api_id')}.execute-api.${c.region}.amazonaws.com/${c.attr('stage_name')}`,
    execution_arn: () => `arn:aws:execute-api:${c.region}:${ACCOUNT_ID}:${c.attr('rest_api_id')}/${c.attr('stage_name')}`,
    arn: () => `arn:aws:apigateway:${c.region}::/restapis/${c.attr('rest_api_id')}/stages/${c.attr('stage_name')}`,
  }),
  aws_lambda_function: (c) => {
    const arn = () => `arn:aws:lambda:${c.region}:${ACCOUNT_ID}:function:${c.attr('function_name')}`;
    return {
      id: () => c.attr('function_name'),
      arn,
      qualified_arn: () => `${arn()}:$LATEST`,
      invoke_arn: () => `arn:aws:apigateway:${c.region}:lambda:path/2015-03-31/functions/${arn()}/invocations`,
    };
  },
  aws_lambda_permission: (c) => ({ id: () => c.optional('statement_id') ?? standInChars(c.address, 12) }),
  aws_cloudwatch_log_group: (c) => ({
    id: () => c.attr('name'),
    arn: () => `arn:aws:logs:${c.region}:${ACCOUNT_ID}:log-group:${c.attr('name')}`,
  }),
  aws_s3_bucket: (c) => ({
    id: () => c.attr('bucket'),
    arn: () => `arn:aws:s3:::${c.attr('bucket')}`,
    bucket_regional_domain_name: () => `${c.attr('bucket')}.s3.${c.region}.amazonaws.com`,
  }),
  aws_s3_bucket_policy: (c) => ({ id: () => c.attr('bucket') }),
  aws_dynamodb_table: (c) => ({
    id: () => c.attr('name'),
    arn: () => `arn:aws:dynamodb:${c.region}:${ACCOUNT_ID}:table/${c.attr('name')}`,
  }),
  aws_kms_key: (c) => {
    const keyId = standInUuid(c.address);
    return { id: () => keyId, key_id: () => keyId, arn: () => `arn:aws:kms:${c.region}:${ACCOUNT_ID}:key/${keyId}` };
  },
  aws_sns_topic: (c) => {
    const arn = () => `arn:aws:sns:${c.region}:${ACCOUNT_ID}:${c.attr('name')}`;
    return { id: arn, arn };
  },
  aws_sqs_queue: (c) => ({
    id: () => `https://sqs.${c.region}.amazonaws.com/${ACCOUNT_ID}/${c.attr('name')}`,
    url: () => `https://sqs.${c.region}.amazonaws.com/${ACCOUNT_ID}/${c.attr('name')}`,
    arn: () => `arn:aws:sqs:${c.region}:${ACCOUNT_ID}:${c.attr('name')}`,
  }),
};

/** Data sources whose answer is fixed by the account and region the stand-ins use. */
export const DATA: Record<string, Computed> = {
  aws_caller_identity: () => ({
    id: () => ACCOUNT_ID,
    account_id: () => ACCOUNT_ID,
    arn: () => `arn:aws:iam::${ACCOUNT_ID}:root`,
  }),
  aws_region: (c) => ({ id: () => c.region, name: () => c.region, region: () => c.region, endpoint: () => `ec2.${c.region}.amazonaws.com` }),
  aws_partition: () => ({ id: () => 'aws', partition: () => 'aws', dns_suffix: () => 'amazonaws.com' }),
};
