import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { PolicyVersion, renderPolicy } from '../../policies/loader';

export interface PrivateBucketProps {
  bucketName: string;
  /** Construct ids are `<idPrefix>` for the bucket and `<idPrefix>-versioning` etc.; '' gives `bucket`, `versioning`. */
  idPrefix: string;
  /** Days an overwritten object version is kept. */
  noncurrentVersionDays: number;
  lifecycleRuleId: string;
  policies: PolicyVersion;
}

/**
 * A bucket nobody outside can reach: versioned, SSE-S3 with a bucket key, all four public-access blocks, ACLs off,
 * a policy denying any request without TLS, old versions and abandoned uploads expiring. The S3-* guardrails check
 * exactly these. Resources are created directly in `scope`, so their Terraform addresses stay short.
 */
export function privateBucket(scope: Construct, props: PrivateBucketProps): S3Bucket {
  const id = (part: string) => (props.idPrefix ? `${props.idPrefix}-${part}` : part);
  const bucket = new S3Bucket(scope, props.idPrefix || 'bucket', { bucket: props.bucketName });
  new S3BucketVersioningA(scope, id('versioning'), {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  new S3BucketServerSideEncryptionConfigurationA(scope, id('encryption'), {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true }],
  });
  const publicAccess = new S3BucketPublicAccessBlock(scope, id('public-access'), {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(scope, id('ownership'), {
    bucket: bucket.id,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  new S3BucketPolicy(scope, id('tls-only'), {
    bucket: bucket.id,
    policy: renderPolicy(props.policies.templates.stateBucket, { bucketArn: bucket.arn }),
    dependsOn: [publicAccess],
  });
  new S3BucketLifecycleConfiguration(scope, id('lifecycle'), {
    bucket: bucket.id,
    rule: [
      {
        id: props.lifecycleRuleId,
        status: 'Enabled',
        filter: [{}],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
  });
  return bucket;
}
