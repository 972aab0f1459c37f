import { NODE_RUNTIME } from '../../stacks/constructs/node-function';
import { describeRule, findings, ref, withChanges, type Resources } from './helpers';

function fn(): Resources {
  return {
    aws_api_gateway_rest_api: { api: { name: 'api' } },
    aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/office-user', retention_in_days: 30 } },
    aws_iam_role: {
      exec: {
        name: 'office-user-exec',
        assume_role_policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }],
        }),
      },
    },
    aws_lambda_function: {
      user: {
        function_name: 'office-user',
        role: ref('aws_iam_role.exec.arn'),
        runtime: NODE_RUNTIME,
        tracing_config: { mode: 'Active' },
        logging_config: { log_format: 'JSON', log_group: ref('aws_cloudwatch_log_group.logs.name') },
        reserved_concurrent_executions: 5,
      },
    },
    aws_lambda_permission: {
      invoke: {
        action: 'lambda:InvokeFunction',
        function_name: ref('aws_lambda_function.user.function_name'),
        principal: 'apigateway.amazonaws.com',
        source_arn: `${ref('aws_api_gateway_rest_api.api.execution_arn')}/*/GET/user`,
      },
    },
  };
}
const permission = (r: Resources) => r.aws_lambda_permission!.invoke!;
const lambda = (r: Resources) => r.aws_lambda_function!.user!;

describeRule('LAMBDA-001', [
  { name: 'passes: scoped to this API', resources: fn(), expect: [] },
  {
    name: 'fails: no source_arn',
    resources: withChanges(fn(), (r) => {
      delete permission(r).source_arn;
    }),
    expect: ['aws_lambda_permission.invoke'],
    message: /no source_arn: a resource of any account can make it call/,
  },
  {
    name: 'fails: source_arn of an API outside this stack',
    resources: withChanges(fn(), (r) => {
      permission(r).source_arn = 'arn:aws:execute-api:us-east-1:123456789012:*';
    }),
    expect: ['aws_lambda_permission.invoke'],
  },
  {
    name: 'fails: wildcard principal',
    resources: withChanges(fn(), (r) => {
      permission(r).principal = '*';
    }),
    expect: ['aws_lambda_permission.invoke'],
  },
  {
    name: 'passes: S3 notifications from this stack\'s bucket and account',
    resources: withChanges(fn(), (r) => {
      r.aws_s3_bucket = { uploads: { bucket: 'office-uploads' } };
      Object.assign(permission(r), { principal: 's3.amazonaws.com', source_arn: ref('aws_s3_bucket.uploads.arn'), source_account: '123456789012' });
    }),
    expect: [],
  },
  {
    // Lambda Developer Guide, "Tutorial: Using an Amazon S3 trigger": bucket ARNs hold no account; set SourceAccount.
    name: 'fails: S3 notifications with no source_account',
    resources: withChanges(fn(), (r) => {
      r.aws_s3_bucket = { uploads: { bucket: 'office-uploads' } };
      Object.assign(permission(r), { principal: 's3.amazonaws.com', source_arn: ref('aws_s3_bucket.uploads.arn') });
    }),
    expect: ['aws_lambda_permission.invoke'],
    message: /names no account/,
  },
  {
    // Cognito Developer Guide, "Customizing user pool workflows with Lambda triggers": the permission's SourceArn is
    // the user pool's own ARN, not a path under it.
    name: 'passes: a trigger of this stack\'s user pool (source_arn is the pool ARN itself)',
    resources: withChanges(fn(), (r) => {
      r.aws_cognito_user_pool = { users: { name: 'users' } };
      Object.assign(permission(r), { principal: 'cognito-idp.amazonaws.com', source_arn: ref('aws_cognito_user_pool.users.arn') });
    }),
    expect: [],
  },
  {
    // An ARN that merely starts with this API's execution ARN names another API (its id is longer), not a route.
    name: 'fails: source_arn of another API whose id starts with this one\'s',
    resources: withChanges(fn(), (r) => {
      permission(r).source_arn = `${ref('aws_api_gateway_rest_api.api.execution_arn')}x/*/GET/user`;
    }),
    expect: ['aws_lambda_permission.invoke'],
    message: /is not within a resource of this stack/,
  },
  {
    // Lambda Developer Guide, "Control access to Lambda function URLs": with AuthType NONE Lambda performs no
    // authentication, so anyone with the URL can invoke the function.
    name: 'fails: a function URL with auth type NONE',
    resources: withChanges(fn(), (r) => {
      Object.assign(permission(r), { action: 'lambda:InvokeFunctionUrl', principal: '*', function_url_auth_type: 'NONE' });
      delete permission(r).source_arn;
    }),
    expect: ['aws_lambda_permission.invoke'],
    message: /^function_url_auth_type is NONE: anyone on the internet can call the function URL$/,
  },
  {
    // Lambda Developer Guide, "Granting function access to other accounts": an account id (or a principal ARN of
    // that account) as Principal lets that account's principals invoke the function.
    name: 'fails: another account as principal, by account id',
    resources: withChanges(fn(), (r) => {
      permission(r).principal = '999988887777';
    }),
    expect: ['aws_lambda_permission.invoke'],
    message: /^principal 999988887777 is another account: it can invoke the function directly$/,
  },
  {
    name: 'fails: another account as principal, by role ARN',
    resources: withChanges(fn(), (r) => {
      permission(r).principal = 'arn:aws:iam::999988887777:role/caller';
    }),
    expect: ['aws_lambda_permission.invoke'],
    message: /^principal arn:aws:iam::999988887777:role\/caller is another account/,
  },
  {
    // A principal of the stack's own account (the stand-in account of a synth) is governed by its own IAM policies.
    name: 'passes: this account as principal, by account id',
    resources: withChanges(fn(), (r) => {
      permission(r).principal = '123456789012';
      delete permission(r).source_arn;
    }),
    expect: [],
  },
  {
    name: 'passes: this account as principal, by role ARN',
    resources: withChanges(fn(), (r) => {
      permission(r).principal = 'arn:aws:iam::123456789012:role/caller';
      delete permission(r).source_arn;
    }),
    expect: [],
  },
  {
    // Lambda Developer Guide, "Working with resource-based IAM policies in Lambda": SourceAccount names the account
    // that owns the calling resource; another account's resources then invoke the function.
    name: 'fails: a service acting for another account (source_account)',
    resources: withChanges(fn(), (r) => {
      permission(r).source_account = '999988887777';
    }),
    expect: ['aws_lambda_permission.invoke'],
    message: /^source_account 999988887777 is another account: apigateway\.amazonaws\.com acting for that account's resources can invoke the function$/,
  },
]);

