import { STRONG_PASSWORD_POLICY } from '../support/expected';
import { officeFixture } from '../fixtures/configs';
import { NODE_RUNTIME } from '../../stacks/constructs/node-function';
import { findOf, onlyOf, ref, resourcesOf, synth, TfJson } from '../support/synth';
import { StackModel, synthSource, type ValueObject } from '../../model';

let office: TfJson;
beforeAll(() => {
  office = synth().stack('office');
});


const policyOf = (text: unknown) => JSON.parse(text as string) as { Statement: Array<Record<string, unknown>> };

describe('user pool', () => {
  test('admin-created users, username sign-in with an email alias, strong passwords, email-only recovery', () => {
    const { body } = onlyOf(office, 'aws_cognito_user_pool');
    expect(body.alias_attributes).toEqual(['email']);
    expect(body.username_attributes).toBeUndefined(); // username sign-in: email is an alias, not the username
    expect(body.schema).toEqual([
      {
        name: 'email',
        attribute_data_type: 'String',
        required: true,
        mutable: true,
        string_attribute_constraints: { min_length: '3', max_length: '256' },
      },
    ]);
    expect(body.password_policy).toEqual(STRONG_PASSWORD_POLICY);
    expect(body.account_recovery_setting).toEqual({ recovery_mechanism: [{ name: 'verified_email', priority: 1 }] });
    expect(body.admin_create_user_config).toEqual({ allow_admin_create_user_only: true });
    expect(body.deletion_protection).toBe('ACTIVE');
  });

  test('deletion protection follows config', () => {
    const json = synth({ only: ['office'], config: { ...officeFixture, userPool: { deletionProtection: false } } }).stack('office');
    expect(onlyOf(json, 'aws_cognito_user_pool').body.deletion_protection).toBe('INACTIVE');
  });
});

