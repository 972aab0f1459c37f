import { evaluate } from '../../access/iam';
import { accountOf } from '../callers';
import { isReadOnly } from '../iam-catalogue';
import { answerableHandedOutRoles, sessionContext } from '../roles';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-014',
  severity: 'error',
  title: "No role an identity pool hands out can change the app's identity or compute: its user pool, identity pool, IAM roles and policies, other roles (sts:AssumeRole) or functions",
  rationale:
    'A user holding such a role can add themselves to the Admin group, rewrite role mappings or trust, attach a policy to their own role, or run and rewrite the app\'s functions: one group becomes every group.',
  anchors: {},
  check({ model, catalogue }) {
    const findings: Finding[] = [];
    const account = accountOf(model);
    const writes = (service: string) => catalogue.actionsOf(service).filter(({ info }) => !isReadOnly(info.accessLevel));
    const targets: Array<{ what: string; actions: ReturnType<typeof writes>; resources: string[] }> = [
      { what: 'its user pool', actions: writes('cognito-idp'), resources: model.userPools.map((pool) => pool.arn) },
      { what: 'its identity pool', actions: writes('cognito-identity'), resources: model.identityPools.map((pool) => pool.arn) },
      {
        what: 'IAM roles and policies',
        actions: writes('iam'),
        resources: [...model.roles.map((role) => role.arn), ...model.policies.map((policy) => policy.arn), `arn:aws:iam::${account}:role/any-role`, `arn:aws:iam::${account}:policy/any-policy`],
      },
      { what: "the stack's functions", actions: writes('lambda'), resources: model.functions.map((fn) => fn.arn) },
    ];
    for (const { entry, role, policies, allows } of answerableHandedOutRoles(model)) {
      const context = sessionContext(model, entry, role, account);
      const granted: string[] = [];
      const ask = (what: string, actions: ReturnType<typeof writes>, resources: string[]) => {
        for (const { info, lower } of actions) {
          // Only an action some Allow statement names can be allowed: skip the rest before asking about every resource.
          if (!allows.some((s) => s.action(lower))) continue;
          const resource = resources.find((arn) => evaluate({ action: info.id, resource: arn, context }, policies).decision === 'allowed');
          if (resource) granted.push(`${info.id} on ${resource} (${what})`);
        }
      };
      for (const target of targets) ask(target.what, target.actions, target.resources);
      const assumeRole = catalogue.actionsOf('sts').filter(({ lower }) => lower === 'sts:assumerole');
      ask('other roles', assumeRole, [...model.roles.filter((other) => other !== role).map((other) => other.arn), `arn:aws:iam::${account}:role/any-role`]);
      if (granted.length === 0) continue;
      findings.push({
        resource: role.address,
        message: `${entry.guest ? 'guest' : 'identity-pool'} role can ${granted.slice(0, 4).join('; ')}${granted.length > 4 ? `; and ${granted.length - 4} more` : ''}`,
        fix: "Grant group roles only what the app's routes and data need (execute-api:Invoke on routes, the app's own data); administer Cognito, IAM and Lambda from a separate deploy role.",
      });
    }
    return findings;
  },
};
