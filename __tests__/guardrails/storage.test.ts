import { describeRule, policy, ref, withChanges, type Resources } from './helpers';

function bucket(): Resources {
  const b = ref('aws_s3_bucket.state.id');
  return {
    aws_s3_bucket: { state: { bucket: 'state' } },
    aws_s3_bucket_versioning: { v: { bucket: b, versioning_configuration: { status: 'Enabled' } } },
    aws_s3_bucket_server_side_encryption_configuration: {
      e: { bucket: b, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
    },
    aws_s3_bucket_public_access_block: {
      p: { bucket: b, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
    },
    aws_s3_bucket_policy: {
      tls: {
        bucket: b,
        policy: policy([
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [ref('aws_s3_bucket.state.arn'), `${ref('aws_s3_bucket.state.arn')}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ]),
      },
    },
    aws_dynamodb_table: {
      items: { name: 'items', point_in_time_recovery: { enabled: true }, server_side_encryption: { enabled: true } },
    },
  };
}

describeRule('S3-001', [
  { name: 'passes: versioning enabled', resources: bucket(), expect: [] },
  {
    name: 'fails: suspended',
    resources: withChanges(bucket(), (r) => {
      r.aws_s3_bucket_versioning!.v!.versioning_configuration = { status: 'Suspended' };
    }),
    expect: ['aws_s3_bucket.state'],
  },
]);

describeRule('S3-002', [
  { name: 'passes: SSE declared', resources: bucket(), expect: [] },
  {
    name: 'fails: no SSE configuration',
    resources: withChanges(bucket(), (r) => {
      delete r.aws_s3_bucket_server_side_encryption_configuration;
    }),
    expect: ['aws_s3_bucket.state'],
  },
]);

describeRule('S3-003', [
  { name: 'passes: all four flags', resources: bucket(), expect: [] },
  {
    name: 'fails: restrict_public_buckets off',
    resources: withChanges(bucket(), (r) => {
      r.aws_s3_bucket_public_access_block!.p!.restrict_public_buckets = false;
    }),
    expect: ['aws_s3_bucket.state'],
    message: /restrict_public_buckets/,
  },
  {
    name: 'fails: no public access block',
    resources: withChanges(bucket(), (r) => {
      delete r.aws_s3_bucket_public_access_block;
    }),
    expect: ['aws_s3_bucket.state'],
  },
]);

describeRule('S3-004', [
  { name: 'passes: TLS-only deny on bucket and objects', resources: bucket(), expect: [] },
  {
    name: 'fails: no bucket policy',
    resources: withChanges(bucket(), (r) => {
      delete r.aws_s3_bucket_policy;
    }),
    expect: ['aws_s3_bucket.state'],
  },
  {
    name: 'fails: the deny covers only the objects',
    resources: withChanges(bucket(), (r) => {
      r.aws_s3_bucket_policy!.tls!.policy = policy([
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: `${ref('aws_s3_bucket.state.arn')}/*`,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]);
    }),
    expect: ['aws_s3_bucket.state'],
  },
]);

describeRule('DDB-001', [
  { name: 'passes: PITR on', resources: bucket(), expect: [] },
  {
    name: 'fails: PITR off',
    resources: withChanges(bucket(), (r) => {
      delete r.aws_dynamodb_table!.items!.point_in_time_recovery;
    }),
    expect: ['aws_dynamodb_table.items'],
  },
]);

describeRule('DDB-002', [
  { name: 'passes: KMS SSE', resources: bucket(), expect: [] },
  {
    name: 'fails: AWS-owned key',
    resources: withChanges(bucket(), (r) => {
      delete r.aws_dynamodb_table!.items!.server_side_encryption;
    }),
    expect: ['aws_dynamodb_table.items'],
  },
]);
