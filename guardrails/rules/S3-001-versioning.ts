import { targetsBucket } from '../resources';
import { block } from '../stack';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'S3-001',
  severity: 'error',
  title: 'Every S3 bucket has versioning enabled',
  rationale: 'Terraform state (and any data store) must survive an overwrite or a bad apply; versions allow a rollback.',
  anchors: { cdkNag: ['NIST.800.53.R5-S3BucketVersioningEnabled'], checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'] },
  check({ stack }) {
    return stack.ofType('aws_s3_bucket').flatMap((bucket) => {
      const legacy = block(bucket.body.versioning)?.enabled === true;
      const separate = stack
        .ofType('aws_s3_bucket_versioning')
        .some((v) => targetsBucket(v, bucket) && block(v.body.versioning_configuration)?.status === 'Enabled');
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
