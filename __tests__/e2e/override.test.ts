import { e2eOverride } from '../../e2e/override';
import { readOutputs } from '../../e2e/deploy-stack';
import { remoteStateProblems, StateObjectFacts } from '../../e2e/remote-state';

const ENDPOINT = 'https://127.0.0.1:4566';

/** The shape of a synthesized app stack on the S3 backend (stacks/constructs/backend.ts useStateBackend). */
const officeLike = {
  terraform: { backend: { s3: { bucket: 'b', key: 'office/office.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } } },
  resource: {
    aws_cognito_user_pool: { users_pool: { name: 'p', deletion_protection: 'ACTIVE' } },
    aws_iam_role: { r: { name: 'r' } },
  },
};

describe('e2eOverride: what the e2e changes in a stack, and nothing else', () => {
  test('the S3 backend keeps bucket, key, encrypt and use_lockfile as synthesized; only where and how to connect is added', () => {
    const override = e2eOverride(officeLike, { endpoint: ENDPOINT, backend: 's3' }) as { terraform: { backend: { s3: Record<string, unknown> } } };
    expect(override.terraform.backend.s3).toEqual({
      bucket: 'b',
      key: 'office/office.tfstate',
      region: 'us-east-1',
      encrypt: true,
      use_lockfile: true,
      endpoints: { s3: ENDPOINT, sts: ENDPOINT, iam: ENDPOINT },
      use_path_style: true,
      access_key: 'e2e-moto-only',
      secret_key: 'e2e-moto-only',
    });
  });

  test('deletion protection is turned off only on the resources that have it; other resources are not touched', () => {
    const override = e2eOverride(officeLike, { endpoint: ENDPOINT, backend: 'local' }) as { resource: Record<string, unknown>; terraform: unknown };
    expect(override.resource).toEqual({ aws_cognito_user_pool: { users_pool: { deletion_protection: 'INACTIVE' } } });
    expect(override.terraform).toEqual({ backend: { local: { path: 'terraform.tfstate' } } });
  });

  test('every service the stacks call goes to the one endpoint given', () => {
    const override = e2eOverride(officeLike, { endpoint: ENDPOINT, backend: 'local' }) as { provider: { aws: { endpoints: Record<string, string> } } };
    expect(Object.keys(override.provider.aws.endpoints).sort()).toEqual(
      ['apigateway', 'cloudwatchlogs', 'cognitoidentity', 'cognitoidp', 'dynamodb', 'iam', 'kms', 'lambda', 's3', 'sts'],
    );
    expect(new Set(Object.values(override.provider.aws.endpoints))).toEqual(new Set([ENDPOINT]));
  });

  test('asking for the S3 backend on a stack without one is an error, not a silent local state', () => {
    expect(() => e2eOverride({ resource: {} }, { endpoint: ENDPOINT, backend: 's3' })).toThrow('e2e override: the stack has no S3 backend to point at moto');
  });
});

describe('readOutputs: every synthesized output present after apply', () => {
  test('a missing or empty output fails with its name', () => {
    const raw = { region: { value: 'us-east-1' }, user_pool_id: { value: '' }, group_role_arns: { value: { A: 'arn:a' } } };
    expect(() => readOutputs('office', raw, ['region', 'user_pool_id', 'identity_pool_id', 'group_role_arns'])).toThrow(
      'office: outputs missing or empty after apply: user_pool_id, identity_pool_id',
    );
  });

  test('strings and maps of strings are returned as applied', () => {
    const raw = { region: { value: 'us-east-1' }, group_role_arns: { value: { A: 'arn:a' } } };
    expect(readOutputs('apps', raw, ['region', 'group_role_arns'])).toEqual({ region: 'us-east-1', group_role_arns: { A: 'arn:a' } });
  });
});

describe('remoteStateProblems: what the S3 backend proof demands', () => {
  const good: StateObjectFacts = { status: 200, encryption: 'AES256', versionId: 'v1', lockStatus: 404, plainHttpStatus: 403 };

  test('a backend that behaved has no problem', () => {
    expect(remoteStateProblems(good, 3)).toEqual([]);
  });

  test('each broken fact is named', () => {
    const bad: StateObjectFacts = { status: 404, encryption: undefined, versionId: 'null', lockStatus: 200, plainHttpStatus: 200 };
    expect(remoteStateProblems(bad, 0)).toEqual([
      'the state object is not in the bucket (HEAD 404)',
      'the state object is not encrypted with SSE-S3 (x-amz-server-side-encryption: none)',
      'the state object has no version id: the bucket is not versioned',
      'the lock file never appeared during apply (use_lockfile)',
      'the lock file is still there after apply (HEAD 200)',
      'a plain-HTTP GET of the state object got 200, not 403 (TLS-only bucket policy)',
    ]);
  });
});
