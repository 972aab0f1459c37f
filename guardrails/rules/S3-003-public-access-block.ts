import { targetsBucket } from '../resources';
import type { JsonObject } from '../stack';
import type { Rule } from '../types';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const rule: Rule = {
  id: 'S3-003',
  severity: 'error',
  title: 'Every S3 bucket has a public access block with all four settings true',
  rationale: 'One ACL or policy edit could otherwise publish the state bucket (or a data store) to the internet.',
  anchors: {
    cdkNag: ['AwsSolutions-S2'],
    checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    trivy: ['AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093', 'AVD-AWS-0094'],
  },
  check({ stack }) {
    const full = (body: JsonObject) => FLAGS.every((flag) => body[flag] === true);
    const account = stack.ofType('aws_s3_account_public_access_block').some((block) => full(block.body));
    if (account) return [];
    return stack.ofType('aws_s3_bucket').flatMap((bucket) => {
      const blocks = stack.ofType('aws_s3_bucket_public_access_block').filter((b) => targetsBucket(b, bucket));
      if (blocks.some((b) => full(b.body))) return [];
      const missing = blocks.length === 0 ? FLAGS : FLAGS.filter((flag) => !blocks.some((b) => b.body[flag] === true));
      return [
        {
          resource: bucket.address,
          message:
            blocks.length === 0
              ? 'no aws_s3_bucket_public_access_block for this bucket'
              : `public access block leaves ${missing.join(', ')} off`,
          fix: 'Add S3BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.',
        },
      ];
    });
  },
};