describe('LAMBDA-001 resources of this stack', () => {
  it('accepts another function of the stack and a table of the stack as source_arn', async () => {
    const other = withChanges(fn(), (r) => {
      r.aws_lambda_function!.caller = { function_name: 'office-caller', role: ref('aws_iam_role.exec.arn'), runtime: NODE_RUNTIME };
      Object.assign(permission(r), { principal: 'lambda.amazonaws.com', source_arn: ref('aws_lambda_function.caller.arn') });
    });
    expect(await findings('LAMBDA-001', other)).toEqual([]);
    const table = withChanges(fn(), (r) => {
      r.aws_dynamodb_table = { items: { name: 'items', hash_key: 'id', attribute: [{ name: 'id', type: 'S' }] } };
      Object.assign(permission(r), { principal: 'dynamodb.amazonaws.com', source_arn: `${ref('aws_dynamodb_table.items.arn')}/stream/2026-01-01T00:00:00.000` });
    });
    expect(await findings('LAMBDA-001', table)).toEqual([]);
  });
});

describe('LAMBDA-001 wording', () => {
  const only = async (change: (r: Resources) => void) => {
    const found = await findings('LAMBDA-001', withChanges(fn(), change));
    expect(found).toHaveLength(1);
    return [found[0]!.message, found[0]!.fix];
  };

  it('says who can invoke through principal "*", with and without source_account', async () => {
    expect(await only((r) => (permission(r).principal = '*'))).toEqual([
      'principal is "*": anyone can invoke the function',
      "Name the calling service (principal: 'apigateway.amazonaws.com') and its source_arn.",
    ]);
    expect(await only((r) => Object.assign(permission(r), { principal: '*', source_account: '123456789012' }))).toEqual([
      'principal is "*": anyone acting for account 123456789012 can invoke the function',
      "Name the calling service (principal: 'apigateway.amazonaws.com') and its source_arn.",
    ]);
  });

  it('fixes a missing source_arn per service, and says which resources can call', async () => {
    expect(await only((r) => delete permission(r).source_arn)).toEqual([
      'apigateway.amazonaws.com may invoke the function with no source_arn: a resource of any account can make it call',
      'Set sourceArn: `${api.executionArn}/*/METHOD/path` (IamRestApi does this per route).',
    ]);
    expect(
      await only((r) => {
        Object.assign(permission(r), { principal: 'events.amazonaws.com', source_account: '123456789012' });
        delete permission(r).source_arn;
      }),
    ).toEqual([
      'events.amazonaws.com may invoke the function with no source_arn: any resource of this account can make it call',
      'Set sourceArn to the calling resource of this stack.',
    ]);
  });

  it('names the foreign source_arn, the account fix and the bucket fix', async () => {
    expect(await only((r) => (permission(r).source_arn = 'arn:aws:execute-api:us-east-1:123456789012:*'))).toEqual([
      'source_arn "arn:aws:execute-api:us-east-1:123456789012:*" is not within a resource of this stack: apigateway.amazonaws.com acting for other resources (or other accounts) can invoke the function',
      'Set sourceArn to (a path under) the calling resource of this stack, e.g. `${api.executionArn}/*/GET/path`.',
    ]);
    expect(await only((r) => (permission(r).source_account = '999988887777'))).toEqual([
      "source_account 999988887777 is another account: apigateway.amazonaws.com acting for that account's resources can invoke the function",
      'Set source_account to this account (123456789012) and source_arn to the calling resource of this stack.',
    ]);
    expect(await only((r) => (permission(r).principal = '999988887777'))).toEqual([
      'principal 999988887777 is another account: it can invoke the function directly',
      "Invoke through this stack's API, or name a principal of this account.",
    ]);
    const [message, fix] = await only((r) => {
      r.aws_s3_bucket = { uploads: { bucket: 'office-uploads' } };
      Object.assign(permission(r), { principal: 's3.amazonaws.com', source_arn: ref('aws_s3_bucket.uploads.arn') });
    });
    expect(message).toBe('source_arn "arn:aws:s3:::office-uploads" names no account and source_account is not set: a bucket of that name in another account can invoke the function');
    expect(fix).toBe('Set source_account to this account (123456789012).');
    expect(await only((r) => Object.assign(permission(r), { principal: '*', function_url_auth_type: 'NONE' }))).toEqual([
      'function_url_auth_type is NONE: anyone on the internet can call the function URL',
      "Use function_url_auth_type 'AWS_IAM', or no function URL.",
    ]);
  });
});

