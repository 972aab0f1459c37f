import { outsiderAccess } from '../outsiders';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'DDB-003',
  severity: 'error',
  title: 'No DynamoDB resource policy lets anyone outside the account use the table',
  rationale: 'A table resource policy Allow for "*" or another account reads or rewrites the data, whatever the app\'s roles say.',
  anchors: {},
  check({ model, catalogue }) {
    return model.tables.flatMap((table) => {
      const policy = table.policy?.compiled;
      if (!policy) return [];
      const open = outsiderAccess(model, policy, 'dynamodb', [table.arn, `${table.arn}/index/any`], catalogue);
      return open.length === 0 ? [] : [{ resource: table.policy!.address, message: `the resource policy of ${table.address} lets ${open.join('; ')}`, fix: 'Name only principals of this account in the table policy.' }];
    });
  },
};
