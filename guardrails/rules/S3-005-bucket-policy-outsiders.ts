import { outsiderAccess } from '../outsiders';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'S3-005',
  severity: 'error',
  title: 'No bucket policy lets anyone outside the account (anonymous, another account, a service acting for another account) use the bucket',
  rationale: 'A bucket policy Allow for "*" or another account publishes or hands over the data, whatever the app\'s roles say.',
  anchors: { checkov: ['CKV_AWS_70'], trivy: ['AVD-AWS-0092'] },
  check({ model, catalogue }) {
    return model.buckets.flatMap((bucket) => {
      const policy = bucket.policy?.compiled;
      if (!policy) return [];
      const open = outsiderAccess(model, policy, 's3', [bucket.arn, `${bucket.arn}/any/key`], catalogue);
      return open.length === 0
        ? []
        : [{ resource: bucket.policy!.address, message: `the bucket policy of ${bucket.address} lets ${open.join('; ')}`, fix: 'Name only principals of this account in Allow statements (and only with aws:SourceAccount for services).' }];
    });
  },
};
