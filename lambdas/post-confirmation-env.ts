/**
 * The environment variables through which the marketplace stack configures the post-confirmation trigger. A module
 * of its own so the stack can name them without importing the handler (and the AWS SDK) at synth time.
 */
export const SIGNUP_ENV = {
  tableName: 'USERS_TABLE',
  partitionKey: 'USERS_PARTITION_KEY',
  /** The claim holding the requested group, e.g. `custom:signup_group`. */
  groupClaim: 'SIGNUP_GROUP_CLAIM',
  /** Comma-separated group names a user may pick. */
  selfServiceGroups: 'SELF_SERVICE_GROUPS',
} as const;
