/**
 * AWS naming rules and limits that a config can break and that AWS would only reject at apply time (or accept and
 * then behave oddly). Each constant cites the AWS document it encodes; the config validators use them so a mistake
 * stops synth with the field named.
 */

/** CloudWatch Logs API Reference, PutRetentionPolicy: retentionInDays accepts only these values. */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Amazon Cognito API Reference, CreateGroup: Precedence is a non-negative Integer (32-bit: at most 2^31-1). */
export const MAX_GROUP_PRECEDENCE = 2_147_483_647;

/** Amazon Cognito API Reference, CreateGroup: Description, maximum length 2048. */
export const MAX_GROUP_DESCRIPTION = 2048;

/**
 * IAM User Guide, "IAM object quotas" and CreateRole: a role name is 1-64 characters of [\w+=,.@-], and role names
 * are unique within an account without regard to case ("Admin" and "admin" are the same role).
 */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const MAX_ROLE_NAME = 64;

/** Lambda API Reference, CreateFunction: FunctionName up to 64 characters of [a-zA-Z0-9-_]; Description up to 256. */
export const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_FUNCTION_DESCRIPTION = 256;

/** Amazon S3 User Guide, "General purpose bucket naming rules": 3-63 lowercase letters, digits, "." and "-". */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Where a name differs from another only by case, the indexes of both; else undefined. */
export function caseCollision(names: readonly string[]): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) return [first, i];
    seen.set(name.toLowerCase(), i);
  }
  return undefined;
}

/** Why `days` is no CloudWatch Logs retention value, or undefined when it is one. */
export function retentionProblem(days: number): string | undefined {
  if (LOG_RETENTION_DAYS.includes(days)) return undefined;
  const nearest = [...LOG_RETENTION_DAYS].sort((a, b) => Math.abs(a - days) - Math.abs(b - days))[0];
  return `${days} is not a CloudWatch Logs retention value (nearest: ${nearest}; allowed: ${LOG_RETENTION_DAYS.join(', ')})`;
}

/** Why a stage's throttling would not work as meant, or undefined. */
export function throttlingProblem(api: { throttlingBurstLimit: number; throttlingRateLimit: number }): [string, string] | undefined {
  // API Gateway accepts 0, then answers every request with 429 Too Many Requests: the API would be unusable.
  if (!Number.isInteger(api.throttlingBurstLimit) || api.throttlingBurstLimit < 1) {
    return ['api.throttlingBurstLimit', `${api.throttlingBurstLimit}: must be a positive integer (0 throttles every request with 429)`];
  }
  if (!Number.isFinite(api.throttlingRateLimit) || api.throttlingRateLimit <= 0) {
    return ['api.throttlingRateLimit', `${api.throttlingRateLimit}: must be a positive number of requests per second (0 throttles every request with 429)`];
  }
  return undefined;
}
