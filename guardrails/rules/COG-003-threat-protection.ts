import type { Rule } from '../types';

export const rule: Rule = {
  id: 'COG-003',
  severity: 'warning',
  title: 'User pool threat protection (advanced security) is ENFORCED',
  rationale:
    'Without it Cognito does not block sign-ins with leaked credentials or risky patterns; it is a paid feature (Plus tier), hence a warning.',
  anchors: { cdkNag: ['AwsSolutions-COG8'] },
  check({ model }) {
    return model.userPools.flatMap((pool) => {
      const mode = model.readBlock(pool, 'user_pool_add_ons')?.advanced_security_mode;
      if (mode === 'ENFORCED') return [];
      return [
        {
          resource: pool.address,
          message:
            mode === 'AUDIT'
              ? 'threat protection only audits (advanced_security_mode AUDIT): risky sign-ins are logged, not blocked'
              : `threat protection is off (advanced_security_mode ${JSON.stringify(mode ?? 'OFF')})`,
          fix: "Set userPoolAddOns { advancedSecurityMode: 'ENFORCED' } (requires the Plus feature plan), or suppress with the cost decision.",
        },
      ];
    });
  },
};
