import { parseOperator } from '../model';
import { principalValues } from '../policy';
import { targetsBucket } from '../resources';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'S3-004',
  severity: 'error',
  title: 'Every S3 bucket policy denies requests without TLS (aws:SecureTransport = false) on the bucket and its objects',
  rationale: 'Without the deny, a misconfigured client can send state (and its secrets) over plain HTTP.',
  anchors: { cdkNag: ['AwsSolutions-S10'], checkov: ['CKV_AWS_379'] },
  check({ stack, model }) {
    return stack.ofType('aws_s3_bucket').flatMap((bucket) => {
      const denies = stack
        .ofType('aws_s3_bucket_policy')
        .filter((policy) => targetsBucket(policy, bucket))
        .some((policy) => {
          const parsed = model.policy(policy);
          if (!parsed.ok) return false;
          const doc = parsed.policy;
          return doc.statements.some((statement) => {
            if (statement.effect !== 'Deny' || statement.notAction || statement.notResource) return false;
            const everyone = statement.principal === '*' || principalValues(statement.principal, 'AWS').includes('*');
            const allActions = statement.actions.some((action) => action === '*' || action.toLowerCase() === 's3:*');
            const literalArn = typeof bucket.body.bucket === 'string' ? `arn:aws:s3:::${bucket.body.bucket}` : undefined;
            const isBucketArn = (value: string) => {
              const ref = doc.refOf(value);
              return (ref?.address === bucket.address && ref.attr === 'arn') || (literalArn !== undefined && value === literalArn);
            };
            const coversBucket = statement.resources.some((value) => value === '*' || isBucketArn(value));
            const coversObjects = statement.resources.some(
              (value) => value === '*' || (value.endsWith('/*') && isBucketArn(value.slice(0, -2))),
            );
            const insecure = statement.conditions.some((condition) => {
              const op = parseOperator(condition.operator);
              return op.base === 'Bool' && !op.set && condition.key.toLowerCase() === 'aws:securetransport' && condition.values.includes('false');
            });
            return everyone && allActions && insecure && coversBucket && coversObjects;
          });
        });
      if (denies) return [];
      return [
        {
          resource: bucket.address,
          message: 'no bucket policy denies s3:* to "*" when aws:SecureTransport is false, on both the bucket and bucket/*',
          fix: 'Attach policies/vN/state-bucket.json (renderPolicy with bucketArn) as an S3BucketPolicy.',
        },
      ];
    });
  },
};
