import { runEvalCases } from '../../access/eval-cases';
import { API } from './helpers';

const invokeUser = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API}/*/GET/user` } };
const base = { action: 'execute-api:Invoke', resource: `${API}/api/GET/user` };

describe('runEvalCases', () => {
  it('decides each case with the policies it carries', () => {
    const cases = [
      { id: 'identity-allows', identityPolicies: [invokeUser], ...base },
      { id: 'no-policy', ...base },
      { id: 'as-json-text', identityPolicies: [JSON.stringify(invokeUser)], ...base },
      {
        id: 'boundary-blocks',
        identityPolicies: [invokeUser],
        permissionsBoundaries: [{ Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }],
        ...base,
      },
      {
        id: 'session-denies',
        identityPolicies: [invokeUser],
        sessionPolicies: [{ Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }],
        ...base,
      },
      {
        id: 'resource-policy-allows-arn-principal',
        resourcePolicy: { Statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/ops' }, Action: '*', Resource: '*' } },
        principal: 'arn:aws:iam::123456789012:user/ops',
        ...base,
      },
      {
        id: 'trust-with-context',
        resourcePolicy: {
          Version: '2012-10-17',
          Statement: {
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
          },
        },
        principal: { Federated: 'cognito-identity.amazonaws.com' },
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: 'arn:aws:iam::123456789012:role/office-User',
        context: { 'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp'] },
      },
    ];
    expect(runEvalCases(cases, 'cases.json')).toEqual([
      { id: 'identity-allows', decision: 'allowed' },
      { id: 'no-policy', decision: 'implicitDeny' },
      { id: 'as-json-text', decision: 'allowed' },
      { id: 'boundary-blocks', decision: 'implicitDeny' },
      { id: 'session-denies', decision: 'explicitDeny' },
      { id: 'resource-policy-allows-arn-principal', decision: 'allowed' },
      { id: 'trust-with-context', decision: 'allowed' },
    ]);
  });

  it('reads a resource policy for an STS action as a trust policy', () => {
    // Rule (AWS JSON policy elements: NotPrincipal): "You cannot use the NotPrincipal element in ... an IAM role
    // trust policy" - accepted in the same case for a non-STS action, refused for sts:AssumeRole.
    const notPrincipal = { Statement: { Effect: 'Deny', NotPrincipal: { AWS: '123456789012' }, Action: '*', Resource: '*' } };
    expect(
      runEvalCases(
        [
          { id: 'resource', resourcePolicy: notPrincipal, principal: 'arn:aws:iam::999999999999:user/x', ...base },
          { id: 'trust', resourcePolicy: notPrincipal, principal: 'arn:aws:iam::999999999999:user/x', action: 'sts:AssumeRole', resource: 'arn:aws:iam::123456789012:role/r' },
        ],
        'cases.json',
      ),
    ).toEqual([
      { id: 'resource', decision: 'explicitDeny' },
      { id: 'trust', error: 'policy "resourcePolicy": Statement.NotPrincipal: not allowed in a trust policy' },
    ]);
  });

  it("takes the caller's account from the principal and the resource's from its ARN or resourceAccount", () => {
    // Rule (Cross-account policy evaluation logic): a request from another account needs an allow in the caller's
    // identity policies and in the resource policy; within one account either is enough (Policy evaluation logic).
    const bucketPolicy = { Statement: { Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' } };
    const mayRead = { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } };
    const get = { action: 's3:GetObject', resource: 'arn:aws:s3:::shared/a.txt', principal: 'arn:aws:iam::444455556666:user/ann' };
    expect(
      runEvalCases(
        [
          { id: 'foreign-resource-only', resourcePolicy: bucketPolicy, resourceAccount: '123456789012', ...get },
          { id: 'foreign-both', identityPolicies: [mayRead], resourcePolicy: bucketPolicy, resourceAccount: '123456789012', ...get },
          { id: 'same-account-delegation', identityPolicies: [mayRead], resourcePolicy: bucketPolicy, resourceAccount: '444455556666', ...get },
          { id: 'api-in-other-account', identityPolicies: [invokeUser], principal: 'arn:aws:sts::444455556666:assumed-role/r/s', ...base },
        ],
        'cases.json',
      ),
    ).toEqual([
      { id: 'foreign-resource-only', decision: 'implicitDeny' },
      { id: 'foreign-both', decision: 'allowed' },
      { id: 'same-account-delegation', decision: 'allowed' },
      { id: 'api-in-other-account', decision: 'implicitDeny' },
    ]);
  });

  it('answers a malformed policy with the PolicyError for that case only', () => {
    const typo = { Version: '2012-10-17', Statement: [invokeUser.Statement, { ...invokeUser.Statement, Effect: 'Alow' }] };
    expect(
      runEvalCases(
        [
          { id: 'broken', identityPolicies: [invokeUser, typo], ...base },
          { id: 'fine', identityPolicies: [invokeUser], ...base },
          { id: 'broken-boundary', identityPolicies: [invokeUser], permissionsBoundaries: ['{not json'], ...base },
        ],
        'cases.json',
      ),
    ).toEqual([
      { id: 'broken', error: 'policy "identityPolicies[1]": Statement[1].Effect: unknown Effect "Alow"' },
      { id: 'fine', decision: 'allowed' },
      { id: 'broken-boundary', error: expect.stringMatching(/^policy "permissionsBoundaries\[0\]": document is not valid JSON \(.+\)$/) },
    ]);
  });

  it.each<[string, unknown, string]>([
    ['a file that is not an array', { cases: [] }, 'cases.json: (top level): expected a JSON array of cases'],
    ['a case that is not an object', [{ id: 'a', ...base }, 'b'], 'cases.json: [1]: expected an object'],
    ['a missing id', [{ ...base }], 'cases.json: [0].id: expected a string'],
    ['an empty id', [{ id: '', ...base }], 'cases.json: [0].id: expected a non-empty string'],
    ['a repeated id', [{ id: 'a', ...base }, { id: 'a', ...base }], 'cases.json: [1].id: duplicate id "a"'],
    ['a missing action', [{ id: 'a', ...base }, { id: 'b' }, { id: 'c' }, { id: 'd', resource: 'x' }], 'cases.json: [1].action: expected a string'],
    ['an action of the wrong type', [{ id: 'a', action: 3, resource: 'x' }], 'cases.json: [0].action: expected a string'],
    ['a missing resource', [{ id: 'a', action: 's3:GetObject' }], 'cases.json: [0].resource: expected a string'],
    ['an unknown field', [{ id: 'a', identityPolicy: [], ...base }], 'cases.json: [0].identityPolicy: unknown field'],
    ['policies that are not a list', [{ id: 'a', identityPolicies: invokeUser, ...base }], 'cases.json: [0].identityPolicies: expected an array of policy documents'],
    ['a policy that is neither object nor text', [{ id: 'a', sessionPolicies: [7], ...base }], 'cases.json: [0].sessionPolicies[0]: expected a policy document (a JSON object or string)'],
    ['a resource policy of the wrong type', [{ id: 'a', resourcePolicy: [], ...base }], 'cases.json: [0].resourcePolicy: expected a policy document (a JSON object or string)'],
    ['a principal object with two types', [{ id: 'a', principal: { AWS: 'x', Service: 'y' }, ...base }], 'cases.json: [0].principal: expected an ARN string or an object with one of AWS, Federated, Service, CanonicalUser'],
    ['an unknown principal type', [{ id: 'a', principal: { User: 'bob' }, ...base }], 'cases.json: [0].principal.User: unknown principal type: expected AWS, Federated, Service or CanonicalUser'],
    ['a principal id that is not text', [{ id: 'a', principal: { Federated: 1 }, ...base }], 'cases.json: [0].principal.Federated: expected a non-empty string'],
    ['a context that is not an object', [{ id: 'a', context: ['x'], ...base }], 'cases.json: [0].context: expected an object of condition keys'],
    ['a context value of the wrong type', [{ id: 'a', context: { 'aws:username': 5 }, ...base }], 'cases.json: [0].context.aws:username: expected a string or an array of strings'],
    ['a resource account that is not 12 digits', [{ id: 'a', resourceAccount: '1234', ...base }], 'cases.json: [0].resourceAccount: expected a 12-digit account ID'],
    ['a resource account of the wrong type', [{ id: 'a', resourceAccount: 123456789012, ...base }], 'cases.json: [0].resourceAccount: expected a 12-digit account ID'],
    ['a context list holding a number', [{ id: 'a', context: { 'aws:TagKeys': ['a', 1] }, ...base }], 'cases.json: [0].context.aws:TagKeys: expected a string or an array of strings'],
  ])('refuses %s as bad input, naming the file and the field', (_what, input, message) => {
    expect(() => runEvalCases(input, 'cases.json')).toThrow(new Error(message));
  });

  it('checks the whole file before deciding anything', () => {
    const input = [{ id: 'fine', identityPolicies: [invokeUser], ...base }, { id: 'bad' }];
    expect(() => runEvalCases(input, 'cases.json')).toThrow('cases.json: [1].action: expected a string');
  });
});
