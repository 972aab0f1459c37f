import { bool } from '../../model/values';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'DDB-002',
  severity: 'error',
  title: 'Every DynamoDB table uses KMS server-side encryption (AWS managed or customer key), not the AWS-owned default',
  rationale: 'With a KMS key, every decrypt is in CloudTrail and access can be revoked by key policy; the AWS-owned key offers neither.',
  anchors: { checkov: ['CKV_AWS_119'], trivy: ['AVD-AWS-0025'] },
  check({ model }) {
    return model.tables
      .filter((table) => bool(model.readBlock(table, 'server_side_encryption')?.enabled, table.address, 'server_side_encryption.enabled') !== true)
      .map((table) => ({
        resource: table.address,
        message: 'server_side_encryption is not enabled: the table uses the AWS-owned key',
        fix: 'Set serverSideEncryption: { enabled: true } (optionally kmsKeyArn for a customer managed key).',
      }));
  },
};
