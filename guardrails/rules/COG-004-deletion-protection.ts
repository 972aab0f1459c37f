import type { Rule } from '../types';

export const rule: Rule = {
  id: 'COG-004',
  severity: 'warning',
  title: 'User pool deletion protection is ACTIVE',
  rationale: 'Deleting a user pool deletes every user and their group memberships irrecoverably.',
  anchors: {},
  check({ stack }) {
    return stack
      .ofType('aws_cognito_user_pool')
      .filter((pool) => pool.body.deletion_protection !== 'ACTIVE')
      .map((pool) => ({
        resource: pool.address,
        message: `deletion_protection is ${JSON.stringify(pool.body.deletion_protection ?? 'INACTIVE (default)')}: a destroy or replacement deletes every user`,
        fix: 'Set userPool.deletionProtection: true in stacks/config.ts.',
      }));
  },
};
