import { blocks, isObject, strings, type TfResource } from '../stack';
import { walkStrings } from '../vocabulary';
import type { Finding, Rule } from '../types';

/** Token claims an app client can never write, whatever its write_attributes say. */
const NEVER_WRITABLE = new Set([
  'sub', 'aud', 'iss', 'token_use', 'auth_time', 'exp', 'iat', 'event_id', 'jti', 'origin_jti', 'identities',
  'username', 'email_verified', 'phone_number_verified',
]);

/** Whether the app client lets users set this attribute themselves (UpdateUserAttributes, sign-up). */
export function clientWrites(client: TfResource, claim: string): boolean {
  if (claim.startsWith('cognito:')) return false;
  const list = client.body.write_attributes;
  // No write_attributes: Cognito lets the client write every writable attribute, custom ones included.
  if (list === undefined || list === null) return !NEVER_WRITABLE.has(claim);
  return strings(list).includes(claim);
}

const PRINCIPAL_TAG = /aws:PrincipalTag\/([^}\s,'"]+)/gi;

export const rule: Rule = {
  id: 'RBAC-011',
  severity: 'error',
  title: 'No role mapping rule or policy decides access on a claim the app client lets users write',
  rationale:
    'If users can set custom:role (or any attribute a Rules mapping or ${aws:PrincipalTag/...} reads), they can choose their own permissions.',
  anchors: {},
  check({ stack, model }) {
    const findings: Finding[] = [];
    const writers = (clients: TfResource[], claim: string) => clients.filter((client) => clientWrites(client, claim));

    for (const attachment of stack.ofType('aws_cognito_identity_pool_roles_attachment')) {
      const pool = stack.resolve(attachment.body.identity_pool_id, 'aws_cognito_identity_pool');
      blocks(attachment.body.role_mapping).forEach((mapping, i) => {
        if (mapping.type !== 'Rules') return;
        const named = [mapping.identity_provider]
          .flatMap((value) => (typeof value === 'string' ? [value] : []))
          .flatMap((value) => stack.ofType('aws_cognito_user_pool_client').filter((c) => value.includes(`${c.address}.`)));
        const clients = named.length > 0 ? named : pool ? model.clientsOf(pool) : [...stack.ofType('aws_cognito_user_pool_client')];
        blocks(mapping.mapping_rule).forEach((mappingRule, j) => {
          const claim = mappingRule.claim;
          if (typeof claim !== 'string') return;
          const by = writers(clients, claim);
          if (by.length === 0) return;
          findings.push({
            resource: attachment.address,
            message: `role_mapping[${i}].mapping_rule[${j}] picks a role from claim "${claim}", which ${by.map((c) => c.address).join(', ')} lets users write themselves`,
            fix: `Remove "${claim}" from the app client's writeAttributes (user-directory.ts CLIENT_WRITE_ATTRIBUTES), or map on cognito:groups via a Token mapping.`,
          });
        });
      });
    }

    for (const tags of stack.ofType('aws_cognito_identity_pool_provider_principal_tag')) {
      const pool = stack.resolve(tags.body.identity_pool_id, 'aws_cognito_identity_pool');
      const mapping = isObject(tags.body.principal_tags) ? tags.body.principal_tags : {};
      const clients = pool ? model.clientsOf(pool) : [...stack.ofType('aws_cognito_user_pool_client')];
      const roles = new Set(
        model
          .handedOutRoles()
          .filter((entry) => !pool || entry.pools.includes(pool))
          .flatMap((entry) => (entry.role ? [entry.role] : [])),
      );
      for (const role of roles) {
        for (const policy of model.rolePolicies(role)) {
          if (!policy.parsed.ok) continue;
          const used = new Set<string>();
          walkStrings(policy.parsed.policy.document, '', (text) => {
            for (const match of text.matchAll(PRINCIPAL_TAG)) used.add(match[1] as string);
          });
          for (const tag of used) {
            const claim = mapping[tag];
            if (typeof claim !== 'string') continue;
            const by = writers(clients, claim);
            if (by.length === 0) continue;
            findings.push({
              resource: policy.address,
              message: `reads aws:PrincipalTag/${tag}, which ${tags.address} maps from claim "${claim}" that ${by.map((c) => c.address).join(', ')} lets users write`,
              fix: `Map the tag from a claim users cannot set, or remove "${claim}" from the app client's writeAttributes.`,
            });
          }
        }
      }
    }
    return findings;
  },
};
