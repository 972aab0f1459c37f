import { blockList, singleBlock } from '../../model/values';
import type { Value } from '../../model';
import { companionsOf } from '../buckets';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'S3-002',
  severity: 'error',
  title: 'Every S3 bucket declares default server-side encryption',
  rationale: 'State files hold secrets and resource IDs; declaring SSE keeps encryption explicit and reviewable (and allows KMS).',
  anchors: { checkov: ['CKV_AWS_19'], trivy: ['AVD-AWS-0088'] },
  check({ model }) {
    return model.buckets.flatMap((bucket) => {
      const hasDefault = (rules: Value | undefined, address: string) =>
        blockList(rules, address, 'rule').some(
          (rule) => typeof singleBlock(rule.apply_server_side_encryption_by_default, address, 'rule.apply_server_side_encryption_by_default')?.sse_algorithm === 'string',
        );
      const legacy = hasDefault(model.readBlock(bucket, 'server_side_encryption_configuration')?.rule, bucket.address);
      const separate = companionsOf(model, 'aws_s3_bucket_server_side_encryption_configuration', bucket).some((c) => hasDefault(model.read(c, 'rule'), c.address));
      if (legacy || separate) return [];
      return [
        {
          resource: bucket.address,
          message: 'no aws_s3_bucket_server_side_encryption_configuration with a default algorithm for this bucket',
          fix: "Add S3BucketServerSideEncryptionConfigurationA with applyServerSideEncryptionByDefault { sseAlgorithm: 'AES256' or 'aws:kms' }.",
        },
      ];
    });
  },
};
