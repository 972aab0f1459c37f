import type { Node } from '../../model';
import { companionsOf } from '../buckets';
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
  check({ model }) {
    const on = (node: Node, flag: string) => model.readBool(node, flag) === true;
    const full = (node: Node) => FLAGS.every((flag) => on(node, flag));
    if (model.ofType('aws_s3_account_public_access_block').some(full)) return [];
    return model.buckets.flatMap((bucket) => {
      const blocks = companionsOf(model, 'aws_s3_bucket_public_access_block', bucket);
      if (blocks.some(full)) return [];
      const missing = blocks.length === 0 ? FLAGS : FLAGS.filter((flag) => !blocks.some((b) => on(b, flag)));
      return [
        {
          resource: bucket.address,
          message: blocks.length === 0 ? 'no aws_s3_bucket_public_access_block for this bucket' : `public access block leaves ${missing.join(', ')} off`,
          fix: 'Add S3BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.',
        },
      ];
    });
  },
};