describe('app client', () => {
  test('public SRP client that cannot write anything that decides access', () => {
    const { body } = onlyOf(office, 'aws_cognito_user_pool_client');
    const pool = onlyOf(office, 'aws_cognito_user_pool');
    expect(body.user_pool_id).toBe(ref('aws_cognito_user_pool', pool.name, 'id'));
    expect(body.generate_secret).toBe(false);
    expect(body.explicit_auth_flows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(body.prevent_user_existence_errors).toBe('ENABLED');
    expect(body.write_attributes).toEqual(['email']);
    expect(body.read_attributes).toEqual(['email', 'email_verified']);
    expect(body.access_token_validity).toBe(60);
    expect(body.id_token_validity).toBe(60);
    expect(body.refresh_token_validity).toBe(30);
    expect(body.token_validity_units).toEqual([{ access_token: 'minutes', id_token: 'minutes', refresh_token: 'days' }]);
  });
});

describe('groups and their roles', () => {
  test.each(officeFixture.groups.map((g) => [g.name, g.precedence] as const))(
    'group %s has precedence %i and its own role',
    (name, precedence) => {
      const group = findOf(office, 'aws_cognito_user_group', 'name', name).body;
      const role = findOf(office, 'aws_iam_role', 'name', `office-dev-${name}`);
      const pool = onlyOf(office, 'aws_cognito_user_pool');
      expect(group.precedence).toBe(precedence);
      expect(group.role_arn).toBe(ref('aws_iam_role', role.name, 'arn'));
      expect(group.user_pool_id).toBe(ref('aws_cognito_user_pool', pool.name, 'id'));
      expect(role.body.max_session_duration).toBe(3600);
    },
  );

  test('Admin precedence 0 and User precedence 1, as the design says', () => {
    expect(findOf(office, 'aws_cognito_user_group', 'name', 'Admin').body.precedence).toBe(0);
    expect(findOf(office, 'aws_cognito_user_group', 'name', 'User').body.precedence).toBe(1);
  });

  test('every Cognito-trusting role is pinned to this identity pool (aud) and to authenticated identities (amr)', () => {
    const pool = onlyOf(office, 'aws_cognito_identity_pool');
    const trusting = resourcesOf(office, 'aws_iam_role').filter((r) =>
      String(r.body.assume_role_policy).includes('cognito-identity.amazonaws.com'),
    );
    expect(trusting.map((r) => r.body.name).sort()).toEqual([
      'office-dev-Admin',
      'office-dev-User',
      'office-dev-authenticated-default',
    ]);
    for (const role of trusting) {
      expect(policyOf(role.body.assume_role_policy).Statement).toEqual([
        {
          Sid: 'AssumeFromThisIdentityPoolOnly',
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'cognito-identity.amazonaws.com:aud': ref('aws_cognito_identity_pool', pool.name, 'id') },
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
          },
        },
      ]);
    }
  });

  const invokeOf = (json: TfJson, group: string) => {
    const role = findOf(json, 'aws_iam_role', 'name', `office-dev-${group}`);
    const policies = resourcesOf(json, 'aws_iam_role_policy').filter((p) => p.body.role === ref('aws_iam_role', role.name, 'id'));
    expect(policies).toHaveLength(1);
    return policyOf(policies[0]!.body.policy).Statement;
  };
  const api = ref('aws_api_gateway_rest_api', 'office_api', 'execution_arn');

  test('by default the newest policies (v2) deploy: each group invokes exactly its routes on the deployed stage, and nothing else', () => {
    const routes = { User: [`${api}/api/GET/user`], Admin: [`${api}/api/GET/user`, `${api}/api/GET/admin`] };
    for (const [group, arns] of Object.entries(routes)) {
      expect(invokeOf(office, group)).toEqual([
        { Sid: 'InvokeGroupRoutesOnDeployedStage', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: arns },
        // v2/CHANGES.md: an explicit deny of every other route, so no later Allow can open /admin to a User.
        { Sid: 'DenyEveryOtherInvoke', Effect: 'Deny', Action: 'execute-api:Invoke', NotResource: arns },
      ]);
    }
  });

  test('policies/v1 reproduces seed 001: User invokes GET /user and Admin GET /user and GET /admin, on any stage', () => {
    const v1 = synth({ settings: { policyVersion: 'v1' } }).stack('office');
    expect(invokeOf(v1, 'User')).toEqual([
      { Sid: 'InvokeGroupRoutes', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${api}/*/GET/user`] },
    ]);
    expect(invokeOf(v1, 'Admin')).toEqual([
      { Sid: 'InvokeGroupRoutes', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${api}/*/GET/user`, `${api}/*/GET/admin`] },
    ]);
  });
});

describe('identity pool', () => {
  test('authenticated identities only, no classic flow, server-side token check', () => {
    const { body } = onlyOf(office, 'aws_cognito_identity_pool');
    const pool = onlyOf(office, 'aws_cognito_user_pool').name;
    const client = onlyOf(office, 'aws_cognito_user_pool_client').name;
    expect(body.allow_unauthenticated_identities).toBe(false);
    expect(body.allow_classic_flow).toBe(false);
    expect(body.cognito_identity_providers).toEqual([
      {
        client_id: ref('aws_cognito_user_pool_client', client, 'id'),
        provider_name: ref('aws_cognito_user_pool', pool, 'endpoint'),
        server_side_token_check: true,
      },
    ]);
  });

  test('Token role mapping with ambiguous resolution Deny; the default role can do nothing', () => {
    const { body } = onlyOf(office, 'aws_cognito_identity_pool_roles_attachment');
    const identityPool = onlyOf(office, 'aws_cognito_identity_pool').name;
    const pool = onlyOf(office, 'aws_cognito_user_pool').name;
    const client = onlyOf(office, 'aws_cognito_user_pool_client').name;
    const fallback = findOf(office, 'aws_iam_role', 'name', 'office-dev-authenticated-default');
    expect(body.identity_pool_id).toBe(ref('aws_cognito_identity_pool', identityPool, 'id'));
    expect(body.role_mapping).toEqual([
      {
        identity_provider: `${ref('aws_cognito_user_pool', pool, 'endpoint')}:${ref('aws_cognito_user_pool_client', client, 'id')}`,
        type: 'Token',
        ambiguous_role_resolution: 'Deny',
      },
    ]);
    expect(body.roles).toEqual({ authenticated: ref('aws_iam_role', fallback.name, 'arn') });
    const denyAll = resourcesOf(office, 'aws_iam_role_policy').filter(
      (p) => p.body.role === ref('aws_iam_role', fallback.name, 'id'),
    );
    expect(denyAll.map((p) => policyOf(p.body.policy).Statement)).toEqual([
      [{ Sid: 'DenyEverything', Effect: 'Deny', Action: '*', Resource: '*' }],
    ]);
  });
});

describe('office_api', () => {
  test.each([
    ['/user', 'user'],
    ['/admin', 'admin'],
  ])('GET %s requires AWS_IAM and proxies to the %s Lambda', (path, handler) => {
    const resource = findOf(office, 'aws_api_gateway_resource', 'path_part', path.slice(1));
    const method = resourcesOf(office, 'aws_api_gateway_method').find(
      (m) => m.body.resource_id === ref('aws_api_gateway_resource', resource.name, 'id'),
    )!;
    const fn = findOf(office, 'aws_lambda_function', 'function_name', `office-dev-${handler}`);
    expect(method.body).toMatchObject({ http_method: 'GET', authorization: 'AWS_IAM' });
    const integration = resourcesOf(office, 'aws_api_gateway_integration').find(
      (i) => i.body.resource_id === ref('aws_api_gateway_method', method.name, 'resource_id'),
    )!;
    expect(integration.body).toMatchObject({
      type: 'AWS_PROXY',
      integration_http_method: 'POST',
      uri: ref('aws_lambda_function', fn.name, 'invoke_arn'),
    });
    const permission = resourcesOf(office, 'aws_lambda_permission').find(
      (p) => p.body.function_name === ref('aws_lambda_function', fn.name, 'function_name'),
    )!;
    expect(permission.body).toEqual({
      statement_id: 'AllowApiGatewayInvoke',
      action: 'lambda:InvokeFunction',
      function_name: ref('aws_lambda_function', fn.name, 'function_name'),
      principal: 'apigateway.amazonaws.com',
      source_arn: `${ref('aws_api_gateway_rest_api', 'office_api', 'execution_arn')}/*/GET${path}`,
    });
  });

  test('the API is named office_api and has exactly the configured methods', () => {
    expect(onlyOf(office, 'aws_api_gateway_rest_api').body.name).toBe('office_api');
    expect(resourcesOf(office, 'aws_api_gateway_method').map((m) => m.body.http_method)).toEqual(['GET', 'GET']);
  });

  test('stage api: access log, X-Ray, throttling, metrics, INFO logs, no data trace', () => {
    const stage = onlyOf(office, 'aws_api_gateway_stage');
    const accessLogs = findOf(office, 'aws_cloudwatch_log_group', 'name', '/aws/apigateway/office_api/api/access');
    expect(stage.body.stage_name).toBe('api');
    expect(stage.body.xray_tracing_enabled).toBe(true);
    expect((stage.body.access_log_settings as Record<string, unknown>).destination_arn).toBe(
      ref('aws_cloudwatch_log_group', accessLogs.name, 'arn'),
    );
    expect(accessLogs.body.retention_in_days).toBe(officeFixture.logRetentionDays);
    expect(onlyOf(office, 'aws_api_gateway_method_settings').body).toMatchObject({
      method_path: '*/*',
      stage_name: ref('aws_api_gateway_stage', stage.name, 'stage_name'),
      settings: {
        throttling_burst_limit: 20,
        throttling_rate_limit: 10,
        metrics_enabled: true,
        logging_level: 'INFO',
        data_trace_enabled: false,
      },
    });
  });

  test('deployment redeploys on change (triggers) and is replaced create-before-destroy', () => {
    const { body } = onlyOf(office, 'aws_api_gateway_deployment');
    expect(body.lifecycle).toEqual({ create_before_destroy: true });
    expect((body.triggers as Record<string, string>).redeployment).toMatch(/^[0-9a-f]{40}$/);
  });

  test('the deployment trigger changes when a route changes', () => {
    const trigger = (json: TfJson) => (onlyOf(json, 'aws_api_gateway_deployment').body.triggers as Record<string, string>).redeployment;
    const moved = synth({
      only: ['office'],
      config: { ...officeFixture, routes: [{ method: 'GET', path: '/user', handler: 'user' }, { method: 'GET', path: '/boss', handler: 'admin' }], groups: [{ ...officeFixture.groups[0]!, routes: ['GET /user', 'GET /boss'] }, officeFixture.groups[1]!] },
    }).stack('office');
    expect(trigger(moved)).not.toBe(trigger(office));
  });
});

describe('Lambda functions', () => {
  test.each(['user', 'admin'])('%s: newest runtime, arm64, 128 MB, short timeout, active tracing, own log group', (name) => {
    const fn = findOf(office, 'aws_lambda_function', 'function_name', `office-dev-${name}`);
    const logs = findOf(office, 'aws_cloudwatch_log_group', 'name', `/aws/lambda/office-dev-${name}`);
    // hashicorp/aws 5.100.0 accepts nodejs22.x as its newest Node.js runtime.
    expect(NODE_RUNTIME).toBe('nodejs22.x');
    expect(fn.body).toMatchObject({
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      memory_size: 128,
      timeout: 5,
      handler: 'index.handler',
      tracing_config: { mode: 'Active' },
      logging_config: { log_format: 'JSON', log_group: ref('aws_cloudwatch_log_group', logs.name, 'name') },
    });
    expect(fn.body.filename).toMatch(/^assets\/.+\/archive\.zip$/);
    expect(fn.body.source_code_hash).toBe(`\${filebase64sha256("${fn.body.filename as string}")}`);
    expect(logs.body.retention_in_days).toBe(30);
  });

  test.each(['user', 'admin'])('%s execution role may write only its own logs, plus X-Ray traces', (name) => {
    const role = findOf(office, 'aws_iam_role', 'name', `office-dev-${name}-exec`);
    const logs = findOf(office, 'aws_cloudwatch_log_group', 'name', `/aws/lambda/office-dev-${name}`);
    const policies = resourcesOf(office, 'aws_iam_role_policy').filter(
      (p) => p.body.role === ref('aws_iam_role', role.name, 'id'),
    );
    expect(policies.map((p) => policyOf(p.body.policy).Statement)).toEqual([
      [
        {
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${ref('aws_cloudwatch_log_group', logs.name, 'arn')}:*`,
        },
        // X-Ray has no resource-level permissions, so "*" is the only possible Resource.
        { Sid: 'WriteTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      ],
    ]);
    // The account comes from the log group's ARN at apply (no data source: the plan stays offline); the model
    // resolves it to the synth's stand-in account. IAM User Guide, "The confused deputy problem".
    expect(role.body.assume_role_policy).toContain(`\${element(split(":", ${ref('aws_cloudwatch_log_group', logs.name, 'arn').slice(2, -1)}), 4)}`);
    const trust = new StackModel(synthSource(office as unknown as ValueObject, 'office/cdk.tf.json', 'office')).roleNamed(`office-dev-${name}-exec`)!.trust.json;
    expect(trust?.Statement).toEqual([
      {
        Sid: 'ServiceAssumesRole',
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
  });
});

describe('outputs and backend', () => {
  test('outputs: region, pool ids, client id, invoke URL and a role ARN per group', () => {
    expect(Object.keys(office.output).sort()).toEqual([
      'api_invoke_url',
      'identity_pool_id',
      'region',
      'role_arn_Admin',
      'role_arn_User',
      'user_pool_client_id',
      'user_pool_id',
    ]);
    expect(office.output.region!.value).toBe('us-east-1');
    expect(office.output.api_invoke_url!.value).toBe(ref('aws_api_gateway_stage', onlyOf(office, 'aws_api_gateway_stage').name, 'invoke_url'));
  });

  test('state in S3 with encryption and S3-native locking, key per stack', () => {
    expect(office.terraform.backend).toEqual({
      s3: { bucket: 'office-rbac-tfstate', key: 'office/office.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
    });
  });

  test('the provider is pinned to hashicorp/aws 5.100.0 (the offline mirror)', () => {
    expect(office.terraform.required_providers).toEqual({ aws: { source: 'aws', version: '5.100.0' } });
  });

  test('no data sources: plan never calls AWS', () => {
    expect((office as unknown as Record<string, unknown>).data).toBeUndefined();
  });
});