describeRule('LAMBDA-002', [
  { name: `passes: ${NODE_RUNTIME}`, resources: fn(), expect: [] },
  {
    name: 'fails: nodejs18.x',
    resources: withChanges(fn(), (r) => {
      lambda(r).runtime = 'nodejs18.x';
    }),
    expect: ['aws_lambda_function.user'],
  },
]);

describeRule('LAMBDA-003', [
  { name: 'passes: Active', resources: fn(), expect: [] },
  {
    name: 'fails: no tracing config',
    resources: withChanges(fn(), (r) => {
      delete lambda(r).tracing_config;
    }),
    expect: ['aws_lambda_function.user'],
  },
]);

describeRule('LAMBDA-004', [
  { name: 'passes: declared log group with retention', resources: fn(), expect: [] },
  {
    name: 'fails: log group without retention',
    resources: withChanges(fn(), (r) => {
      delete r.aws_cloudwatch_log_group!.logs!.retention_in_days;
    }),
    expect: ['aws_cloudwatch_log_group.logs'],
  },
  {
    name: 'fails: function whose log group Lambda would create',
    resources: withChanges(fn(), (r) => {
      delete r.aws_cloudwatch_log_group;
      delete lambda(r).logging_config;
    }),
    expect: ['aws_lambda_function.user'],
  },
]);

describeRule('LAMBDA-005', [
  { name: 'passes: reserved concurrency', resources: fn(), expect: [] },
  {
    name: 'fails: unset',
    resources: withChanges(fn(), (r) => {
      delete lambda(r).reserved_concurrent_executions;
    }),
    expect: ['aws_lambda_function.user'],
  },
]);

