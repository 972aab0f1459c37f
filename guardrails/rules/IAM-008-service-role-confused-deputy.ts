import { evaluate } from '../../access/iam';
import { FOREIGN_ACCOUNT } from '../callers';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'IAM-008',
  severity: 'error',
  title: 'A role a service assumes (Lambda, API Gateway, ...) admits the service only for this account: aws:SourceAccount or aws:SourceArn in the trust',
  rationale:
    'IAM User Guide, "The confused deputy problem": without aws:SourceAccount/aws:SourceArn the service may assume the role while acting for another account\'s resource.',
  anchors: { checkov: ['CKV_AWS_358'] },
  check({ model }) {
    const findings: Finding[] = [];
    for (const role of model.roles) {
      const trust = role.trust.compiled;
      const statements = role.trust.json?.Statement;
      if (!trust || !statements) continue;
      const services = new Set<string>();
      for (const statement of Array.isArray(statements) ? statements : [statements]) {
        const principal = (statement as { Principal?: { Service?: unknown } }).Principal;
        const named = principal && typeof principal === 'object' ? principal.Service : undefined;
        for (const service of Array.isArray(named) ? named : [named]) if (typeof service === 'string') services.add(service);
      }
      for (const service of services) {
        const prefix = service.split('.')[0];
        const request = {
          action: 'sts:AssumeRole',
          resource: role.arn,
          principal: { type: 'Service' as const, id: service },
          context: { 'aws:SourceAccount': FOREIGN_ACCOUNT, 'aws:SourceArn': `arn:aws:${prefix}:${model.region}:${FOREIGN_ACCOUNT}:attacker` },
        };
        if (evaluate(request, { identity: [], resource: trust }).decision !== 'allowed') continue;
        findings.push({
          resource: role.address,
          message: `trust lets ${service} assume the role while acting for account ${FOREIGN_ACCOUNT} (no aws:SourceAccount or aws:SourceArn condition pins this account)`,
          fix: 'Add "StringEquals": { "aws:SourceAccount": "<this account>" } to the service trust statement (policies/vN/service-trust.json).',
        });
      }
    }
    return findings;
  },
};
