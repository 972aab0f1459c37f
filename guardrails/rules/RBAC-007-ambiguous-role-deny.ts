import { allowStatements } from '../model';
import { blocks, isObject } from '../stack';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-007',
  severity: 'error',
  title: 'Token and Rules role mappings resolve ambiguity with Deny, never a fallback role',
  rationale:
    'With AuthenticatedRole, a token with no preferred role (no group, tied groups, no matching rule) silently gets the default role instead of nothing.',
  anchors: {},
  check({ stack, model }) {
    const findings: Finding[] = [];
    for (const attachment of stack.ofType('aws_cognito_identity_pool_roles_attachment')) {
      const roles = isObject(attachment.body.roles) ? attachment.body.roles : {};
      const fallback = model.roleFor(roles.authenticated);
      blocks(attachment.body.role_mapping).forEach((mapping, i) => {
        if (mapping.type !== 'Token' && mapping.type !== 'Rules') return;
        const resolution = mapping.ambiguous_role_resolution;
        if (resolution === 'Deny') return;
        let grants = 'no default authenticated role is set';
        if (fallback) {
          const allows = model
            .rolePolicies(fallback)
            .flatMap((policy) => (policy.parsed.ok ? allowStatements(policy.parsed.policy) : []));
          const managed = model.managedAttachments(fallback).length;
          grants =
            allows.length + managed === 0
              ? `it falls back to ${fallback.address}, which grants nothing today but would silently widen if it ever did`
              : `it falls back to ${fallback.address}, which has ${allows.length} Allow statement(s) and ${managed} managed policy attachment(s)`;
        }
        findings.push({
          resource: attachment.address,
          message: `role_mapping[${i}] (${String(mapping.type)}) has ambiguous_role_resolution ${JSON.stringify(resolution ?? null)}: ${grants}`,
          fix: "Set ambiguousRoleResolution: 'Deny' on the role mapping.",
        });
      });
    }
    return findings;
  },
};
