import { findings, policy, ref, withChanges, type Resources } from './helpers';

const BUCKET = 'aws_s3_bucket.state';
const found = async (rule: string, resources: Resources) => (await findings(rule, resources)).map((f) => [f.resource, f.message, f.fix]);
const b = ref('aws_s3_bucket.state.id');

/** A bucket with every setting in its own resource (provider v4+ style), and a table with PITR and KMS. */
function bucket(): Resources {
  return {
    aws_s3_bucket: { state: { bucket: 'state' } },
    aws_s3_bucket_versioning: { v: { bucket: b, versioning_configuration: { status: 'Enabled' } } },
    aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: b, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] } },
    aws_s3_bucket_public_access_block: { p: { bucket: b, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
    aws_dynamodb_table: { items: { name: 'items', point_in_time_recovery: { enabled: true }, server_side_encryption: { enabled: true } } },
  };
}

describe('S3 bucket settings', () => {
  it('S3-001 accepts the bucket\'s own versioning block (provider v3 style) and names the fix otherwise', async () => {
    expect(await found('S3-001', withChanges(bucket(), (r) => {
      delete r.aws_s3_bucket_versioning;
      r.aws_s3_bucket!.state!.versioning = { enabled: true };
    }))).toEqual([]);
    expect(await found('S3-001', withChanges(bucket(), (r) => delete r.aws_s3_bucket_versioning))).toEqual([
      [BUCKET, 'no aws_s3_bucket_versioning with status Enabled for this bucket', "Add S3BucketVersioningA { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } } (see StateStack)."],
    ]);
  });

  it('S3-002 accepts a default algorithm in the bucket\'s own block and names the fix otherwise', async () => {
    expect(await found('S3-002', withChanges(bucket(), (r) => {
      delete r.aws_s3_bucket_server_side_encryption_configuration;
      r.aws_s3_bucket!.state!.server_side_encryption_configuration = { rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } } };
    }))).toEqual([]);
    expect(await found('S3-002', withChanges(bucket(), (r) => delete r.aws_s3_bucket_server_side_encryption_configuration))).toEqual([
      [
        BUCKET,
        'no aws_s3_bucket_server_side_encryption_configuration with a default algorithm for this bucket',
        "Add S3BucketServerSideEncryptionConfigurationA with applyServerSideEncryptionByDefault { sseAlgorithm: 'AES256' or 'aws:kms' }.",
      ],
    ]);
  });

  it('S3-003 names the flags left off', async () => {
    const fix = 'Add S3BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.';
    const partial = withChanges(bucket(), (r) => Object.assign(r.aws_s3_bucket_public_access_block!.p!, { block_public_acls: false, ignore_public_acls: false }));
    expect(await found('S3-003', partial)).toEqual([[BUCKET, 'public access block leaves block_public_acls, ignore_public_acls off', fix]]);
    expect(await found('S3-003', withChanges(bucket(), (r) => delete r.aws_s3_bucket_public_access_block))).toEqual([[BUCKET, 'no aws_s3_bucket_public_access_block for this bucket', fix]]);
  });

  it('S3-003 accepts an account-wide public access block with all four settings in place of the bucket\'s own', async () => {
    // S3 User Guide, "Blocking public access to your Amazon S3 storage": the account-level settings apply to every
    // bucket of the account, and S3 applies the most restrictive of the account and bucket settings.
    const account = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };
    const accountWide = (flags: Record<string, boolean>) =>
      withChanges(bucket(), (r) => {
        delete r.aws_s3_bucket_public_access_block;
        r.aws_s3_account_public_access_block = { all: flags };
      });
    expect(await found('S3-003', accountWide(account))).toEqual([]);
    // One setting left off at the account level: the bucket needs its own block again.
    expect(await found('S3-003', accountWide({ ...account, restrict_public_buckets: false }))).toEqual([
      [BUCKET, 'no aws_s3_bucket_public_access_block for this bucket', 'Add S3BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.'],
    ]);
  });

  it('S3-004 lists the requests over plain HTTP the policy does not deny', async () => {
    // S3 User Guide, "Enforce encryption in transit": deny every request whose aws:SecureTransport is false.
    const objectsOnly = withChanges(bucket(), (r) => {
      r.aws_s3_bucket_policy = {
        tls: {
          bucket: b,
          policy: policy([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${ref('aws_s3_bucket.state.arn')}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]),
        },
      };
    });
    const fix = 'Attach policies/vN/state-bucket.json (renderPolicy with bucketArn) as an S3BucketPolicy.';
    expect(await found('S3-004', objectsOnly)).toEqual([[BUCKET, 'the bucket policy does not deny s3:ListBucket when aws:SecureTransport is false', fix]]);
    expect(await found('S3-004', bucket())).toEqual([
      [BUCKET, 'the bucket policy does not deny s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject when aws:SecureTransport is false', fix],
    ]);
  });
});

