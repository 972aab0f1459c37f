/**
 * Mutants of every shipped stack: each is an edit of the synthesized Terraform JSON that Terraform accepts
 * (`terraform validate`) and that opens access in AWS (the reason, from the AWS docs, sits next to it).
 * mutants.test.ts checks that `check` refuses each with an unsuppressed error of the named rule on the named
 * resource. The shipped stacks themselves are clean (stacks.test.ts).
 */

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Terraform JSON edited freely

const ACCOUNT = '123456789012';
const FOREIGN = '999988887777';
const OTHER_POOL = 'us-east-1:0b5e0d2a-1f6c-4c1e-9a6b-3e7f0c9d8a71';

// Addresses cdktf gives the shared constructs (the same in every RBAC stack).
const POOL = 'identities_pool_22FAEEC8';
const ATTACHMENT = 'identities_roles_D98D1FB1';
const USER_POOL = 'users_pool_87CF6C50';
const CLIENT = 'users_client_C9CE1D58';
const DEFAULT_ROLE = 'identities_default-authenticated_BC3FF3F2';
const ROLES = {
  office: { admin: 'identities_role-Admin_1C464C8D', user: 'identities_role-User_7685C877' },
  marketplace: { seller: 'identities_role-seller_0CB2168E', buyer: 'identities_role-buyer_16686DB7' },
  rows: { readers: 'identities_role-readers_3320E1B8', writers: 'identities_role-writers_28E1C280' },
  apps: { a: 'identities_role-app01-A_49E1DE2B', b: 'identities_role-app01-B_8FF1F4ED' },
};
const OFFICE_ADMIN_METHOD = 'office-api_GET--adminmethod_42BF50FC';
const OFFICE_USER_RESOURCE = 'office-api_resource--user_C1EC22EA';
const OFFICE_ADMIN_PERMISSION = 'office-api_GET--adminpermission_7CBD1453';
const APPS_METHOD = 'apps-api_GET--app--proxymethod_509A15AB';
const APPS_PERMISSION = 'apps-api_GET--app--proxypermission_A8D6232C';
const MARKETPLACE_PERMISSION = 'users_post-confirmation-invoke_2AE8F6BB';

/** Adds `aws_api_gateway_authorizer.mutant` to the method's API. */
const authorizer = (json: Json, method: Json, body: Json): void => {
  const resources = json.resource as Record<string, Record<string, Json>>;
  resources.aws_api_gateway_authorizer = { mutant: { name: 'mutant', rest_api_id: method.rest_api_id, ...body } };
};

const r = (json: Json, type: string, name: string): Json => {
  const body = json.resource[type]?.[name];
  if (!body) throw new Error(`mutant fixture: no ${type}.${name}`);
  return body;
};
const add = (json: Json, type: string, name: string, body: Json) => {
  json.resource[type] ??= {};
  json.resource[type][name] = body;
};
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const trustOf = (json: Json, role: string) => JSON.parse(r(json, 'aws_iam_role', role).assume_role_policy) as { Statement: Json[] };
const setTrust = (json: Json, role: string, edit: (statements: Json[]) => void) => {
  const trust = trustOf(json, role);
  edit(trust.Statement);
  r(json, 'aws_iam_role', role).assume_role_policy = JSON.stringify(trust);
};
const poolId = '${aws_cognito_identity_pool.' + POOL + '.id}';
const conditionOf = (statements: Json[]) => statements[0]!.Condition as Json;
/** Replaces a group role's inline permissions (aws_iam_role_policy `policy`) with the given statements. */
const grant = (json: Json, policy: string, statements: object[]) => {
  r(json, 'aws_iam_role_policy', policy).policy = doc(statements);
};
const ref = (expr: string) => '${' + expr + '}';

export interface Mutant {
  stack: 'office' | 'marketplace' | 'rows' | 'apps' | 'state';
  name: string;
  /** The AWS documentation that says this edit opens access. */
  reason: string;
  mutate(json: Json): void;
  /** `RULE address` of unsuppressed errors check must report (others may come too). */
  expect: string[];
}

