import type { Rule } from '../types';

export const rule: Rule = {
  id: 'COG-004',
  severity: 'warning',
  title: 'User pool deletion protection is ACTIVE',
  rationale: 'Deleting a user pool deletes every user and their group memberships irrecoverably.',
  anchors: {},
  check({ model }) {
    return model.userPools.flatMap((pool) => {
      const protection = model.readString(pool, 'deletion_protection');
      if (protection === 'ACTIVE') return [];
      return [
        {
          resource: pool.address,
          message: `deletion_protection is ${JSON.stringify(protection ?? 'INACTIVE (default)')}: a destroy or replacement deletes every user`,
          fix: 'Set userPool.deletionProtection: true in stacks/config.ts.',
        },
      ];
    });
  },
};
