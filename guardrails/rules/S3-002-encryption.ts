import { targetsBucket } from '../resources';
import { block, blocks } from '../stack';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'S3-002',
  severity: 'error',
  title: 'Every S3 bucket declares default server-side encryption',
  rationale: 'State files hold secrets and resource IDs; declaring SSE keeps encryption explicit and reviewable (and allows KMS).',
  anchors: { checkov: ['CKV_AWS_19'], trivy: ['AVD-AWS-0088'] },
  check({ stack }) {
    return stack.ofType('aws_s3_bucket').flatMap((bucket) => {
      const hasDefault = (configuration: unknown) =>
        blocks(block(configuration)?.rule ?? configuration).some(
          (rule) => typeof block(rule.apply_server_side_encryption_by_default)?.sse_algorithm === 'string',
        );
      const legacy = hasDefault(bucket.body.server_side_encryption_configuration);
      const separate = stack
        .ofType('aws_s3_bucket_server_side_encryption_configuration')
        .some((c) => targetsBucket(c, bucket) && blocks(c.body.rule).some((rule) => typeof block(rule.apply_server_side_encryption_by_default)?.sse_algorithm === 'string'));
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
