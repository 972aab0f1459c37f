import { compilePolicy, evaluate, type CompiledPolicy } from '../../access/iam';
import { accountOf } from '../callers';
import { answerableHandedOutRoles, sessionContext } from '../roles';
import type { Finding, Rule } from '../types';

/**
 * Resources that belong to no stack of this app, per service: what a grant written too broadly (`*`, a wildcard
 * name, another account) would reach. Any other service is probed with a generic ARN and with `*`.
 */
function foreignResources(service: string, region: string, account: string): string[] {
  switch (service) {
    case 's3':
      return ['arn:aws:s3:::zz-not-this-app', 'arn:aws:s3:::zz-not-this-app/any/key'];
    case 'dynamodb':
      return [`arn:aws:dynamodb:${region}:${account}:table/zz-not-this-app`, `arn:aws:dynamodb:${region}:${account}:table/zz-not-this-app/index/any`];
    case 'execute-api':
      return [`arn:aws:execute-api:${region}:${account}:zznotthisapp/prod/GET/any`];
    case 'lambda':
      return [`arn:aws:lambda:${region}:${account}:function:zz-not-this-app`];
    case 'kms':
      return [`arn:aws:kms:${region}:${account}:key/00000000-0000-4000-8000-00000000dead`];
    default:
      return [`arn:aws:${service}:${region}:${account}:zz-not-this-app`, '*'];
  }
}

/**
 * The key policy AWS gives a key created without one (AWS KMS Developer Guide, "Default key policy"): it allows the
 * account, which lets the account's IAM policies grant use of the key. A key of another app usually has it, so a
 * role's grant on any key reaches that key; without a key policy the evaluator would deny every key request.
 */
function defaultKeyPolicy(account: string): CompiledPolicy {
  return compilePolicy(
    { Version: '2012-10-17', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }] },
    'the default key policy of a key outside this app',
    'resource',
  );
}

export const rule: Rule = {
  id: 'RBAC-016',
  severity: 'error',
  title: "A role an identity pool hands out reaches only this app's resources: no action on another bucket, table, API, function or key",
  rationale:
    "Identity-pool credentials are in every user's hands; a grant on `*`, a wildcard name or a whole resource type lets any user read or change the account's other data.",
  anchors: {},
  check({ model, catalogue }) {
    const findings: Finding[] = [];
    const account = accountOf(model);
    for (const { entry, role, policies, allows } of answerableHandedOutRoles(model)) {
      if (allows.length === 0) continue;
      const context = sessionContext(model, entry, role, account);
      const reached: string[] = [];
      for (const service of catalogue.loadedServices()) {
        // Only actions some Allow statement names can be allowed: skip the rest before asking about every resource.
        const actions = catalogue.actionsOf(service).flatMap(({ info, lower }) => (allows.some((s) => s.action(lower)) ? [info.id] : []));
        if (actions.length === 0) continue;
        const resources = foreignResources(service, model.region, account);
        // The key policy names principals: the role's session asks as the role.
        const kms = service === 'kms';
        const asked = kms ? { ...policies, resource: defaultKeyPolicy(account) } : policies;
        const principal = kms ? { type: 'AWS' as const, id: role.arn } : undefined;
        for (const action of actions) {
          const resource = resources.find((arn) => evaluate({ action, resource: arn, principal, context }, asked).decision === 'allowed');
          if (resource) reached.push(`${action} on ${resource}`);
        }
      }
      if (reached.length === 0) continue;
      findings.push({
        resource: role.address,
        message: `${entry.guest ? 'guest' : 'identity-pool'} role reaches resources outside this app: ${reached.slice(0, 4).join('; ')}${reached.length > 4 ? `; and ${reached.length - 4} more` : ''}`,
        fix: "Scope every Resource to this stack's ARNs (the API execution ARN and stage, the table ARN, the bucket ARN and the user's prefix).",
      });
    }
    return findings;
  },
};
