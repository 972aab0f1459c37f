import type { Rule } from '../types';

export const rule: Rule = {
  id: 'COG-005',
  severity: 'error',
  title: 'App clients set prevent_user_existence_errors = ENABLED',
  rationale: 'Otherwise sign-in and password-reset errors tell an attacker which usernames exist.',
  anchors: {},
  check({ model }) {
    return model.userPools
      .flatMap((pool) => pool.clients)
      .filter((client) => client.preventUserExistenceErrors !== 'ENABLED')
      .map((client) => ({
        resource: client.address,
        message: `prevent_user_existence_errors is ${JSON.stringify(client.preventUserExistenceErrors ?? 'unset (LEGACY)')}: responses reveal whether a user exists`,
        fix: "Set preventUserExistenceErrors: 'ENABLED' on the app client.",
      }));
  },
};
