/**
 * Whether a Resource value reaches beyond the app's own resources: `*`, any account or region (`arn:aws:execute-api:*:*:*`),
 * or every resource of a type (`arn:aws:s3:::*`, `arn:aws:dynamodb:us-east-1:123456789012:table/*`).
 */
export function isAccountWide(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return true;
  const [, , service, region, account] = parts;
  if (service === '*' || region === '*' || account === '*') return true;
  const rest = parts.slice(5).join(':');
  return rest === '*' || /^[A-Za-z0-9-]+[/:]\*$/.test(rest);
}
