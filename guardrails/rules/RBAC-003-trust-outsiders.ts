import { admittedFindings } from '../trust';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-003',
  severity: 'error',
  title: 'A role an identity pool hands out admits no AWS principal (this account or another), service, anonymous caller or other federated provider',
  rationale:
    'An extra trust statement, a wildcard action (sts:*, sts:AssumeRole*) or a Principal "*" hands the group\'s permissions to callers that never signed in to this app.',
  anchors: { checkov: ['CKV_AWS_60', 'CKV_AWS_61'] },
  check({ model }) {
    return admittedFindings(model, ['outsider'], 'callers outside Cognito');
  },
};