export const MUTANTS: Mutant[] = [
  // ---- Trust: who can assume a role an identity pool hands out ----
  {
    stack: 'office',
    name: 'Admin trust without the aud condition',
    reason: 'Cognito Developer Guide, "Role trust and permissions": only the aud condition restricts the token to this identity pool',
    mutate: (j) => setTrust(j, ROLES.office.admin, (s) => delete conditionOf(s).StringEquals),
    expect: [`RBAC-001 aws_iam_role.${ROLES.office.admin}`],
  },
  {
    stack: 'office',
    name: 'Admin trust pins aud to a list: this pool and another (planted mistake: only the first value checked)',
    reason: 'IAM User Guide, "Condition with multiple values": a list under StringEquals matches any of its values',
    mutate: (j) => setTrust(j, ROLES.office.admin, (s) => (conditionOf(s).StringEquals['cognito-identity.amazonaws.com:aud'] = [poolId, OTHER_POOL])),
    expect: [`RBAC-001 aws_iam_role.${ROLES.office.admin}`],
  },
  {
    stack: 'office',
    name: 'User trust matches aud with StringLike "us-east-1:*"',
    reason: 'IAM User Guide, "String condition operators": StringLike * matches every identity pool id of the region',
    mutate: (j) =>
      setTrust(j, ROLES.office.user, (s) => {
        delete conditionOf(s).StringEquals;
        conditionOf(s).StringLike = { 'cognito-identity.amazonaws.com:aud': 'us-east-1:*' };
      }),
    expect: [`RBAC-001 aws_iam_role.${ROLES.office.user}`],
  },
  {
    stack: 'office',
    name: 'default role tests aud with StringNotEquals another pool',
    reason: 'IAM User Guide, "String condition operators": StringNotEquals is true for every other pool id',
    mutate: (j) =>
      setTrust(j, DEFAULT_ROLE, (s) => {
        delete conditionOf(s).StringEquals;
        conditionOf(s).StringNotEquals = { 'cognito-identity.amazonaws.com:aud': OTHER_POOL };
      }),
    expect: [`RBAC-001 aws_iam_role.${DEFAULT_ROLE}`],
  },
  {
    stack: 'marketplace',
    name: 'seller trust uses ForAnyValue:StringEquals on aud with a second pool',
    reason: 'IAM User Guide, "Multivalued context keys": ForAnyValue matches when any request value is in the list',
    mutate: (j) =>
      setTrust(j, ROLES.marketplace.seller, (s) => {
        delete conditionOf(s).StringEquals;
        conditionOf(s)['ForAnyValue:StringEquals'] = { 'cognito-identity.amazonaws.com:aud': [poolId, OTHER_POOL] };
      }),
    expect: [`RBAC-001 aws_iam_role.${ROLES.marketplace.seller}`],
  },
  {
    stack: 'rows',
    name: 'writers trust adds a second statement for another identity pool',
    reason: 'IAM User Guide, "Policy evaluation logic": any one Allow statement that matches grants',
    mutate: (j) =>
      setTrust(j, ROLES.rows.writers, (s) => s.push({ ...s[0], Sid: 'Partner', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': OTHER_POOL } } })),
    expect: [`RBAC-001 aws_iam_role.${ROLES.rows.writers}`],
  },
  {
    stack: 'apps',
    name: 'app01-A trust computed by data.aws_iam_policy_document without aud',
    reason: 'Terraform AWS provider, "Data Source: aws_iam_policy_document": the json attribute is the document IAM receives',
    mutate: (j) => {
      j.data = {
        aws_iam_policy_document: {
          'open-trust': {
            statement: [
              {
                actions: ['sts:AssumeRoleWithWebIdentity'],
                principals: [{ type: 'Federated', identifiers: ['cognito-identity.amazonaws.com'] }],
                condition: [{ test: 'ForAnyValue:StringLike', variable: 'cognito-identity.amazonaws.com:amr', values: ['authenticated'] }],
              },
            ],
          },
        },
      };
      r(j, 'aws_iam_role', ROLES.apps.a).assume_role_policy = ref('data.aws_iam_policy_document.open-trust.json');
    },
    expect: [`RBAC-001 aws_iam_role.${ROLES.apps.a}`],
  },
  {
    stack: 'apps',
    name: 'app01-B trust written with jsonencode(...) and no aud',
    reason: 'Terraform language, "jsonencode": the literal object becomes the JSON document IAM receives',
    mutate: (j) => {
      r(j, 'aws_iam_role', ROLES.apps.b).assume_role_policy =
        '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Principal" = {"Federated" = "cognito-identity.amazonaws.com"}, "Action" = "sts:AssumeRoleWithWebIdentity", "Condition" = {"ForAnyValue:StringLike" = {"cognito-identity.amazonaws.com:amr" = "authenticated"}}}]})}';
    },
    expect: [`RBAC-001 aws_iam_role.${ROLES.apps.b}`],
  },
  {
    stack: 'office',
    name: 'guests on, and the Admin trust has no amr condition',
    reason: 'Cognito Developer Guide, "Role trust and permissions": amr is "unauthenticated" for guests; without the amr condition guests pass',
    mutate: (j) => {
      r(j, 'aws_cognito_identity_pool', POOL).allow_unauthenticated_identities = true;
      setTrust(j, ROLES.office.admin, (s) => delete conditionOf(s)['ForAnyValue:StringLike']);
    },
    expect: [`RBAC-002 aws_iam_role.${ROLES.office.admin}`, `RBAC-004 aws_cognito_identity_pool.${POOL}`],
  },
  {
    stack: 'rows',
    name: 'guests on, writers trust matches amr with "*"',
    reason: 'IAM User Guide, "String condition operators": StringLike "*" matches "unauthenticated" too',
    mutate: (j) => {
      r(j, 'aws_cognito_identity_pool', POOL).allow_unauthenticated_identities = 'true';
      setTrust(j, ROLES.rows.writers, (s) => (conditionOf(s)['ForAnyValue:StringLike']['cognito-identity.amazonaws.com:amr'] = '*'));
    },
    expect: [`RBAC-002 aws_iam_role.${ROLES.rows.writers}`, `RBAC-004 aws_cognito_identity_pool.${POOL}`],
  },
  {
    stack: 'apps',
    name: 'app01-A trust lets another account assume it (extra statement)',
    reason: 'IAM User Guide, "How to use trust policies": an account principal delegates to every principal that account allows',
    mutate: (j) => setTrust(j, ROLES.apps.a, (s) => s.push({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FOREIGN}:root` }, Action: 'sts:AssumeRole' })),
    expect: [`RBAC-003 aws_iam_role.${ROLES.apps.a}`],
  },
  {
    stack: 'office',
    name: 'User trust: Principal "*" with sts:*',
    reason: 'IAM User Guide, "AWS JSON policy elements: Principal": "*" is every principal of every account; sts:* includes AssumeRole',
    mutate: (j) => setTrust(j, ROLES.office.user, (s) => s.push({ Effect: 'Allow', Principal: '*', Action: 'sts:*' })),
    expect: [`RBAC-003 aws_iam_role.${ROLES.office.user}`],
  },
  {
    stack: 'office',
    name: 'Admin trust: sts:AssumeRoleWith* for Google web identities',
    reason: 'IAM User Guide, "Creating a role for web identity federation": a trust naming accounts.google.com admits its users',
    mutate: (j) => setTrust(j, ROLES.office.admin, (s) => s.push({ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWith*' })),
    expect: [`RBAC-003 aws_iam_role.${ROLES.office.admin}`],
  },
  {
    stack: 'marketplace',
    name: 'buyer trust also lets this account\'s principals assume it',
    reason: 'IAM User Guide, "Policy evaluation logic: cross-account": the account root in a trust lets any of its principals with sts:AssumeRole in',
    mutate: (j) => setTrust(j, ROLES.marketplace.buyer, (s) => s.push({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' })),
    expect: [`RBAC-003 aws_iam_role.${ROLES.marketplace.buyer}`],
  },
  {
    stack: 'rows',
    name: 'readers trust also admits Lambda',
    reason: 'Lambda Developer Guide, "Execution role": any function of the account can then run with the readers\' permissions',
    mutate: (j) => setTrust(j, ROLES.rows.readers, (s) => s.push({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' })),
    expect: [`RBAC-003 aws_iam_role.${ROLES.rows.readers}`],
  },
  {
    stack: 'office',
    name: 'a Lambda execution role loses its aws:SourceAccount pin',
    reason: 'IAM User Guide, "The confused deputy problem": without aws:SourceAccount the service may act for another account',
    mutate: (j) => {
      r(j, 'aws_iam_role', 'fn-user_role_719E5081').assume_role_policy = doc([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    },
    expect: ['IAM-008 aws_iam_role.fn-user_role_719E5081'],
  },

  // ---- Identity pool: providers, classic flow, guests, attachments, mappings ----
  {
    stack: 'office',
    name: 'classic (basic) flow on, written as the string "true"',
    reason: 'Cognito Developer Guide, "Identity pools authentication flow": the basic flow lets the client pick any role whose trust accepts the pool',
    mutate: (j) => (r(j, 'aws_cognito_identity_pool', POOL).allow_classic_flow = 'true'),
    expect: [`RBAC-006 aws_cognito_identity_pool.${POOL}`],
  },
  {
    stack: 'marketplace',
    name: 'identity pool accepts Google sign-in',
    reason: 'Cognito Developer Guide, "Setting up Google as an identity pool IdP": Google users then get credentials from the pool',
    mutate: (j) => (r(j, 'aws_cognito_identity_pool', POOL).supported_login_providers = { 'accounts.google.com': '1234-abc.apps.googleusercontent.com' }),
    expect: [`RBAC-015 aws_cognito_identity_pool.${POOL}`, `RBAC-002 aws_iam_role.${ROLES.marketplace.seller}`],
  },
  {
    stack: 'rows',
    name: 'identity pool federates a user pool outside the stack',
    reason: 'Cognito API reference, CreateIdentityPool CognitoIdentityProviders: every listed user pool\'s users get identities',
    mutate: (j) => {
      const own = r(j, 'aws_cognito_identity_pool', POOL).cognito_identity_providers[0];
      r(j, 'aws_cognito_identity_pool', POOL).cognito_identity_providers = [
        own,
        { client_id: 'attackerclient0000000000000', provider_name: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Attacker0', server_side_token_check: true },
      ];
    },
    expect: [`RBAC-015 aws_cognito_identity_pool.${POOL}`, `RBAC-002 aws_iam_role.${ROLES.rows.writers}`],
  },
  {
    stack: 'apps',
    name: 'identity pool accepts an OpenID Connect provider',
    reason: 'Cognito Developer Guide, "OpenID Connect providers": the provider\'s users get credentials from the pool',
    mutate: (j) => (r(j, 'aws_cognito_identity_pool', POOL).openid_connect_provider_arns = [`arn:aws:iam::${ACCOUNT}:oidc-provider/login.example.com`]),
    expect: [`RBAC-015 aws_cognito_identity_pool.${POOL}`],
  },
  {
    stack: 'office',
    name: 'server_side_token_check off in the provider block written as an object',
    reason: 'Cognito API reference, CognitoIdentityProvider.ServerSideTokenCheck: off, revoked tokens still get credentials',
    mutate: (j) => {
      const [provider] = r(j, 'aws_cognito_identity_pool', POOL).cognito_identity_providers;
      r(j, 'aws_cognito_identity_pool', POOL).cognito_identity_providers = { ...provider, server_side_token_check: 'false' };
    },
    expect: [`RBAC-013 aws_cognito_identity_pool.${POOL}`],
  },
  {
    stack: 'marketplace',
    name: 'a second roles attachment for the same pool',
    reason: 'Cognito API reference, SetIdentityPoolRoles: each call replaces the whole set, so the last apply wins',
    mutate: (j) => add(j, 'aws_cognito_identity_pool_roles_attachment', 'second', { identity_pool_id: poolId, roles: { authenticated: ref(`aws_iam_role.${ROLES.marketplace.seller}.arn`) } }),
    expect: ['MODEL-001 aws_cognito_identity_pool_roles_attachment.second'],
  },
  {
    stack: 'office',
    name: 'Token mapping falls back to a default role that can write the user pool',
    reason: 'Cognito Developer Guide, "Role-based access control": AuthenticatedRole gives the default role when no group decides',
    mutate: (j) => {
      r(j, 'aws_cognito_identity_pool_roles_attachment', ATTACHMENT).role_mapping[0].ambiguous_role_resolution = 'AuthenticatedRole';
      grant(j, 'identities_default-authenticated-policy_23F12452', [{ Effect: 'Allow', Action: 'cognito-idp:AdminUpdateUserAttributes', Resource: ref(`aws_cognito_user_pool.${USER_POOL}.arn`) }]);
    },
    expect: [`RBAC-007 aws_cognito_identity_pool_roles_attachment.${ATTACHMENT}`, `RBAC-014 aws_iam_role.${DEFAULT_ROLE}`],
  },
  {
    stack: 'rows',
    name: 'a Rules mapping picks the writers role from email, which users may change',
    reason: 'Cognito Developer Guide, "Role-based access control": rules read ID-token claims; UpdateUserAttributes lets users set writable ones',
    mutate: (j) => {
      r(j, 'aws_cognito_identity_pool_roles_attachment', ATTACHMENT).role_mapping = [
        {
          identity_provider: r(j, 'aws_cognito_identity_pool_roles_attachment', ATTACHMENT).role_mapping[0].identity_provider,
          type: 'Rules',
          ambiguous_role_resolution: 'Deny',
          mapping_rule: { claim: 'email', match_type: 'Contains', value: '@example.com', role_arn: ref(`aws_iam_role.${ROLES.rows.writers}.arn`) },
        },
      ];
    },
    expect: [`RBAC-011 aws_cognito_identity_pool_roles_attachment.${ATTACHMENT}`],
  },

  {
    stack: 'marketplace',
    name: 'buyer writes under a prefix taken from a principal tag mapped from a claim users may write',
    reason: 'Cognito Developer Guide, "Using attributes for access control": the tag carries the claim into aws:PrincipalTag; users set custom:signup_group with UpdateUserAttributes (the trust needs sts:TagSession for tags)',
    mutate: (j) => {
      add(j, 'aws_cognito_identity_pool_provider_principal_tag', 'shop', {
        identity_pool_id: poolId,
        identity_provider_name: ref(`aws_cognito_user_pool.${USER_POOL}.endpoint`),
        principal_tags: { shop: 'custom:signup_group' },
        use_defaults: false,
      });
      setTrust(j, ROLES.marketplace.buyer, (s) => (s[0]!.Action = ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']));
      grant(j, 'role-buyer-read', [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::marketplace-dev-product-images/$${aws:PrincipalTag/shop}/*' }]);
    },
    expect: ['RBAC-011 aws_iam_role_policy.role-buyer-read'],
  },

  // ---- API methods and the API resource policy ----
  {
    stack: 'office',
    name: 'GET /admin with authorization NONE',
    reason: 'API Gateway Developer Guide, "Control access to a REST API": NONE means no authorization at all',
    mutate: (j) => (r(j, 'aws_api_gateway_method', OFFICE_ADMIN_METHOD).authorization = 'NONE'),
    expect: [`APIG-001 aws_api_gateway_method.${OFFICE_ADMIN_METHOD}`],
  },
  {
    stack: 'office',
    name: 'an added POST /user with authorization NONE (planted mistake: only GET flagged)',
    reason: 'API Gateway Developer Guide, "Set up a method": each verb is its own method with its own authorization',
    mutate: (j) =>
      add(j, 'aws_api_gateway_method', 'open-post', {
        rest_api_id: ref('aws_api_gateway_rest_api.office_api.id'),
        resource_id: ref(`aws_api_gateway_resource.${OFFICE_USER_RESOURCE}.id`),
        http_method: 'POST',
        authorization: 'NONE',
      }),
    expect: ['APIG-001 aws_api_gateway_method.open-post'],
  },
  {
    stack: 'apps',
    name: 'the apps method becomes ANY with authorization NONE',
    reason: 'API Gateway Developer Guide, "Set up a method": ANY answers every HTTP verb',
    mutate: (j) => Object.assign(r(j, 'aws_api_gateway_method', APPS_METHOD), { http_method: 'ANY', authorization: 'NONE' }),
    expect: [`APIG-001 aws_api_gateway_method.${APPS_METHOD}`],
  },
  {
    stack: 'office',
    name: 'NONE with api_key_required "true"',
    reason: 'API Gateway Developer Guide, "Usage plans": do not use API keys for authentication or authorization',
    mutate: (j) => Object.assign(r(j, 'aws_api_gateway_method', OFFICE_ADMIN_METHOD), { authorization: 'NONE', api_key_required: 'true' }),
    expect: [`APIG-001 aws_api_gateway_method.${OFFICE_ADMIN_METHOD}`],
  },
  {
    stack: 'office',
    name: 'an OPTIONS method with NONE that proxies to Lambda (not MOCK)',
    reason: 'API Gateway Developer Guide, "CORS": only a MOCK integration answers the preflight without reaching the backend',
    mutate: (j) => {
      add(j, 'aws_api_gateway_method', 'options', { rest_api_id: ref('aws_api_gateway_rest_api.office_api.id'), resource_id: ref(`aws_api_gateway_resource.${OFFICE_USER_RESOURCE}.id`), http_method: 'OPTIONS', authorization: 'NONE' });
      add(j, 'aws_api_gateway_integration', 'options', {
        rest_api_id: ref('aws_api_gateway_rest_api.office_api.id'),
        resource_id: ref('aws_api_gateway_method.options.resource_id'),
        http_method: ref('aws_api_gateway_method.options.http_method'),
        type: 'AWS_PROXY',
        integration_http_method: 'POST',
        uri: ref('aws_lambda_function.fn-user_function_C6E13932.invoke_arn'),
      });
    },
    expect: ['APIG-001 aws_api_gateway_method.options'],
  },
  {
    stack: 'office',
    name: 'GET /admin authorized by a Lambda authorizer (CUSTOM)',
    reason: 'API Gateway Developer Guide, "Lambda authorizers": the authorizer\'s code alone decides',
    mutate: (j) => {
      const method = r(j, 'aws_api_gateway_method', OFFICE_ADMIN_METHOD);
      authorizer(j, method, { type: 'TOKEN', authorizer_uri: '${aws_lambda_function.fn-admin_function_7DD08009.invoke_arn}' });
      Object.assign(method, { authorization: 'CUSTOM', authorizer_id: '${aws_api_gateway_authorizer.mutant.id}' });
    },
    expect: [`APIG-001 aws_api_gateway_method.${OFFICE_ADMIN_METHOD}`],
  },
  {
    stack: 'apps',
    name: 'the apps method authorized by COGNITO_USER_POOLS',
    reason: 'API Gateway Developer Guide, "Cognito user pool authorizer": any valid token of the pool is let in, whatever the group',
    mutate: (j) => {
      const method = r(j, 'aws_api_gateway_method', APPS_METHOD);
      authorizer(j, method, { type: 'COGNITO_USER_POOLS', provider_arns: [`\${aws_cognito_user_pool.${USER_POOL}.arn}`] });
      Object.assign(method, { authorization: 'COGNITO_USER_POOLS', authorizer_id: '${aws_api_gateway_authorizer.mutant.id}' });
    },
    expect: [`APIG-001 aws_api_gateway_method.${APPS_METHOD}`],
  },
  {
    stack: 'office',
    name: 'the API policy argument allows execute-api:Invoke to "*"',
    reason: 'API Gateway Developer Guide, "How resource policies affect authorization": a cross-account caller needs only this Allow',
    mutate: (j) =>
      (r(j, 'aws_api_gateway_rest_api', 'office_api').policy = doc([{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:*' }])),
    expect: [`APIG-001 aws_api_gateway_method.${OFFICE_ADMIN_METHOD}`],
  },
  {
    stack: 'apps',
    name: 'an aws_api_gateway_rest_api_policy allows another account',
    reason: 'API Gateway Developer Guide, "API Gateway resource policy examples": naming an account grants its principals',
    mutate: (j) =>
      add(j, 'aws_api_gateway_rest_api_policy', 'partner', {
        rest_api_id: ref('aws_api_gateway_rest_api.apps_api.id'),
        policy: doc([{ Effect: 'Allow', Principal: { AWS: FOREIGN }, Action: 'execute-api:Invoke', Resource: ref('aws_api_gateway_rest_api.apps_api.execution_arn') + '/*' }]),
      }),
    expect: [`APIG-001 aws_api_gateway_method.${APPS_METHOD}`],
  },

  // ---- Lambda permissions ----
  {
    stack: 'office',
    name: 'API Gateway may invoke fn-admin with no source_arn',
    reason: 'Lambda Developer Guide, "Resource-based policies": without SourceArn any API of any account can invoke the function',
    mutate: (j) => delete r(j, 'aws_lambda_permission', OFFICE_ADMIN_PERMISSION).source_arn,
    expect: [`LAMBDA-001 aws_lambda_permission.${OFFICE_ADMIN_PERMISSION}`],
  },
  {
    stack: 'office',
    name: 'source_arn of every API of the account (a wildcard API id)',
    reason: 'Lambda Developer Guide, "Resource-based policies": a wildcard SourceArn lets any API of the account invoke the function, skipping this API\'s IAM authorization',
    mutate: (j) => (r(j, 'aws_lambda_permission', OFFICE_ADMIN_PERMISSION).source_arn = `arn:aws:execute-api:us-east-1:${ACCOUNT}:*`),
    expect: [`LAMBDA-001 aws_lambda_permission.${OFFICE_ADMIN_PERMISSION}`],
  },
  {
    stack: 'apps',
    name: 'source_arn of an API in another account',
    reason: 'Lambda Developer Guide, "Granting function access to other accounts": the other account\'s API then invokes the function',
    mutate: (j) => (r(j, 'aws_lambda_permission', APPS_PERMISSION).source_arn = `arn:aws:execute-api:us-east-1:${FOREIGN}:a1b2c3d4e5/*/GET/*`),
    expect: [`LAMBDA-001 aws_lambda_permission.${APPS_PERMISSION}`],
  },
  {
    stack: 'apps',
    name: 'principal "*"',
    reason: 'Lambda Developer Guide, "Resource-based policies": "*" lets anyone with credentials invoke the function',
    mutate: (j) => Object.assign(r(j, 'aws_lambda_permission', APPS_PERMISSION), { principal: '*' }),
    expect: [`LAMBDA-001 aws_lambda_permission.${APPS_PERMISSION}`],
  },
  {
    stack: 'apps',
    name: 'an added permission for another account',
    reason: 'Lambda Developer Guide, "Granting function access to other accounts"',
    mutate: (j) => add(j, 'aws_lambda_permission', 'partner', { action: 'lambda:InvokeFunction', function_name: ref('aws_lambda_function.fn-apps_function_A20FB62C.function_name'), principal: FOREIGN }),
    expect: ['LAMBDA-001 aws_lambda_permission.partner'],
  },
  {
    stack: 'marketplace',
    name: 'Cognito may invoke the trigger for a user pool of another account',
    reason: 'Lambda Developer Guide, "Resource-based policies": SourceArn is the only thing that ties the service to this pool',
    mutate: (j) => (r(j, 'aws_lambda_permission', MARKETPLACE_PERMISSION).source_arn = `arn:aws:cognito-idp:us-east-1:${FOREIGN}:userpool/us-east-1_Attacker0`),
    expect: [`LAMBDA-001 aws_lambda_permission.${MARKETPLACE_PERMISSION}`],
  },
  {
    stack: 'office',
    name: 'source_account of another account',
    reason: 'Lambda API reference, AddPermission SourceAccount: the account whose resources may make the service call',
    mutate: (j) => (r(j, 'aws_lambda_permission', OFFICE_ADMIN_PERMISSION).source_account = FOREIGN),
    expect: [`LAMBDA-001 aws_lambda_permission.${OFFICE_ADMIN_PERMISSION}`],
  },
  {
    stack: 'office',
    name: 'a public function URL permission',
    reason: 'Lambda Developer Guide, "Function URLs": auth type NONE with principal "*" is a public endpoint',
    mutate: (j) =>
      add(j, 'aws_lambda_permission', 'url', {
        action: 'lambda:InvokeFunctionUrl',
        function_name: ref('aws_lambda_function.fn-user_function_C6E13932.function_name'),
        principal: '*',
        function_url_auth_type: 'NONE',
      }),
    expect: ['LAMBDA-001 aws_lambda_permission.url'],
  },

  // ---- Buckets, keys and tables ----
  {
    stack: 'state',
    name: 'state bucket policy lets everyone read objects',
    reason: 'S3 User Guide, "Bucket policy examples": Principal "*" grants anonymous access',
    mutate: (j) => {
      const policy = JSON.parse(r(j, 'aws_s3_bucket_policy', 'tls-only').policy);
      policy.Statement.push({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::office-rbac-tfstate/*' });
      r(j, 'aws_s3_bucket_policy', 'tls-only').policy = JSON.stringify(policy);
    },
    expect: ['S3-005 aws_s3_bucket_policy.tls-only'],
  },
  {
    stack: 'marketplace',
    name: 'product-images bucket policy lets another account write',
    reason: 'S3 User Guide, "Cross-account access": the bucket policy grant plus the other account\'s own policy suffice',
    mutate: (j) => {
      const policy = JSON.parse(r(j, 'aws_s3_bucket_policy', 'product-images-tls-only').policy);
      policy.Statement.push({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FOREIGN}:root` }, Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::marketplace-dev-product-images/*' });
      r(j, 'aws_s3_bucket_policy', 'product-images-tls-only').policy = JSON.stringify(policy);
    },
    expect: ['S3-005 aws_s3_bucket_policy.product-images-tls-only'],
  },
  {
    stack: 'state',
    name: 'public access block lets a public bucket policy take effect ("false" strings)',
    reason: 'S3 User Guide, "Blocking public access": block_public_policy and restrict_public_buckets stop public policies',
    mutate: (j) => Object.assign(r(j, 'aws_s3_bucket_public_access_block', 'public-access'), { block_public_policy: 'false', restrict_public_buckets: 'false' }),
    expect: ['S3-003 aws_s3_bucket.bucket'],
  },
  {
    stack: 'state',
    name: 'state bucket policy without the TLS deny',
    reason: 'S3 User Guide, "Security best practices": deny aws:SecureTransport false, or HTTP requests are served',
    mutate: (j) => (r(j, 'aws_s3_bucket_policy', 'tls-only').policy = doc([{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::office-rbac-tfstate' }])),
    expect: ['S3-004 aws_s3_bucket.bucket'],
  },
  {
    stack: 'marketplace',
    name: 'a KMS key whose policy lets everyone decrypt',
    reason: 'KMS Developer Guide, "Key policies": the key policy alone can grant use of the key',
    mutate: (j) => add(j, 'aws_kms_key', 'data', { description: 'images', policy: doc([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }]) }),
    expect: ['KMS-001 aws_kms_key.data'],
  },
  {
    stack: 'rows',
    name: 'a DynamoDB resource policy lets everyone put items',
    reason: 'DynamoDB Developer Guide, "Resource-based policies": Principal "*" grants every account',
    mutate: (j) =>
      add(j, 'aws_dynamodb_resource_policy', 'open', {
        resource_arn: ref('aws_dynamodb_table.table.arn'),
        policy: doc([{ Effect: 'Allow', Principal: '*', Action: 'dynamodb:PutItem', Resource: ref('aws_dynamodb_table.table.arn') }]),
      }),
    expect: ['DDB-003 aws_dynamodb_resource_policy.open'],
  },

  // ---- Self-escalation of group roles ----
  {
    stack: 'office',
    name: 'User role may add users to groups of its own pool',
    reason: 'Cognito API reference, AdminAddUserToGroup: the caller moves any user, itself included, into Admin',
    mutate: (j) => grant(j, 'role-User-invoke', [{ Effect: 'Allow', Action: 'cognito-idp:AdminAddUserToGroup', Resource: ref(`aws_cognito_user_pool.${USER_POOL}.arn`) }]),
    expect: [`RBAC-014 aws_iam_role.${ROLES.office.user}`],
  },
  {
    stack: 'marketplace',
    name: 'seller role may write an inline policy into its own role',
    reason: 'IAM API reference, PutRolePolicy: any permission can then be added to the role',
    mutate: (j) => grant(j, 'role-buyer-read', [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: `arn:aws:iam::${ACCOUNT}:role/marketplace-dev-*` }]),
    expect: [`RBAC-014 aws_iam_role.${ROLES.marketplace.buyer}`],
  },
  {
    stack: 'marketplace',
    name: 'buyer role may rewrite the post-confirmation function',
    reason: 'Lambda API reference, UpdateFunctionCode: new code runs with the function\'s role (it writes the users table)',
    mutate: (j) => grant(j, 'role-buyer-read', [{ Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: ref('aws_lambda_function.fn-post-confirmation_function_EF2842E1.arn') }]),
    expect: [`RBAC-014 aws_iam_role.${ROLES.marketplace.buyer}`],
  },
  {
    stack: 'apps',
    name: 'app01-B role may invoke the apps function directly',
    reason: 'Lambda API reference, Invoke: a direct invoke skips API Gateway and its IAM route check',
    mutate: (j) => grant(j, 'role-app01-B-invoke', [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: ref('aws_lambda_function.fn-apps_function_A20FB62C.arn') }]),
    expect: [`RBAC-014 aws_iam_role.${ROLES.apps.b}`],
  },
  {
    stack: 'apps',
    name: 'app01-A role may assume other roles',
    reason: 'STS API reference, AssumeRole: with the trust of another role allowing the account, the caller becomes that role',
    mutate: (j) => grant(j, 'role-app01-A-invoke', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCOUNT}:role/apps-dev-*` }]),
    expect: [`RBAC-014 aws_iam_role.${ROLES.apps.a}`],
  },
  {
    stack: 'rows',
    name: 'writers role may change the identity pool\'s roles',
    reason: 'Cognito API reference, SetIdentityPoolRoles: the caller rewires which role every user gets',
    mutate: (j) => grant(j, 'role-writers-table', [{ Effect: 'Allow', Action: 'cognito-identity:SetIdentityPoolRoles', Resource: ref(`aws_cognito_identity_pool.${POOL}.arn`) }]),
    expect: [`RBAC-014 aws_iam_role.${ROLES.rows.writers}`],
  },

  {
    stack: 'marketplace',
    name: 'buyer role reads every object of every bucket (a read, so IAM-002 does not apply)',
    reason: 'S3 User Guide, "Bucket policy examples": arn:aws:s3:::*/* is every object of every bucket of the account',
    mutate: (j) => grant(j, 'role-buyer-read', [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::*', 'arn:aws:s3:::*/*'] }]),
    expect: [`RBAC-016 aws_iam_role.${ROLES.marketplace.buyer}`],
  },
  {
    stack: 'rows',
    name: 'readers role scans every table of the account',
    reason: 'DynamoDB Developer Guide, "Identity-based policies": table/* is every table of the account and region',
    mutate: (j) => grant(j, 'role-readers-table', [{ Effect: 'Allow', Action: ['dynamodb:Scan', 'dynamodb:Query'], Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/*` }]),
    expect: [`RBAC-016 aws_iam_role.${ROLES.rows.readers}`],
  },

  // ---- Managed policies, judged by their documents ----
  {
    stack: 'office',
    name: 'AdministratorAccess on the User role via managed_policy_arns',
    reason: 'IAM User Guide, "AWS managed policies for job functions": AdministratorAccess allows * on *',
    mutate: (j) => (r(j, 'aws_iam_role', ROLES.office.user).managed_policy_arns = ['arn:aws:iam::aws:policy/AdministratorAccess']),
    expect: [`IAM-001 aws_iam_role.${ROLES.office.user}`, `RBAC-014 aws_iam_role.${ROLES.office.user}`],
  },
  {
    stack: 'marketplace',
    name: 'AmazonS3FullAccess on the buyer role via aws_iam_policy_attachment',
    reason: 'AWS managed policy AmazonS3FullAccess: s3:* on every bucket of the account',
    mutate: (j) =>
      add(j, 'aws_iam_policy_attachment', 's3-full', { name: 's3-full', roles: [ref(`aws_iam_role.${ROLES.marketplace.buyer}.name`)], policy_arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }),
    expect: ['IAM-001 aws_iam_policy_attachment.s3-full'],
  },
  {
    stack: 'office',
    name: 'PowerUserAccess on the Admin role via aws_iam_role_policy_attachments_exclusive',
    reason: 'AWS managed policy PowerUserAccess: NotAction iam/organizations/account, i.e. everything else',
    mutate: (j) =>
      add(j, 'aws_iam_role_policy_attachments_exclusive', 'admin', { role_name: ref(`aws_iam_role.${ROLES.office.admin}.name`), policy_arns: ['arn:aws:iam::aws:policy/PowerUserAccess'] }),
    expect: ['IAM-001 aws_iam_role_policy_attachments_exclusive.admin'],
  },
  {
    stack: 'rows',
    name: 'an AWS managed policy the catalogue does not know on the readers role',
    reason: 'IAM User Guide, "Managed policies": what it grants is its document; an unknown one could grant anything',
    mutate: (j) => add(j, 'aws_iam_role_policy_attachment', 'unknown', { role: ref(`aws_iam_role.${ROLES.rows.readers}.name`), policy_arn: 'arn:aws:iam::aws:policy/NotARealPolicyName' }),
    expect: ['IAM-003 aws_iam_role_policy_attachment.unknown'],
  },
  {
    stack: 'rows',
    name: 'a customer managed policy with writes on every table',
    reason: 'IAM User Guide, "Grant least privilege": table/* reaches every table of the account',
    mutate: (j) => {
      add(j, 'aws_iam_policy', 'all-tables', { name: 'all-tables', policy: doc([{ Effect: 'Allow', Action: 'dynamodb:DeleteTable', Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/*` }]) });
      add(j, 'aws_iam_role_policy_attachment', 'all-tables', { role: ref(`aws_iam_role.${ROLES.rows.writers}.name`), policy_arn: ref('aws_iam_policy.all-tables.arn') });
    },
    expect: ['IAM-002 aws_iam_policy.all-tables'],
  },
  {
    stack: 'marketplace',
    name: 'a write allowed through NotResource (planted mistake: NotResource ignored)',
    reason: 'IAM User Guide, "NotResource": Allow with NotResource allows every resource not listed',
    mutate: (j) => grant(j, 'role-buyer-read', [{ Effect: 'Allow', Action: 'dynamodb:PutItem', NotResource: 'arn:aws:dynamodb:us-east-1:123456789012:table/marketplace-dev-users' }]),
    expect: [`IAM-002 aws_iam_role_policy.role-buyer-read`],
  },
  {
    stack: 'office',
    name: 'execute-api:Invoke on arn:aws:execute-api:*:*:*',
    reason: 'API Gateway Developer Guide, "Control access with IAM": the wildcard ARN is every API, stage and route of every account',
    mutate: (j) => grant(j, 'role-User-invoke', [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:*' }]),
    expect: ['IAM-002 aws_iam_role_policy.role-User-invoke'],
  },

  // ---- App clients and the user pool ----
  {
    stack: 'office',
    name: 'app client allows USER_PASSWORD_AUTH',
    reason: 'Cognito Developer Guide, "Authentication flows": USER_PASSWORD_AUTH sends the password itself',
    mutate: (j) => r(j, 'aws_cognito_user_pool_client', CLIENT).explicit_auth_flows.push('ALLOW_USER_PASSWORD_AUTH'),
    expect: [`COG-006 aws_cognito_user_pool_client.${CLIENT}`],
  },
  {
    stack: 'rows',
    name: 'refresh tokens valid for ten years ("3650")',
    reason: 'Cognito Developer Guide, "Refresh tokens": each refresh yields new tokens, hence new AWS credentials',
    mutate: (j) => (r(j, 'aws_cognito_user_pool_client', CLIENT).refresh_token_validity = '3650'),
    expect: [`COG-006 aws_cognito_user_pool_client.${CLIENT}`],
  },
  {
    stack: 'marketplace',
    name: 'token revocation off, written as "false"',
    reason: 'Cognito Developer Guide, "Revoking tokens": with revocation off, signing a user out does not end the refresh token',
    mutate: (j) => (r(j, 'aws_cognito_user_pool_client', CLIENT).enable_token_revocation = 'false'),
    expect: [`COG-006 aws_cognito_user_pool_client.${CLIENT}`],
  },
  {
    stack: 'apps',
    name: 'password policy as a list block with minimum length "6"',
    reason: 'Cognito Developer Guide, "Password policies": short passwords guard AWS credentials',
    mutate: (j) => (r(j, 'aws_cognito_user_pool', USER_POOL).password_policy = [{ minimum_length: '6', require_lowercase: true, require_uppercase: true, require_numbers: true, require_symbols: true }]),
    expect: [`COG-001 aws_cognito_user_pool.${USER_POOL}`],
  },

  // ---- Suppressions written into the JSON by hand ----
  {
    stack: 'office',
    name: 'a hand-written suppression tries to hide an open method',
    reason: 'Only suppress() in code is reviewed; the JSON is an output',
    mutate: (j) => {
      const method = r(j, 'aws_api_gateway_method', OFFICE_ADMIN_METHOD);
      method.authorization = 'NONE';
      method['//'] = { ...(method['//'] ?? {}), suppressions: [{ rule: 'APIG-001', reason: 'public by design, trust me' }] };
    },
    expect: [`APIG-001 aws_api_gateway_method.${OFFICE_ADMIN_METHOD}`, `GUARD-003 aws_api_gateway_method.${OFFICE_ADMIN_METHOD}`],
  },
  {
    stack: 'state',
    name: 'a hand-written suppression on a public bucket policy',
    reason: 'Only suppress() in code is reviewed; the JSON is an output',
    mutate: (j) => {
      const policy = r(j, 'aws_s3_bucket_policy', 'tls-only');
      policy.policy = doc([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::office-rbac-tfstate/*' }]);
      policy['//'] = { suppressions: [{ rule: 'S3-005', reason: 'public state bucket, accepted risk' }] };
    },
    expect: ['S3-005 aws_s3_bucket_policy.tls-only', 'GUARD-003 aws_s3_bucket_policy.tls-only'],
  },
  {
    stack: 'office',
    name: 'a resource type the model does not read (an IAM user with an admin policy)',
    reason: 'IAM User Guide, "IAM users": a user with AdministratorAccess holds long-lived keys to everything',
    mutate: (j) => {
      add(j, 'aws_iam_user', 'backdoor', { name: 'backdoor' });
      add(j, 'aws_iam_user_policy_attachment', 'backdoor', { user: ref('aws_iam_user.backdoor.name'), policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    },
    expect: ['MODEL-001 aws_iam_user.backdoor', 'MODEL-001 aws_iam_user_policy_attachment.backdoor'],
  },
];

