import { bool } from '../../model/values';
import { companionsOf } from '../buckets';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'S3-001',
  severity: 'error',
  title: 'Every S3 bucket has versioning enabled',
  rationale: 'Terraform state (and any data store) must survive an overwrite or a bad apply; versions allow a rollback.',
  anchors: { cdkNag: ['NIST.800.53.R5-S3BucketVersioningEnabled'], checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'] },
  check({ model }) {
    return model.buckets.flatMap((bucket) => {
      const legacy = bool(model.readBlock(bucket, 'versioning')?.enabled, bucket.address, 'versioning.enabled') === true;
      const separate = companionsOf(model, 'aws_s3_bucket_versioning', bucket).some(
        (v) => model.readBlock(v, 'versioning_configuration')?.status === 'Enabled',
      );
      if (legacy || separate) return [];
      return [
        {
          resource: bucket.address,
          message: 'no aws_s3_bucket_versioning with status Enabled for this bucket',
          fix: "Add S3BucketVersioningA { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } } (see StateStack).",
        },
      ];
    });
  },
};
