import type { Rule } from '../types';

export const rule: Rule = {
  id: 'COG-007',
  severity: 'warning',
  title: 'No user pool has a pre-token-generation trigger (its code can rewrite the claims, groups and preferred role the identity pool reads)',
  rationale:
    'The trigger can add or drop cognito:groups and set cognito:preferred_role: the role a user gets then depends on code the guardrails and the simulator cannot read.',
  anchors: {},
  check({ model }) {
    return model.userPools.flatMap((pool) => {
      const arn = pool.triggers.pre_token_generation;
      if (!arn) return [];
      return [
        {
          resource: pool.address,
          message: `lambda_config pre_token_generation runs ${arn}, which can rewrite the ID token's groups and preferred role`,
          fix: 'Decide roles with groups and role mappings only, or suppress with what the trigger may change and how that is reviewed.',
        },
      ];
    });
  },
};
