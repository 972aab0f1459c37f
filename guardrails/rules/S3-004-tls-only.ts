import { evaluate } from '../../access/iam';
import { ACCOUNT_ID } from '../../model/stand-ins';
import type { Rule } from '../types';

/** Requests a bucket policy must refuse over plain HTTP: reads and writes of the bucket and of its objects. */
const PROBES = [
  { action: 's3:ListBucket', object: false },
  { action: 's3:GetObject', object: true },
  { action: 's3:PutObject', object: true },
  { action: 's3:DeleteObject', object: true },
];

export const rule: Rule = {
  id: 'S3-004',
  severity: 'error',
  title: 'Every S3 bucket policy denies requests without TLS (aws:SecureTransport = false) on the bucket and its objects',
  rationale: 'Without the deny, a misconfigured client can send state (and its secrets) over plain HTTP.',
  anchors: { cdkNag: ['AwsSolutions-S10'], checkov: ['CKV_AWS_379'] },
  check({ model }) {
    return model.buckets.flatMap((bucket) => {
      const policy = bucket.policy?.compiled;
      // A caller of this account whose own policies allow everything: only an explicit Deny in the bucket policy stops it.
      const open = PROBES.filter(({ action, object }) => {
        if (!policy) return true;
        const request = {
          action,
          resource: object ? `${bucket.arn}/state/key` : bucket.arn,
          principal: { type: 'AWS' as const, id: `arn:aws:iam::${ACCOUNT_ID}:role/any-caller` },
          context: { 'aws:SecureTransport': 'false', 'aws:PrincipalAccount': ACCOUNT_ID },
        };
        return evaluate(request, { identity: [], resource: policy }).decision !== 'explicitDeny';
      });
      if (open.length === 0) return [];
      return [
        {
          resource: bucket.address,
          message: `the bucket policy does not deny ${open.map((p) => p.action).join(', ')} when aws:SecureTransport is false`,
          fix: 'Attach policies/vN/state-bucket.json (renderPolicy with bucketArn) as an S3BucketPolicy.',
        },
      ];
    });
  },
};
