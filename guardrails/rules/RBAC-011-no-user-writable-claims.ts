import type { AppClient } from '../../model';
import { grantsOf } from '../documents';
import { handedOutRoles } from '../roles';
import type { Finding, Rule } from '../types';

/** Token claims an app client can never write, whatever its write_attributes say. */
const NEVER_WRITABLE = new Set([
  'sub', 'aud', 'iss', 'token_use', 'auth_time', 'exp', 'iat', 'event_id', 'jti', 'origin_jti', 'identities',
  'username', 'email_verified', 'phone_number_verified',
]);

/** Whether the app client lets users set this attribute themselves (UpdateUserAttributes, sign-up). */
export function clientWrites(client: AppClient, claim: string): boolean {
  if (claim.startsWith('cognito:')) return false;
  // No write_attributes: Cognito lets the client write every writable attribute, custom ones included.
  if (client.writeAttributes === undefined) return !NEVER_WRITABLE.has(claim);
  return client.writeAttributes.includes(claim);
}

const PRINCIPAL_TAG = /aws:PrincipalTag\/([^}\s,'"\\]+)/gi;

export const rule: Rule = {
  id: 'RBAC-011',
  severity: 'error',
  title: 'No role mapping rule or policy decides access on a claim the app client lets users write (Rules mappings, principal tags)',
  rationale:
    'If users can set custom:role (or any attribute a Rules mapping reads, or a principal tag a policy tests is mapped from), they can choose their own permissions.',
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    const allClients = model.userPools.flatMap((pool) => pool.clients);
    for (const pool of model.identityPools) {
      const attachment = pool.attachment;
      if (!attachment) continue;
      for (const mapping of attachment.mappings) {
        if (mapping.type !== 'Rules') continue;
        // identity_provider is `<provider name>:<client id>` for a user pool: the rules read that client's tokens.
        const clientId = mapping.identityProvider.split(':').pop();
        const named = allClients.filter((client) => client.id === clientId);
        const federated = allClients.filter((client) => pool.cognitoProviders.some((p) => p.clientId === client.id));
        const clients = named.length > 0 ? named : federated;
        mapping.rules.forEach((mappingRule, j) => {
          const by = clients.filter((client) => clientWrites(client, mappingRule.claim));
          if (by.length === 0) return;
          findings.push({
            resource: attachment.address,
            message: `${mapping.field}.mapping_rule[${j}] picks a role from claim "${mappingRule.claim}", which ${by.map((c) => c.address).join(', ')} lets users write themselves`,
            fix: `Remove "${mappingRule.claim}" from the app client's writeAttributes (user-directory.ts CLIENT_WRITE_ATTRIBUTES), or map on cognito:groups via a Token mapping.`,
          });
        });
      }
    }

    // Principal tags (Cognito Developer Guide, "Using attributes for access control"): each tag carries a claim's
    // value into aws:PrincipalTag/<tag>, which the roles' policies may test.
    for (const pool of model.identityPools) {
      for (const mapping of pool.principalTags) {
        const clients = allClients.filter((client) => pool.cognitoProviders.some((p) => p.providerName === mapping.identityProviderName && p.clientId === client.id));
        const roles = new Set(handedOutRoles(model).flatMap((entry) => (entry.role && entry.pools.includes(pool) ? [entry.role] : [])));
        for (const role of roles) {
          for (const grant of grantsOf(role)) {
            if (!grant.doc) continue;
            const used = new Set([...grant.doc.text.matchAll(PRINCIPAL_TAG)].map((match) => match[1] as string));
            for (const tag of used) {
              const claim = mapping.tags[tag];
              if (claim === undefined) continue;
              const by = clients.filter((client) => clientWrites(client, claim));
              if (by.length === 0) continue;
              findings.push({
                resource: grant.resource,
                message: `${grant.field} reads aws:PrincipalTag/${tag}, which ${mapping.address} maps from claim "${claim}" that ${by.map((c) => c.address).join(', ')} lets users write`,
                fix: `Map the tag from a claim users cannot set, or remove "${claim}" from the app client's writeAttributes.`,
              });
            }
          }
        }
      }
    }
    return findings;
  },
};
