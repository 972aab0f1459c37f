import { App, TerraformStack, Testing } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { StackModel, synthSource, type ValueObject } from '../../model';
import { codeSuppressions, suppress, suppressionKey } from '../../stacks/suppress';

function bucketStack() {
  const app = Testing.app();
  const stack = new TerraformStack(app as App, 'fixture');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const bucket = new S3Bucket(stack, 'bucket', { bucket: 'scratch' });
  return { stack, bucket };
}

describe('suppress()', () => {
  it('writes the suppressions next to cdktf metadata in the resource\'s // block, which the engine reads', () => {
    const { stack, bucket } = bucketStack();
    suppress(bucket, 'S3-001', 'scratch bucket, rebuilt on every run');
    suppress(bucket, 'S3-004', '  only reached through VPC endpoints  ');
    const json = JSON.parse(JSON.stringify(stack.toTerraform())) as { resource: { aws_s3_bucket: { bucket: { '//': Record<string, unknown> } } } };
    const comment = json.resource.aws_s3_bucket.bucket['//'];
    expect(comment.metadata).toMatchObject({ path: 'fixture/bucket' });
    expect(comment.suppressions).toEqual([
      { rule: 'S3-001', reason: 'scratch bucket, rebuilt on every run' },
      { rule: 'S3-004', reason: 'only reached through VPC endpoints' },
    ]);
    expect(new StackModel(synthSource(json as ValueObject, 'fixture.json')).node('aws_s3_bucket.bucket')?.suppressions).toHaveLength(2);
    // The code's own record, which the guardrails compare the JSON with (a hand-written one is not in it).
    expect([...codeSuppressions(stack)]).toEqual([suppressionKey('fixture', 'aws_s3_bucket.bucket', 'S3-001'), suppressionKey('fixture', 'aws_s3_bucket.bucket', 'S3-004')]);
  });

  it('requires a reason of at least 10 characters', () => {
    const { bucket } = bucketStack();
    expect(() => suppress(bucket, 'S3-001', 'because')).toThrow(/at least 10 characters/);
    expect(() => suppress(bucket, 'S3-001', '          ')).toThrow(/at least 10 characters/);
  });

  it('rejects malformed rule ids and duplicates', () => {
    const { bucket } = bucketStack();
    expect(() => suppress(bucket, 's3-001', 'lower case is not a rule id')).toThrow(/not a guardrail rule id/);
    suppress(bucket, 'S3-001', 'scratch bucket, rebuilt on every run');
    expect(() => suppress(bucket, 'S3-001', 'scratch bucket, rebuilt on every run')).toThrow(/already suppressed/);
  });
});
