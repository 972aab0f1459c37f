import { compilePolicy, evaluate, type PolicyKind, type Request } from '../../access/iam';
import { ACCOUNT } from './helpers';

const ROLE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/App/run-1`;
const caller = { type: 'AWS' as const, id: ROLE_SESSION };
const policy = (name: string, kind: PolicyKind, ...statements: object[]) =>
  compilePolicy({ Version: '2012-10-17', Statement: statements }, name, kind);
const allowAll = policy('admin', 'identity', { Effect: 'Allow', Action: '*', Resource: '*' });
const denyAll = policy('deny-all', 'identity', { Sid: 'Nothing', Effect: 'Deny', Action: '*', Resource: '*' });

describe('sts:GetCallerIdentity', () => {
  // Rule (AWS STS API Reference, GetCallerIdentity): "No permissions are required to perform this operation. If an
  // administrator attaches a policy to your identity that explicitly denies access to the sts:GetCallerIdentity
  // action, you can still perform this operation."
  const reason = 'needs no permission, and no Deny can refuse it (AWS STS API Reference, GetCallerIdentity)';

  it('is allowed with no policy at all and under an explicit deny', () => {
    for (const action of ['sts:GetCallerIdentity', 'STS:getcalleridentity']) {
      const request: Request = { action, resource: '*', principal: caller };
      expect(evaluate(request, { identity: [] })).toEqual({ decision: 'allowed', matched: [], reasons: [`${action} ${reason}`] });
      expect(evaluate(request, { identity: [denyAll] }).decision).toBe('allowed');
    }
  });

  it('does not extend to other STS actions', () => {
    expect(evaluate({ action: 'sts:GetSessionToken', resource: '*', principal: caller }, { identity: [allowAll, denyAll] }).decision).toBe('explicitDeny');
  });
});

describe('KMS key policies', () => {
  // Rule (AWS KMS Developer Guide, Key policies in AWS KMS): "Unless the key policy explicitly allows it, you
  // cannot use IAM policies to allow access to a KMS key. Without permission from the key policy, IAM policies
  // that allow permissions have no effect. (You can use an IAM policy to deny a permission to a KMS key without
  // permission from a key policy.)"
  const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const decrypt: Request = { action: 'kms:Decrypt', resource: KEY, principal: caller };
  const mayDecrypt = policy('may-decrypt', 'identity', { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY });
  const keyPolicy = (principal: unknown) =>
    policy('key-policy', 'resource', { Sid: 'Key', Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*' });

  it('ignores an identity allow when no key policy allows', () => {
    expect(evaluate(decrypt, { identity: [mayDecrypt] })).toEqual({
      decision: 'implicitDeny',
      matched: [],
      reasons: [`policy "may-decrypt" Statement[0] allows kms:Decrypt on ${KEY}`, `no key policy was given for ${KEY}, and IAM policies alone cannot allow access to a KMS key`],
    });
    const someoneElse = keyPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:role/Other` });
    expect(evaluate(decrypt, { identity: [mayDecrypt], resource: someoneElse }).reasons.at(-1)).toBe(
      `no statement in key policy "key-policy" allows AWS principal ${ROLE_SESSION} to perform kms:Decrypt`,
    );
  });

  it('lets IAM policies work once the key policy delegates to the account', () => {
    // Rule (Default key policy): the statement "Allows access to the AWS account and enables IAM policies" names
    // the account, "arn:aws:iam::111122223333:root".
    const enableIam = keyPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
    expect(evaluate(decrypt, { identity: [mayDecrypt], resource: enableIam }).decision).toBe('allowed');
    expect(evaluate(decrypt, { identity: [], resource: enableIam }).reasons.at(-1)).toBe(
      `key policy "key-policy" names only the account of AWS principal ${ROLE_SESSION}, and no identity-based policy allows kms:Decrypt on ${KEY}`,
    );
  });

  it('allows on its own when it names the caller or its role', () => {
    expect(evaluate(decrypt, { identity: [], resource: keyPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:role/App` }) }).decision).toBe('allowed');
    expect(evaluate(decrypt, { identity: [], resource: keyPolicy({ AWS: ROLE_SESSION }) }).decision).toBe('allowed');
  });

  it('honours an IAM deny without a key policy', () => {
    expect(evaluate(decrypt, { identity: [denyAll] }).decision).toBe('explicitDeny');
  });

  it('leaves actions that involve no key to IAM policies', () => {
    // Rule (Using IAM policies with AWS KMS): "IAM policies are particularly useful for controlling access to
    // operations, such as CreateKey, that can't be controlled by a key policy because they don't involve any
    // particular KMS key."
    expect(evaluate({ action: 'kms:CreateKey', resource: '*', principal: caller }, { identity: [allowAll] }).decision).toBe('allowed');
  });

  it('needs the key policy and the identity policy across accounts', () => {
    const foreign = { type: 'AWS' as const, id: 'arn:aws:iam::999999999999:user/Ann' };
    const trustsForeign = keyPolicy({ AWS: '999999999999' });
    expect(evaluate({ ...decrypt, principal: foreign }, { identity: [mayDecrypt], resource: trustsForeign }).decision).toBe('allowed');
    expect(evaluate({ ...decrypt, principal: foreign }, { identity: [], resource: trustsForeign }).decision).toBe('implicitDeny');
  });
});

describe('changes AWS reserves for itself', () => {
  const change = (action: string, resource: string, identity = [allowAll]) => evaluate({ action, resource, principal: caller }, { identity });

  it('refuses to create, update or delete alias/aws/ aliases', () => {
    // Rule (AWS KMS Developer Guide, Create aliases): "The alias name for a customer managed key cannot begin with
    // alias/aws/. The alias/aws/ prefix is reserved for AWS managed key."
    const awsAlias = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/s3`;
    for (const action of ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias']) {
      expect(change(action, awsAlias)).toEqual({
        decision: 'implicitDeny',
        matched: [],
        reasons: [
          `policy "admin" Statement[0] allows ${action} on ${awsAlias}`,
          `${awsAlias} is an alias/aws/ alias, reserved for AWS managed keys: customers cannot create, update or delete it`,
        ],
      });
      expect(change(action, `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app/s3`).decision).toBe('allowed');
    }
    // An explicit Deny is still reported as one.
    expect(change('kms:DeleteAlias', awsAlias, [allowAll, denyAll]).decision).toBe('explicitDeny');
  });

  it('refuses to change AWS managed policies, but not to read or attach them', () => {
    // Rule (AWS managed policies): "You cannot change the permissions defined in AWS managed policies."
    const managed = 'arn:aws:iam::aws:policy/AdministratorAccess';
    for (const action of ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:SetDefaultPolicyVersion', 'iam:TagPolicy']) {
      expect(change(action, managed).reasons.at(-1)).toBe(`${managed} is an AWS managed policy: customers cannot change it`);
      expect(change(action, `arn:aws:iam::${ACCOUNT}:policy/team`).decision).toBe('allowed');
    }
    expect(change('iam:GetPolicyVersion', managed).decision).toBe('allowed');
  });

  it('refuses to change roles under the aws-reserved path', () => {
    // IAM refuses with "Cannot perform the operation on the protected role ... this role is only modifiable by
    // AWS" (AWS re:Post Knowledge Center: resolve the IAM error "Cannot perform the operation on the protected
    // role AWSReservedSSO").
    const reserved = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`;
    for (const action of ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole']) {
      expect(change(action, reserved).reasons.at(-1)).toBe(`${reserved} is under the aws-reserved path: the role is only modifiable by AWS`);
      expect(change(action, `arn:aws:iam::${ACCOUNT}:role/app/Admin`).decision).toBe('allowed');
    }
    expect(change('iam:GetRole', reserved).decision).toBe('allowed');
  });
});
