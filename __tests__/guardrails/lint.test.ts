import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatLintFinding, lintPolicyVersion } from '../../guardrails/lint';
import { listPolicyVersions, POLICIES_ROOT } from '../../policies/loader';

describe('policy template lint', () => {
  it.each(listPolicyVersions().map((v) => [v]))('policies/%s is clean', async (version) => {
    expect((await lintPolicyVersion(version)).map(formatLintFinding)).toEqual([]);
  });

  /** A copy of v1 in a temp root with one template replaced. */
  function variant(file: string, document: object): { root: string; shown: string } {
    const root = mkdtempSync(join(tmpdir(), 'guardrails-lint-'));
    cpSync(join(POLICIES_ROOT, 'v1'), join(root, 'v1'), { recursive: true });
    writeFileSync(join(root, 'v1', file), JSON.stringify(document, null, 2));
    return { root, shown: relative(process.cwd(), join(root, 'v1', file)) };
  }
  const v1 = (file: string) => JSON.parse(readFileSync(join(POLICIES_ROOT, 'v1', file), 'utf8'));

  it('names the file and field of an unknown action (execute-api:Invok)', async () => {
    const doc = v1('group-permissions.json');
    doc.Statement[0].Action = 'execute-api:Invok';
    const { root, shown } = variant('group-permissions.json', doc);
    expect((await lintPolicyVersion('v1', root)).map(formatLintFinding)).toEqual([
      `${shown}: Statement[0].Action: unknown action "execute-api:Invok" (no such action in service execute-api)`,
    ]);
  });

  it('requires a wildcard action to match at least one real action', async () => {
    const doc = v1('lambda-execution.json');
    doc.Statement[0].Action = ['logs:*', 'logs:PutLogEventz*'];
    const { root, shown } = variant('lambda-execution.json', doc);
    expect(await lintPolicyVersion('v1', root)).toEqual([
      { file: shown, field: 'Statement[0].Action[1]', message: '"logs:PutLogEventz*" matches no logs action' },
    ]);
  });

  it('flags an unknown condition key, and a real key that never applies to the statement\'s actions', async () => {
    const doc = v1('group-permissions.json');
    doc.Statement[0].Condition = {
      StringEquals: { 'execute-api:Stagee': 'api' },
      StringLike: { 's3:prefix': 'x/*' },
    };
    const { root, shown } = variant('group-permissions.json', doc);
    expect((await lintPolicyVersion('v1', root)).map(formatLintFinding)).toEqual([
      `${shown}: Statement[0].Condition.StringEquals.execute-api:Stagee: unknown condition key "execute-api:Stagee": this condition can never match`,
      `${shown}: Statement[0].Condition.StringLike.s3:prefix: condition key "s3:prefix" is never set for execute-api:Invoke: this statement can never match`,
    ]);
  });

  it('accepts the identity-pool keys in trust and identity policies, and global keys anywhere', async () => {
    const doc = v1('group-permissions.json');
    doc.Statement[0].Condition = {
      StringEquals: { 'cognito-identity.amazonaws.com:sub': '${cognito-identity.amazonaws.com:sub}', 'aws:PrincipalTag/team': 'ops' },
    };
    const { root } = variant('group-permissions.json', doc);
    expect(await lintPolicyVersion('v1', root)).toEqual([]);
  });

  it('checks the identity-pool keys in a trust policy against the catalogue (set for AssumeRoleWithWebIdentity, not SAML)', async () => {
    const doc = v1('service-trust.json');
    doc.Statement[0].Action = 'sts:AssumeRoleWithSAML';
    doc.Statement[0].Condition = { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:pool', 'aws:SourceAccount': '{{account}}' } };
    const { root, shown } = variant('service-trust.json', doc);
    expect((await lintPolicyVersion('v1', root)).map(formatLintFinding)).toEqual([
      `${shown}: Statement[0].Condition.StringEquals.cognito-identity.amazonaws.com:aud: condition key "cognito-identity.amazonaws.com:aud" is never set for sts:AssumeRoleWithSAML: this statement can never match`,
    ]);
  });

  it('rejects policy variables under Version 2008-10-17', async () => {
    const doc = v1('group-permissions.json');
    doc.Version = '2008-10-17';
    doc.Statement[0].Resource = '{{executionArn}}/*/{{routes}}/${aws:username}';
    const { root, shown } = variant('group-permissions.json', doc);
    expect((await lintPolicyVersion('v1', root)).map(formatLintFinding)).toEqual([
      `${shown}: Statement[0].Resource: policy variable "\${aws:username}" needs "Version": "2012-10-17" (without it IAM reads it as literal text)`,
    ]);
  });

  it('reports an unknown condition operator through the IAM evaluator', async () => {
    const doc = v1('trust.json');
    doc.Statement[0].Condition = { StringEqualz: doc.Statement[0].Condition.StringEquals };
    const { root, shown } = variant('trust.json', doc);
    expect((await lintPolicyVersion('v1', root)).map(formatLintFinding)).toEqual([
      `${shown}: Statement[0].Condition.StringEqualz: unknown condition operator "StringEqualz"`,
    ]);
  });

  it('reports the loader\'s own template errors (missing placeholder) with file and field', async () => {
    const doc = v1('trust.json');
    doc.Statement[0].Condition.StringEquals['cognito-identity.amazonaws.com:aud'] = 'us-east-1:fixed';
    const { root, shown } = variant('trust.json', doc);
    expect((await lintPolicyVersion('v1', root)).map(formatLintFinding)).toEqual([
      `${shown}: placeholders: missing required placeholder {{identityPoolId}}`,
    ]);
  });
});
