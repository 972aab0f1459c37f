import { awsCall, jsonAction, xmlValues } from './aws-call';

/** What moto's list calls return, by kind: the identifiers a stack's resources are known by. */
export type Inventory = Record<Kind, string[]>;
export type Kind = 'userPools' | 'identityPools' | 'tables' | 'logGroups' | 'functions' | 'restApis' | 'roles' | 'buckets';

/** Which applied resource is listed where, and by which of its state attributes. */
export const LISTED: Record<string, { kind: Kind; attribute: string }> = {
  aws_cognito_user_pool: { kind: 'userPools', attribute: 'id' },
  aws_cognito_identity_pool: { kind: 'identityPools', attribute: 'id' },
  aws_dynamodb_table: { kind: 'tables', attribute: 'name' },
  aws_cloudwatch_log_group: { kind: 'logGroups', attribute: 'name' },
  aws_lambda_function: { kind: 'functions', attribute: 'function_name' },
  aws_api_gateway_rest_api: { kind: 'restApis', attribute: 'id' },
  aws_iam_role: { kind: 'roles', attribute: 'name' },
  aws_s3_bucket: { kind: 'buckets', attribute: 'bucket' },
};

/** Everything moto holds of the kinds the stacks create, from the same list calls an AWS CLI user would make. */
export async function inventory(endpoint: string): Promise<Inventory> {
  const [userPools, identityPools, tables, logGroups, functions, restApis, roles, buckets] = await Promise.all([
    jsonAction<{ UserPools?: Array<{ Id: string }> }>(endpoint, 'cognito-idp', 'AWSCognitoIdentityProviderService.ListUserPools', { MaxResults: 60 }).then(
      (r) => (r.UserPools ?? []).map((p) => p.Id),
    ),
    jsonAction<{ IdentityPools?: Array<{ IdentityPoolId: string }> }>(endpoint, 'cognito-identity', 'AWSCognitoIdentityService.ListIdentityPools', {
      MaxResults: 60,
    }).then((r) => (r.IdentityPools ?? []).map((p) => p.IdentityPoolId)),
    jsonAction<{ TableNames?: string[] }>(endpoint, 'dynamodb', 'DynamoDB_20120810.ListTables', {}).then((r) => r.TableNames ?? []),
    jsonAction<{ logGroups?: Array<{ logGroupName: string }> }>(endpoint, 'logs', 'Logs_20140328.DescribeLogGroups', {}).then((r) =>
      (r.logGroups ?? []).map((g) => g.logGroupName),
    ),
    restList<{ Functions?: Array<{ FunctionName: string }> }>(endpoint, 'lambda', '/2015-03-31/functions/').then((r) =>
      (r.Functions ?? []).map((f) => f.FunctionName),
    ),
    restList<{ item?: Array<{ id: string }> }>(endpoint, 'apigateway', '/restapis').then((r) => (r.item ?? []).map((a) => a.id)),
    queryList(endpoint, 'iam', { Action: 'ListRoles', Version: '2010-05-08' }).then((xml) => xmlValues(xml, 'RoleName')),
    awsCall({ endpoint, service: 's3', path: '/' }).then((r) => xmlValues(r.body, 'Name')),
  ]);
  return { userPools, identityPools, tables, logGroups, functions, restApis, roles, buckets };
}

/** The identifiers of what a stack's state (`terraform state pull`) holds, for the kinds moto can list. */
export function appliedIdentifiers(state: PulledState): Partial<Inventory> {
  const found: Partial<Inventory> = {};
  for (const resource of state.resources ?? []) {
    const listed = LISTED[resource.type];
    if (!listed || resource.mode !== 'managed') continue;
    for (const instance of resource.instances) {
      const value = instance.attributes[listed.attribute];
      if (typeof value === 'string') (found[listed.kind] ??= []).push(value);
    }
  }
  return found;
}

/** Each identifier of `created` that moto still lists, as "kind id"; empty when all are gone. */
export function stillThere(created: Partial<Inventory>, now: Inventory): string[] {
  return Object.entries(created).flatMap(([kind, ids]) => ids.filter((id) => now[kind as Kind].includes(id)).map((id) => `${kind} ${id}`));
}

/** Terraform's state file (format 4), as `terraform state pull` prints it: read without starting the provider. */
export interface PulledState {
  resources?: Array<{ mode: string; type: string; name: string; instances: Array<{ attributes: Record<string, unknown> }> }>;
}

async function restList<T>(endpoint: string, service: string, path: string): Promise<T> {
  const response = await awsCall({ endpoint, service, path });
  if (response.status >= 300) throw new Error(`${service} GET ${path}: HTTP ${response.status} ${response.body.slice(0, 300)}`);
  return JSON.parse(response.body) as T;
}

async function queryList(endpoint: string, service: string, params: Record<string, string>): Promise<string> {
  const response = await awsCall({
    endpoint,
    service,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  if (response.status >= 300) throw new Error(`${service} ${params.Action}: HTTP ${response.status} ${response.body.slice(0, 300)}`);
  return response.body;
}
