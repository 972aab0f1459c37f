import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'LAMBDA-004',
  severity: 'error',
  title: 'Every log group (and every Lambda function\'s log group) is declared with a retention period',
  rationale:
    'Lambda creates a missing log group itself, with logs kept forever: unbounded cost and personal data kept past any policy.',
  anchors: { cdkNag: ['NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod'], checkov: ['CKV_AWS_66'] },
  check({ model }) {
    const findings: Finding[] = [];
    const groups = model.ofType('aws_cloudwatch_log_group').map((group) => ({ group, name: model.readString(group, 'name') }));
    for (const { group } of groups) {
      const days = model.readNumber(group, 'retention_in_days');
      if (days !== undefined && days > 0) continue;
      findings.push({
        resource: group.address,
        message: `retention_in_days is ${JSON.stringify(days ?? 'unset')}: logs never expire`,
        fix: 'Set retentionInDays (stacks/config.ts logRetentionDays).',
      });
    }
    for (const fn of model.functions) {
      // Lambda writes to logging_config.log_group when set, else to /aws/lambda/<function name>.
      const target = (model.readBlock(fn, 'logging_config')?.log_group as string | undefined) ?? `/aws/lambda/${fn.functionName}`;
      if (groups.some(({ name }) => name === target)) continue;
      findings.push({
        resource: fn.address,
        message: `its log group ${target} is not declared in this stack: Lambda will create one that keeps logs forever`,
        fix: 'Declare a CloudwatchLogGroup with retentionInDays and point loggingConfig.logGroup at it (NodeFunction does).',
      });
    }
    return findings;
  },
};
