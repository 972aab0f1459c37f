import { tlsOnlyPolicy } from '../support/expected';
import { NONCURRENT_STATE_DAYS } from '../../stacks/state-stack';
import { onlyOf, ref, synth, TfJson } from '../support/synth';

let state: TfJson;
beforeAll(() => {
  state = synth({ only: ['state'], settings: { stateBucket: 'acme-tfstate', stateRegion: 'eu-west-1' } }).stack('state');
});

test('the bootstrap stack keeps its own state locally: the bucket must exist before any S3 backend', () => {
  expect(state.terraform.backend).toEqual({ local: { path: '../../../terraform.state.tfstate' } });
});

test('bucket name and region come from the deploy settings', () => {
  expect(onlyOf(state, 'aws_s3_bucket').body.bucket).toBe('acme-tfstate');
  expect((state.provider.aws as Array<Record<string, unknown>>)[0]!.region).toBe('eu-west-1');
  expect(state.output.state_bucket!.value).toBe(ref('aws_s3_bucket', 'bucket', 'bucket'));
});

test('versioning, SSE, ownership enforced and all four public-access blocks', () => {
  const bucketId = ref('aws_s3_bucket', 'bucket', 'id');
  expect(onlyOf(state, 'aws_s3_bucket_versioning').body).toEqual({
    bucket: bucketId,
    versioning_configuration: { status: 'Enabled' },
  });
  expect(onlyOf(state, 'aws_s3_bucket_server_side_encryption_configuration').body).toEqual({
    bucket: bucketId,
    rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: true }],
  });
  expect(onlyOf(state, 'aws_s3_bucket_public_access_block').body).toEqual({
    bucket: bucketId,
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  });
  expect(onlyOf(state, 'aws_s3_bucket_ownership_controls').body).toEqual({
    bucket: bucketId,
    rule: { object_ownership: 'BucketOwnerEnforced' },
  });
});

test('the bucket policy denies every request that is not TLS', () => {
  const policy = JSON.parse(onlyOf(state, 'aws_s3_bucket_policy').body.policy as string) as unknown;
  const arn = ref('aws_s3_bucket', 'bucket', 'arn');
  expect(policy).toEqual(tlsOnlyPolicy(arn));
});

test('noncurrent state versions expire, incomplete uploads are aborted', () => {
  expect(NONCURRENT_STATE_DAYS).toBe(90);
  expect(onlyOf(state, 'aws_s3_bucket_lifecycle_configuration').body.rule).toEqual([
    {
      id: 'expire-old-state-versions',
      status: 'Enabled',
      filter: [{}],
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    },
  ]);
});
