import { SimUser, Simulator } from '../../access/simulate';
import { modelOf } from '../support/model';
import { IDENTITY_POOL_ID, policyDoc, webIdentityTrust } from '../support/policy-docs';

/*
 * An AWS action on a bucket is decided by the caller's policies together with the bucket policy (IAM User Guide,
 * "Policy evaluation logic": within one account, an Allow in either suffices and an explicit Deny in either wins).
 */
const POOL = IDENTITY_POOL_ID;
const doc = policyDoc;

function sim(bucketPolicy: string, rolePolicy = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::fx-data/*' })): Simulator {
  return new Simulator(
    modelOf({
      provider: { aws: [{ region: 'us-east-1' }] },
      resource: {
        aws_cognito_user_pool: { users: { name: 'fx-users' } },
        aws_cognito_user_pool_client: { client: { name: 'app', user_pool_id: '${aws_cognito_user_pool.users.id}' } },
        aws_cognito_user_group: { staff: { name: 'Staff', user_pool_id: '${aws_cognito_user_pool.users.id}', precedence: 0, role_arn: '${aws_iam_role.staff.arn}' } },
        aws_cognito_identity_pool: {
          ids: { identity_pool_name: 'fx', cognito_identity_providers: [{ client_id: '${aws_cognito_user_pool_client.client.id}', provider_name: '${aws_cognito_user_pool.users.endpoint}' }] },
        },
        aws_cognito_identity_pool_roles_attachment: {
          roles: {
            identity_pool_id: POOL,
            role_mapping: [{ identity_provider: '${aws_cognito_user_pool.users.endpoint}:${aws_cognito_user_pool_client.client.id}', type: 'Token', ambiguous_role_resolution: 'Deny' }],
          },
        },
        aws_iam_role: {
          staff: {
            name: 'fx-Staff',
            assume_role_policy: webIdentityTrust('authenticated'),
          },
        },
        aws_iam_role_policy: { staff: { name: 'read', role: '${aws_iam_role.staff.id}', policy: rolePolicy } },
        aws_s3_bucket: { data: { bucket: 'fx-data' } },
        aws_s3_bucket_policy: { data: { bucket: '${aws_s3_bucket.data.id}', policy: bucketPolicy } },
      },
    }),
  );
}

const staff: SimUser = { name: 'sam', groups: ['Staff'] };
const get = (s: Simulator, context: Record<string, string> = {}) =>
  s.authorizeAction(staff, { action: 's3:GetObject', resource: 'arn:aws:s3:::fx-data/report.csv', context });
const TLS_ONLY = doc({
  Sid: 'TlsOnly',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::fx-data', 'arn:aws:s3:::fx-data/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

test('the bucket policy’s explicit Deny wins over the role’s Allow: a request without TLS is refused', () => {
  expect(get(sim(TLS_ONLY)).decision).toBe('allowed'); // the session's requests are HTTPS (aws:SecureTransport true)
  const plain = get(sim(TLS_ONLY), { 'aws:SecureTransport': 'false' });
  expect([plain.decision, plain.matched.map((m) => m.sid)]).toEqual(['explicitDeny', ['TlsOnly']]);
});

test('a same-account bucket policy that names the role grants without any identity Allow', () => {
  const none = doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' });
  const namesRole = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/fx-Staff' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::fx-data/*' });
  expect(get(sim(TLS_ONLY, none)).decision).toBe('implicitDeny');
  expect(get(sim(namesRole, none)).decision).toBe('allowed');
});

test('objects of other buckets are not governed by this bucket’s policy', () => {
  const denyAll = doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::fx-data', 'arn:aws:s3:::fx-data/*'] });
  const both = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
  expect(get(sim(denyAll, both)).decision).toBe('explicitDeny');
  expect(sim(denyAll, both).authorizeAction(staff, { action: 's3:GetObject', resource: 'arn:aws:s3:::fx-data-archive/x' }).decision).toBe('allowed');
});
