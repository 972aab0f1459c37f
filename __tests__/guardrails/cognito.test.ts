import { chain, describeRule, withChanges, type Resources } from './helpers';

const pool = (r: Resources) => r.aws_cognito_user_pool!.users!;

describeRule('COG-001', [
  { name: 'passes: 12 characters, four classes', resources: chain(), expect: [] },
  {
    name: 'fails: 8 characters without symbols',
    resources: withChanges(chain(), (r) => {
      pool(r).password_policy = { minimum_length: 8, require_lowercase: true, require_uppercase: true, require_numbers: true };
    }),
    expect: ['aws_cognito_user_pool.users'],
    message: /minimum_length 8 < 12; not required: require_symbols/,
  },
  {
    name: 'fails: no password policy (Cognito default)',
    resources: withChanges(chain(), (r) => {
      delete pool(r).password_policy;
    }),
    expect: ['aws_cognito_user_pool.users'],
  },
]);

describeRule('COG-002', [
  { name: 'passes: OPTIONAL', resources: chain(), expect: [] },
  {
    name: 'fails: OFF',
    resources: withChanges(chain(), (r) => {
      pool(r).mfa_configuration = 'OFF';
    }),
    expect: ['aws_cognito_user_pool.users'],
  },
]);

describeRule('COG-003', [
  { name: 'passes: ENFORCED', resources: chain(), expect: [] },
  {
    name: 'fails: no add-ons',
    resources: withChanges(chain(), (r) => {
      delete pool(r).user_pool_add_ons;
    }),
    expect: ['aws_cognito_user_pool.users'],
    message: /threat protection is off/,
  },
  {
    name: 'fails: AUDIT only',
    resources: withChanges(chain(), (r) => {
      pool(r).user_pool_add_ons = { advanced_security_mode: 'AUDIT' };
    }),
    expect: ['aws_cognito_user_pool.users'],
    message: /only audits/,
  },
]);

describeRule('COG-004', [
  { name: 'passes: ACTIVE', resources: chain(), expect: [] },
  {
    name: 'fails: INACTIVE',
    resources: withChanges(chain(), (r) => {
      pool(r).deletion_protection = 'INACTIVE';
    }),
    expect: ['aws_cognito_user_pool.users'],
  },
]);

describeRule('COG-005', [
  { name: 'passes: ENABLED', resources: chain(), expect: [] },
  {
    name: 'fails: LEGACY',
    resources: withChanges(chain(), (r) => {
      r.aws_cognito_user_pool_client!.client!.prevent_user_existence_errors = 'LEGACY';
    }),
    expect: ['aws_cognito_user_pool_client.client'],
  },
]);
