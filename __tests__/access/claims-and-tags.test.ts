import { ruleMatches } from '../../access/identity-pool';
import { roleView } from '../../access/role-policies';
import { allowsTagSession, WebIdentity } from '../../access/trust';
import { issueIdToken, UserPoolView } from '../../access/user-pool';
import type { MappingRule, UserPool } from '../../model';
import { modelOf } from '../support/model';

const USER = 'arn:aws:iam::123456789012:role/fx-User';

test('StartsWith on a list claim matches when one value starts with the rule value, not only when all do', () => {
  // Cognito developer guide, "Using rule-based mapping": a rule compares the claim with StartsWith; for a
  // multi-valued claim such as cognito:groups any one value may satisfy it.
  const rule: MappingRule = { claim: 'cognito:groups', matchType: 'StartsWith', value: 'Eng', roleArn: USER, field: 'f' };
  expect(ruleMatches(rule, ['Sales', 'Engineering'])).toBe(true);
  expect(ruleMatches(rule, ['Sales', 'Legal'])).toBe(false);
});

test('an attribute named cognito:* never becomes a cognito:* claim: Cognito writes those from its own records', () => {
  // Cognito developer guide, "Understanding the identity (ID) token": cognito:groups, cognito:roles and
  // cognito:preferred_role come from the user's group memberships; a user with no group has none of them.
  const pool = { type: 'aws_cognito_user_pool', name: 'users', address: 'aws_cognito_user_pool.users', suppressions: [] } as unknown as UserPool;
  const view: UserPoolView = { pool, poolId: 'us-east-1_AbCdEfGhI', providerName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI', clientId: 'client', groups: [] };
  const token = issueIdToken(view, 'mallory', [], { 'cognito:groups': 'Admin', 'cognito:preferred_role': USER, 'custom:dept': 'ops' });
  expect(token['cognito:groups']).toBeUndefined();
  expect(token['cognito:preferred_role']).toBeUndefined();
  expect(token['custom:dept']).toBe('ops');
});

test('sts:TagSession is judged with aws:RequestTag/<key> for each session tag', () => {
  // IAM User Guide, "Passing session tags in AWS STS": a trust policy can limit the tags a session may carry with
  // the aws:RequestTag/<key> and aws:TagKeys condition keys.
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
      { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:TagSession', Condition: { StringEquals: { 'aws:RequestTag/dept': 'ops' } } },
    ],
  });
  const stack = modelOf({ provider: { aws: [{ region: 'us-east-1' }] }, resource: { aws_iam_role: { r: { name: 'fx-r', assume_role_policy: trust } } } });
  const role = roleView(stack.roles[0]!);
  const identity: WebIdentity = { identityPoolId: 'us-east-1:11111111-2222-4333-a444-555555555555', identityId: 'us-east-1:1', providerName: 'cognito-idp.us-east-1.amazonaws.com/p', userSub: 's' };
  expect(allowsTagSession(role, identity, { dept: 'ops' }).decision).toBe('allowed');
  expect(allowsTagSession(role, identity, { dept: 'sales' }).decision).toBe('implicitDeny');
});
