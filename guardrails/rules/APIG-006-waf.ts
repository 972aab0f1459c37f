import type { Rule } from '../types';

export const rule: Rule = {
  id: 'APIG-006',
  severity: 'warning',
  title: 'Every API Gateway stage is associated with a WAFv2 web ACL',
  rationale: 'WAF rate-based and managed rules stop floods and common exploits before they reach IAM auth; it costs extra, hence a warning.',
  anchors: { cdkNag: ['AwsSolutions-APIG3'], checkov: ['CKV2_AWS_29'] },
  check({ model }) {
    const associated = new Set(model.ofType('aws_wafv2_web_acl_association').map((association) => model.readString(association, 'resource_arn')));
    return model.apis.flatMap((api) =>
      api.stages
        .filter((stage) => !associated.has(model.attr(stage, 'arn')))
        .map((stage) => ({
          resource: stage.address,
          message: 'no aws_wafv2_web_acl_association names this stage',
          fix: 'Associate a WAFv2 web ACL with the stage ARN, or suppress with the cost decision.',
        })),
    );
  },
};
