import { catalogueFor } from '../../guardrails/engine';
import { RULES } from '../../guardrails/rules';
import type { Finding } from '../../guardrails/types';
import { StackModel, synthSource, type ValueObject } from '../../model';

/** Resources by type, then name, as in cdk.tf.json's "resource" block. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

export const ref = (expr: string): string => `\${${expr}}`;

export function policy(statements: object[], version = '2012-10-17'): string {
  return JSON.stringify({ Version: version, Statement: statements });
}

/** A Terraform JSON document holding the resources (and data blocks), with the aws provider every model needs. */
export function document(resources: Resources, data: Resources = {}): ValueObject {
  return JSON.parse(JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] }, resource: resources, data })) as ValueObject;
}

/** The one model of inline resources, as `check` reads a cdk.tf.json. */
export function model(resources: Resources, data: Resources = {}): StackModel {
  return new StackModel(synthSource(document(resources, data), 'fixture/cdk.tf.json', 'fixture'));
}

/** Runs one rule on inline resources, with the IAM catalogue loaded for them. The model must read them whole. */
export async function findings(ruleId: string, resources: Resources, data: Resources = {}): Promise<Finding[]> {
  const rule = RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const m = model(resources, data);
  expect(m.problems.map((p) => p.message)).toEqual([]);
  const catalogue = await catalogueFor([m]);
  return rule.check({ model: m, catalogue });
}

/** A deep copy with changes applied, so every case starts from the same valid fixture. */
export function withChanges(base: Resources, change: (r: Resources) => void): Resources {
  const copy = JSON.parse(JSON.stringify(base)) as Resources;
  change(copy);
  return copy;
}

export interface RuleCase {
  name: string;
  resources: Resources;
  /** Expected finding addresses (in order); empty for a passing case. */
  expect: string[];
  /** Each finding's message must match. */
  message?: RegExp;
}

/** One describe per rule: each case lists the exact resources it must report (none for a passing fixture). */
export function describeRule(ruleId: string, cases: RuleCase[]): void {
  describe(ruleId, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const result = await findings(ruleId, c.resources);
      expect(result.map((f) => f.resource)).toEqual(c.expect);
      for (const finding of result) {
        expect(finding.message.length).toBeGreaterThan(10);
        expect(finding.fix.length).toBeGreaterThan(10);
        if (c.message) expect(finding.message).toMatch(c.message);
      }
    });
  });
}

const POOL = 'aws_cognito_identity_pool.pool';
export const trustFor = (pool: string | string[] = ref(`${POOL}.id`), amr = 'authenticated') =>
  policy([
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': pool },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
      },
    },
  ]);

/** A valid Cognito → identity pool → group roles chain, shaped as the office stack synthesizes it. */
export function chain(): Resources {
  return {
    aws_cognito_user_pool: {
      users: {
        name: 'users',
        password_policy: {
          minimum_length: 12,
          require_lowercase: true,
          require_uppercase: true,
          require_numbers: true,
          require_symbols: true,
        },
        mfa_configuration: 'OPTIONAL',
        deletion_protection: 'ACTIVE',
        user_pool_add_ons: { advanced_security_mode: 'ENFORCED' },
      },
    },
    aws_cognito_user_pool_client: {
      client: {
        user_pool_id: ref('aws_cognito_user_pool.users.id'),
        prevent_user_existence_errors: 'ENABLED',
        write_attributes: ['email'],
      },
    },
    aws_cognito_identity_pool: {
      pool: {
        identity_pool_name: 'pool',
        allow_unauthenticated_identities: false,
        allow_classic_flow: false,
        cognito_identity_providers: [
          {
            client_id: ref('aws_cognito_user_pool_client.client.id'),
            provider_name: ref('aws_cognito_user_pool.users.endpoint'),
            server_side_token_check: true,
          },
        ],
      },
    },
    aws_cognito_identity_pool_roles_attachment: {
      roles: {
        identity_pool_id: ref(`${POOL}.id`),
        roles: { authenticated: ref('aws_iam_role.default.arn') },
        role_mapping: [
          {
            identity_provider: `${ref('aws_cognito_user_pool.users.endpoint')}:${ref('aws_cognito_user_pool_client.client.id')}`,
            type: 'Token',
            ambiguous_role_resolution: 'Deny',
          },
        ],
      },
    },
    aws_cognito_user_group: {
      admin: {
        name: 'Admin',
        precedence: 0,
        role_arn: ref('aws_iam_role.admin.arn'),
        user_pool_id: ref('aws_cognito_user_pool.users.id'),
      },
      user: {
        name: 'User',
        precedence: 1,
        role_arn: ref('aws_iam_role.user.arn'),
        user_pool_id: ref('aws_cognito_user_pool.users.id'),
      },
    },
    aws_api_gateway_rest_api: { api: { name: 'api' } },
    aws_iam_role: {
      default: { name: 'default', assume_role_policy: trustFor() },
      admin: { name: 'admin', assume_role_policy: trustFor() },
      user: { name: 'user', assume_role_policy: trustFor() },
    },
    aws_iam_role_policy: {
      'default-deny': {
        role: ref('aws_iam_role.default.id'),
        policy: policy([{ Effect: 'Deny', Action: '*', Resource: '*' }]),
      },
      'admin-invoke': {
        role: ref('aws_iam_role.admin.id'),
        policy: policy([
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            Resource: [`${ref('aws_api_gateway_rest_api.api.execution_arn')}/*/GET/admin`],
          },
        ]),
      },
      'user-invoke': {
        role: ref('aws_iam_role.user.id'),
        policy: policy([
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            Resource: [`${ref('aws_api_gateway_rest_api.api.execution_arn')}/*/GET/user`],
          },
        ]),
      },
    },
  };
}

/** The chain with guests on: the pool hands guests aws_iam_role.guest, which trusts unauthenticated identities. */
export function guestChain(change: (r: Resources) => void = () => undefined): Resources {
  return withChanges(chain(), (r) => {
    r.aws_cognito_identity_pool!.pool!.allow_unauthenticated_identities = true;
    (r.aws_cognito_identity_pool_roles_attachment!.roles!.roles as Record<string, string>).unauthenticated = ref('aws_iam_role.guest.arn');
    r.aws_iam_role!.guest = { name: 'guest', assume_role_policy: trustFor(undefined, 'unauthenticated') };
    change(r);
  });
}

/** The chain with guests on, the guest role holding only `statement`, in the inline policy `name`. */
export const guestGrants = (statement: object, name = 'guest-grant'): Resources =>
  guestChain((r) => {
    r.aws_iam_role_policy![name] = { role: ref('aws_iam_role.guest.name'), policy: policy([statement]) };
  });
