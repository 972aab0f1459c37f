import type { Rule } from '../types';

export const rule: Rule = {
  id: 'COG-002',
  severity: 'warning',
  title: 'User pool MFA is not OFF (OPTIONAL or ON)',
  rationale: 'A stolen password alone then yields the user\'s AWS credentials.',
  anchors: { cdkNag: ['AwsSolutions-COG2'] },
  check({ stack }) {
    return stack
      .ofType('aws_cognito_user_pool')
      .filter((pool) => pool.body.mfa_configuration === undefined || pool.body.mfa_configuration === 'OFF')
      .map((pool) => ({
        resource: pool.address,
        message: `mfa_configuration is ${JSON.stringify(pool.body.mfa_configuration ?? 'OFF (default)')}: users cannot protect their accounts with a second factor`,
        fix: "Set mfaConfiguration: 'ON' (or 'OPTIONAL') with softwareTokenMfaConfiguration { enabled: true }.",
      }));
  },
};
