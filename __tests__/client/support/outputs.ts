/** The outputs of a deployed office stack as `npx cdktf output --outputs-file` writes them (flat), for client tests. */
export const OUTPUTS = {
  region: 'us-east-1',
  user_pool_id: 'us-east-1_AbCdEfGhI',
  user_pool_client_id: 'client123',
  identity_pool_id: 'us-east-1:11111111-2222-4333-a444-555555555555',
  api_invoke_url: 'https://abc123.execute-api.us-east-1.amazonaws.com/api',
  role_arn_Admin: 'arn:aws:iam::123456789012:role/office-dev-Admin',
  role_arn_User: 'arn:aws:iam::123456789012:role/office-dev-User',
};

/** The same values in the shape of `terraform output -json`. */
export const terraformShape = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { sensitive: false, type: 'string', value }]));
