import type { Finding, Rule } from '../types';

/** Cognito's default refresh token validity; a longer one keeps a stolen token (and the AWS credentials it buys) alive longer. */
export const MAX_REFRESH_DAYS = 30;

export const rule: Rule = {
  id: 'COG-006',
  severity: 'error',
  title: `App clients use SRP, not plain passwords (no ALLOW_USER_PASSWORD_AUTH), keep refresh tokens at most ${MAX_REFRESH_DAYS} days, and keep token revocation on`,
  rationale:
    'USER_PASSWORD_AUTH sends the password itself to Cognito; a long-lived refresh token that cannot be revoked keeps yielding AWS credentials after a user is removed.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const client of model.userPools.flatMap((pool) => pool.clients)) {
      const problems: string[] = [];
      const plain = client.explicitAuthFlows.filter((flow) => flow === 'ALLOW_USER_PASSWORD_AUTH' || flow === 'USER_PASSWORD_AUTH');
      if (plain.length > 0) problems.push(`explicit_auth_flows has ${plain.join(', ')}: the password itself is sent at sign-in`);
      if (client.refreshTokenValidityDays > MAX_REFRESH_DAYS) problems.push(`refresh tokens live ${client.refreshTokenValidityDays} days (more than ${MAX_REFRESH_DAYS})`);
      if (!client.enableTokenRevocation) problems.push('enable_token_revocation is false: a refresh token cannot be revoked');
      for (const problem of problems) {
        findings.push({
          resource: client.address,
          message: problem,
          fix: `Use ALLOW_USER_SRP_AUTH and ALLOW_REFRESH_TOKEN_AUTH only, refreshTokenValidity ≤ ${MAX_REFRESH_DAYS} days, enableTokenRevocation: true (UserDirectory does).`,
        });
      }
    }
    return findings;
  },
};
