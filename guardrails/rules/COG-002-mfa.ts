import type { Rule } from '../types';

export const rule: Rule = {
  id: 'COG-002',
  severity: 'warning',
  title: 'User pool MFA is not OFF (OPTIONAL or ON)',
  rationale: 'A stolen password alone then yields the user\'s AWS credentials.',
  anchors: { cdkNag: ['AwsSolutions-COG2'] },
  check({ model }) {
    return model.userPools.flatMap((pool) => {
      const mfa = model.readString(pool, 'mfa_configuration');
      if (mfa !== undefined && mfa !== 'OFF') return [];
      return [
        {
          resource: pool.address,
          message: `mfa_configuration is ${JSON.stringify(mfa ?? 'OFF (default)')}: users cannot protect their accounts with a second factor`,
          fix: "Set mfaConfiguration: 'ON' (or 'OPTIONAL') with softwareTokenMfaConfiguration { enabled: true }.",
        },
      ];
    });
  },
};
