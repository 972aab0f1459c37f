import { bool } from '../../model/values';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'DDB-001',
  severity: 'error',
  title: 'Every DynamoDB table has point-in-time recovery enabled',
  rationale: 'A bad deploy or a buggy handler can overwrite items; PITR restores to any second of the last 35 days.',
  anchors: { cdkNag: ['AwsSolutions-DDB3'], checkov: ['CKV_AWS_28'], trivy: ['AVD-AWS-0024'] },
  check({ model }) {
    return model.tables
      .filter((table) => bool(model.readBlock(table, 'point_in_time_recovery')?.enabled, table.address, 'point_in_time_recovery.enabled') !== true)
      .map((table) => ({
        resource: table.address,
        message: 'point_in_time_recovery is not enabled',
        fix: 'Set pointInTimeRecovery: { enabled: true }.',
      }));
  },
};
