import { bool, num } from '../../model/values';
import type { Rule } from '../types';

export const MIN_PASSWORD_LENGTH = 12;
const CLASSES = ['require_lowercase', 'require_uppercase', 'require_numbers', 'require_symbols'] as const;

export const rule: Rule = {
  id: 'COG-001',
  severity: 'error',
  title: `User pool passwords need at least ${MIN_PASSWORD_LENGTH} characters and all four character classes`,
  rationale: "Cognito's default (8 characters) is weak for accounts that carry AWS credentials through the identity pool.",
  anchors: { cdkNag: ['AwsSolutions-COG1'] },
  check({ model }) {
    return model.userPools.flatMap((pool) => {
      const policy = model.readBlock(pool, 'password_policy');
      const length = num(policy?.minimum_length, pool.address, 'password_policy.minimum_length') ?? 8;
      const missing = CLASSES.filter((field) => bool(policy?.[field], pool.address, `password_policy.${field}`) !== true);
      if (length >= MIN_PASSWORD_LENGTH && missing.length === 0) return [];
      const problems = [
        ...(length < MIN_PASSWORD_LENGTH ? [`minimum_length ${length} < ${MIN_PASSWORD_LENGTH}`] : []),
        ...(missing.length > 0 ? [`not required: ${missing.join(', ')}`] : []),
      ];
      return [
        {
          resource: pool.address,
          message: `weak password policy: ${problems.join('; ')}`,
          fix: `Set passwordPolicy { minimumLength: ${MIN_PASSWORD_LENGTH}, requireLowercase, requireUppercase, requireNumbers, requireSymbols: true }.`,
        },
      ];
    });
  },
};
