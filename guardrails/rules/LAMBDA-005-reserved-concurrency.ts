import type { Rule } from '../types';

export const rule: Rule = {
  id: 'LAMBDA-005',
  severity: 'warning',
  title: 'Every Lambda function has reserved concurrency',
  rationale: 'A reserved limit caps what one function (or a flood against it) can take from the account-wide concurrency.',
  anchors: { cdkNag: ['NIST.800.53.R5-LambdaConcurrency'], checkov: ['CKV_AWS_115'] },
  check({ model }) {
    return model.functions.flatMap((fn) => {
      const reserved = model.readNumber(fn, 'reserved_concurrent_executions');
      if (reserved !== undefined && reserved >= 0) return [];
      return [
        {
          resource: fn.address,
          message: 'reserved_concurrent_executions is unset: the function can use the whole account concurrency',
          fix: 'Set reservedConcurrentExecutions, or suppress where the account quota is too small to reserve from.',
        },
      ];
    });
  },
};