describe('DynamoDB table settings', () => {
  it('DDB-001 and DDB-002 name the setting and the fix', async () => {
    expect(await found('DDB-001', withChanges(bucket(), (r) => delete r.aws_dynamodb_table!.items!.point_in_time_recovery))).toEqual([
      ['aws_dynamodb_table.items', 'point_in_time_recovery is not enabled', 'Set pointInTimeRecovery: { enabled: true }.'],
    ]);
    expect(await found('DDB-002', withChanges(bucket(), (r) => delete r.aws_dynamodb_table!.items!.server_side_encryption))).toEqual([
      ['aws_dynamodb_table.items', 'server_side_encryption is not enabled: the table uses the AWS-owned key', 'Set serverSideEncryption: { enabled: true } (optionally kmsKeyArn for a customer managed key).'],
    ]);
  });
});

describe('resource policies that let outsiders in', () => {
  const foreign = { AWS: 'arn:aws:iam::999988887777:root' };

  it('S3-005 names the bucket policy, the bucket and the fix', async () => {
    const resources = withChanges(bucket(), (r) => {
      r.aws_s3_bucket_policy = { open: { bucket: b, policy: policy([{ Effect: 'Allow', Principal: foreign, Action: 's3:GetObject', Resource: `${ref('aws_s3_bucket.state.arn')}/*` }]) } };
    });
    const [result] = await found('S3-005', resources);
    expect(result![0]).toBe('aws_s3_bucket_policy.open');
    expect(result![1]).toMatch(/^the bucket policy of aws_s3_bucket\.state lets account 999988887777: s3:GetObject/);
    expect(result![2]).toBe('Name only principals of this account in Allow statements (and only with aws:SourceAccount for services).');
  });

  it('DDB-003 names the table policy, the table and the fix', async () => {
    const resources = withChanges(bucket(), (r) => {
      r.aws_dynamodb_resource_policy = {
        open: { resource_arn: ref('aws_dynamodb_table.items.arn'), policy: policy([{ Effect: 'Allow', Principal: foreign, Action: 'dynamodb:GetItem', Resource: ref('aws_dynamodb_table.items.arn') }]) },
      };
    });
    const [result] = await found('DDB-003', resources);
    expect(result![0]).toBe('aws_dynamodb_resource_policy.open');
    expect(result![1]).toMatch(/^the resource policy of aws_dynamodb_table\.items lets account 999988887777: dynamodb:GetItem/);
    expect(result![2]).toBe('Name only principals of this account in the table policy.');
    expect(await found('DDB-003', bucket())).toEqual([]);
  });

  it('KMS-001 names the key policy, the key and the fix', async () => {
    const resources: Resources = {
      aws_kms_key: { data: { description: 'data', policy: policy([{ Effect: 'Allow', Principal: foreign, Action: 'kms:Decrypt', Resource: '*' }]) } },
    };
    const [result] = await found('KMS-001', resources);
    expect(result![0]).toBe('aws_kms_key.data');
    expect(result![1]).toMatch(/^the key policy of aws_kms_key\.data lets account 999988887777: kms:Decrypt/);
    expect(result![2]).toBe('Name only this account (its root or roles) in the key policy.');
    const ownAccount: Resources = {
      aws_kms_key: { data: { description: 'data', policy: policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' }]) } },
    };
    expect(await found('KMS-001', ownAccount)).toEqual([]);
  });
});
