import { block } from '../stack';
import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'LAMBDA-004',
  severity: 'error',
  title: 'Every log group (and every Lambda function\'s log group) is declared with a retention period',
  rationale:
    'Lambda creates a missing log group itself, with logs kept forever: unbounded cost and personal data kept past any policy.',
  anchors: { cdkNag: ['NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod'], checkov: ['CKV_AWS_66'] },
  check({ stack }) {
    const findings: Finding[] = [];
    const groups = stack.ofType('aws_cloudwatch_log_group');
    for (const group of groups) {
      const days = group.body.retention_in_days;
      if (typeof days === 'number' && days > 0) continue;
      findings.push({
        resource: group.address,
        message: `retention_in_days is ${JSON.stringify(days ?? 'unset')}: logs never expire`,
        fix: 'Set retentionInDays (stacks/config.ts logRetentionDays).',
      });
    }
    for (const fn of stack.ofType('aws_lambda_function')) {
      const named = block(fn.body.logging_config)?.log_group;
      const declared = groups.some(
        (group) =>
          (typeof named === 'string' && (named.includes(`${group.address}.`) || named === group.body.name)) ||
          (typeof fn.body.function_name === 'string' && group.body.name === `/aws/lambda/${fn.body.function_name}`),
      );
      if (!declared) {
        findings.push({
          resource: fn.address,
          message: 'its log group is not declared in this stack: Lambda will create one that keeps logs forever',
          fix: 'Declare a CloudwatchLogGroup with retentionInDays and point loggingConfig.logGroup at it (NodeFunction does).',
        });
      }
    }
    return findings;
  },
};
