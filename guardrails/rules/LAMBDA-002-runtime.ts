import { NODE_RUNTIME } from '../../stacks/constructs/node-function';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'LAMBDA-002',
  severity: 'error',
  title: `Node.js functions use the newest runtime the pinned provider accepts (${NODE_RUNTIME})`,
  rationale: 'Older runtimes stop receiving security patches and are then blocked from updates by AWS.',
  anchors: { cdkNag: ['AwsSolutions-L1'], checkov: ['CKV_AWS_363'] },
  check({ model }) {
    return model.functions.flatMap((fn) => {
      const runtime = model.readString(fn, 'runtime');
      if (runtime === undefined || !runtime.startsWith('nodejs') || runtime === NODE_RUNTIME) return [];
      return [{ resource: fn.address, message: `runtime ${runtime} is not ${NODE_RUNTIME}`, fix: 'Use NODE_RUNTIME from stacks/constructs/node-function.ts (NodeFunction does).' }];
    });
  },
};
