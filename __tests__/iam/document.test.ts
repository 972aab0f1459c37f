import { compilePolicy, PolicyError } from '../../access/iam';
import { API, decide, rejection } from './helpers';

const allow = { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API}/*` };
const policyOf = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

describe('accepted document shapes', () => {
  it('takes Statement as one object or an array, the document as an object or JSON text', () => {
    // Rule (IAM JSON policy elements: Statement): "The Statement element can contain a single statement or an
    // array of individual statements."
    const request = { action: 'execute-api:Invoke', resource: `${API}/api/GET/user` };
    expect(decide({ Version: '2012-10-17', Statement: allow }, request)).toBe('allowed');
    expect(decide(policyOf(allow), request)).toBe('allowed');
    expect(decide(JSON.stringify(policyOf(allow)), request)).toBe('allowed');
    expect(decide({ Statement: allow }, request)).toBe('allowed'); // Version is optional
    expect(decide({ Version: '2008-10-17', Id: 'legacy', Statement: { ...allow, Sid: '1' } }, request)).toBe('allowed');
  });

  it('keeps the name and kind it was given', () => {
    const policy = compilePolicy(policyOf(allow), 'office-User-invoke', 'boundary');
    expect([policy.name, policy.kind, policy.statements.length]).toEqual(['office-User-invoke', 'boundary', 1]);
  });

  it('matches actions case-insensitively', () => {
    // Rule (IAM JSON policy elements: Action): "The prefix and the action name are case insensitive. For example,
    // iam:ListAccessKeys is the same as IAM:listaccesskeys."
    const document = policyOf({ Effect: 'Allow', Action: ['IAM:listaccesskeys', 'S3:Get*'], Resource: '*' });
    expect(decide(document, { action: 'iam:ListAccessKeys', resource: '*' })).toBe('allowed');
    expect(decide(document, { action: 's3:GETOBJECT', resource: '*' })).toBe('allowed');
    expect(decide(document, { action: 's3:PutObject', resource: '*' })).toBe('implicitDeny');
  });

  it('inverts NotAction and NotResource', () => {
    // Rule (IAM JSON policy elements: NotAction): "NotAction ... explicitly matches everything except the
    // specified list of actions"; (NotResource): "explicitly matches every resource except those specified".
    const document = policyOf({ Effect: 'Allow', NotAction: 'iam:*', NotResource: `${API}/*/*/admin` });
    expect(decide(document, { action: 'execute-api:Invoke', resource: `${API}/api/GET/user` })).toBe('allowed');
    expect(decide(document, { action: 'execute-api:Invoke', resource: `${API}/api/GET/admin` })).toBe('implicitDeny');
    expect(decide(document, { action: 'iam:CreateUser', resource: `${API}/api/GET/user` })).toBe('implicitDeny');
  });

  it('reads a list of resources as any of them, and a NotResource list as none of them', () => {
    // Rule (IAM JSON policy elements: Resource): "You can specify multiple resources" - an array, any of which
    // matches; (NotResource): "explicitly matches every resource except those specified".
    const user = `${API}/api/GET/user`;
    const admin = `${API}/api/GET/admin`;
    const listed = policyOf({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [user, admin] });
    expect(decide(listed, { action: 'execute-api:Invoke', resource: admin })).toBe('allowed');
    expect(decide(listed, { action: 'execute-api:Invoke', resource: user })).toBe('allowed');
    expect(decide(listed, { action: 'execute-api:Invoke', resource: `${API}/api/GET/other` })).toBe('implicitDeny');
    const excepted = policyOf({ Effect: 'Allow', Action: 'execute-api:Invoke', NotResource: [user, admin] });
    expect(decide(excepted, { action: 'execute-api:Invoke', resource: admin })).toBe('implicitDeny');
    expect(decide(excepted, { action: 'execute-api:Invoke', resource: `${API}/api/GET/other` })).toBe('allowed');
  });
});

describe('malformed documents', () => {
  it('names the policy and the field in a PolicyError', () => {
    const document = policyOf(allow, { ...allow, Effect: 'Alow' });
    let caught: unknown;
    try {
      compilePolicy(document, 'office-User-invoke', 'identity');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PolicyError);
    const error = caught as PolicyError;
    expect([error.name, error.policy, error.field, error.message]).toEqual([
      'PolicyError',
      'office-User-invoke',
      'Statement[1].Effect',
      'policy "office-User-invoke": Statement[1].Effect: unknown Effect "Alow"',
    ]);
  });

  it('rejects text that is not JSON', () => {
    const text = '{"Version": "2012-10-17", ';
    let parseMessage = '';
    try {
      JSON.parse(text);
    } catch (error) {
      parseMessage = (error as Error).message;
    }
    expect(rejection(text)).toBe(`policy "p": document is not valid JSON (${parseMessage})`);
  });

  it.each<[string, unknown, string]>([
    ['a document that is not an object', [allow], 'policy "p": document must be a JSON object'],
    ['a missing Statement', { Version: '2012-10-17' }, 'policy "p": Statement: missing: a policy needs at least one statement'],
    ['a Statement of the wrong type', { Statement: 'Allow' }, 'policy "p": Statement: expected an object or an array of objects'],
    ['an empty Statement list', { Statement: [] }, 'policy "p": Statement: expected at least one statement'],
    ['a statement that is not an object', policyOf(allow, 'x'), 'policy "p": Statement[1]: expected an object'],
    // Rule (IAM JSON policy elements: Version): IAM supports the Version values 2012-10-17 and 2008-10-17.
    ['an unknown Version', { Version: '2012-10-18', Statement: allow }, 'policy "p": Version: unknown Version "2012-10-18": expected "2012-10-17" or "2008-10-17"'],
    ['a Version that is not text', { Version: 2012, Statement: allow }, 'policy "p": Version: unknown Version 2012: expected "2012-10-17" or "2008-10-17"'],
    ['an unknown top-level element', { Version: '2012-10-17', Statment: allow }, 'policy "p": Statment: unknown element "Statment"'],
    ['an Id that is not text', { Id: 7, Statement: allow }, 'policy "p": Id: expected a string'],
    ['an unknown statement element', policyOf({ ...allow, Actions: 's3:*' }), 'policy "p": Statement[0].Actions: unknown element "Actions"'],
    ['a lowercase element name', policyOf({ ...allow, effect: 'Allow' }), 'policy "p": Statement[0].effect: unknown element "effect"'],
    ['a missing Effect', policyOf({ Action: '*', Resource: '*' }), 'policy "p": Statement[0].Effect: missing: expected "Allow" or "Deny"'],
    ['a lowercase Effect', { Statement: { ...allow, Effect: 'allow' } }, 'policy "p": Statement.Effect: unknown Effect "allow"'],
    ['a Sid that is not text', policyOf({ ...allow, Sid: 1 }), 'policy "p": Statement[0].Sid: expected a string'],
    // Rule (IAM JSON policy elements: Sid): "In IAM, the Sid value must be unique within a JSON policy."
    ['a repeated Sid', policyOf({ ...allow, Sid: 'A' }, { ...allow, Sid: 'A' }), 'policy "p": Statement[1].Sid: duplicate Sid "A"'],
    ['Action with NotAction', policyOf({ ...allow, NotAction: 'iam:*' }), 'policy "p": Statement[0].NotAction: cannot be used together with Action'],
    ['Resource with NotResource', policyOf({ ...allow, NotResource: '*' }), 'policy "p": Statement[0].NotResource: cannot be used together with Resource'],
    ['neither Action nor NotAction', policyOf({ Effect: 'Allow', Resource: '*' }), 'policy "p": Statement[0].Action: missing: a statement needs Action or NotAction'],
    ['an empty Action list', policyOf({ ...allow, Action: [] }), 'policy "p": Statement[0].Action: expected a string or a non-empty array of strings'],
    ['an Action that is not text', policyOf({ ...allow, Action: ['s3:GetObject', 3] }), 'policy "p": Statement[0].Action[1]: expected a non-empty string'],
    // IAM's own message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
    ['an Action without a service prefix', policyOf({ ...allow, Action: ['s3:GetObject', 'Invoke'] }), 'policy "p": Statement[0].Action[1]: invalid action "Invoke": expected "service:action" or "*"'],
    // An action is one service prefix and one action name (IAM JSON policy elements: Action): nothing before the
    // prefix, no second colon after the name.
    ['an Action with text before the prefix', policyOf({ ...allow, Action: ' s3:GetObject' }), 'policy "p": Statement[0].Action: invalid action " s3:GetObject": expected "service:action" or "*"'],
    ['an Action with a second colon', policyOf({ ...allow, Action: 's3:Get:Object' }), 'policy "p": Statement[0].Action: invalid action "s3:Get:Object": expected "service:action" or "*"'],
    ['a Resource that is not text', policyOf({ ...allow, Resource: [{}] }), 'policy "p": Statement[0].Resource[0]: expected a non-empty string'],
    ['a Condition that is not an object', policyOf({ ...allow, Condition: [] }), 'policy "p": Statement[0].Condition: expected an object of condition operators'],
    ['a null Condition', policyOf({ ...allow, Condition: null }), 'policy "p": Statement[0].Condition: expected an object of condition operators'],
    ['an operator block that is not an object', policyOf({ ...allow, Condition: { StringEquals: 'x' } }), 'policy "p": Statement[0].Condition.StringEquals: expected an object of condition keys'],
    ['an empty value list', policyOf({ ...allow, Condition: { StringEquals: { k: [] } } }), 'policy "p": Statement[0].Condition.StringEquals.k: expected at least one value'],
    ['a value that is an object', policyOf({ ...allow, Condition: { StringEquals: { k: ['a', {}] } } }), 'policy "p": Statement[0].Condition.StringEquals.k[1]: expected a string, number or boolean'],
    ['a misspelt operator', policyOf(allow, allow, { ...allow, Condition: { StringEqualz: { k: 'v' } } }), 'policy "p": Statement[2].Condition.StringEqualz: unknown condition operator "StringEqualz"'],
  ])('rejects %s', (_what, document, message) => {
    expect(rejection(document)).toBe(message);
  });
});

describe('elements that depend on where the policy is attached', () => {
  const trust = { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' };

  it('requires Resource in identity, boundary and session policies', () => {
    // Rule (IAM JSON policy elements: Resource): "Statements must include either a Resource or a NotResource
    // element" - in a role trust policy the resource is implicitly the role, so only there may it be absent.
    const noResource = policyOf({ Effect: 'Allow', Action: '*' });
    expect(rejection(noResource, 'identity')).toBe('policy "p": Statement[0].Resource: missing: a statement in an identity policy needs Resource or NotResource');
    expect(rejection(noResource, 'boundary')).toBe('policy "p": Statement[0].Resource: missing: a statement in a permissions boundary needs Resource or NotResource');
    expect(rejection(noResource, 'session')).toBe('policy "p": Statement[0].Resource: missing: a statement in a session policy needs Resource or NotResource');
    expect(rejection(policyOf(trust), 'trust')).toBe('compiled'); // a trust policy's resource is the role itself
  });

  it('forbids Principal and NotPrincipal outside resource and trust policies', () => {
    // Rule (AWS JSON policy elements: Principal): "You cannot use the Principal element in an identity-based
    // policy." Permissions boundaries and session policies are identity-based policies too.
    expect(rejection(policyOf({ ...allow, Principal: '*' }), 'identity')).toBe('policy "p": Statement[0].Principal: not allowed in an identity policy');
    expect(rejection(policyOf({ ...allow, NotPrincipal: { AWS: '123456789012' } }), 'boundary')).toBe(
      'policy "p": Statement[0].NotPrincipal: not allowed in a permissions boundary',
    );
    expect(rejection(policyOf({ ...allow, Principal: '*' }), 'session')).toBe('policy "p": Statement[0].Principal: not allowed in a session policy');
  });

  it('requires Principal or NotPrincipal in resource and trust policies', () => {
    // Rule (Principal): "Use the Principal element in a resource-based JSON policy to specify the principal that is
    // allowed or denied access to a resource."
    expect(rejection(policyOf(allow), 'resource')).toBe('policy "p": Statement[0].Principal: missing: a statement in a resource policy needs Principal or NotPrincipal');
    expect(rejection(policyOf({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'trust')).toBe(
      'policy "p": Statement[0].Principal: missing: a statement in a trust policy needs Principal or NotPrincipal',
    );
    expect(rejection(policyOf({ ...trust, NotPrincipal: '*' }), 'trust')).toBe('policy "p": Statement[0].NotPrincipal: cannot be used together with Principal');
  });

  it('forbids NotPrincipal in a trust policy', () => {
    // Rule (AWS JSON policy elements: NotPrincipal): "You cannot use the NotPrincipal element in an IAM
    // identity-based policy or in an IAM role trust policy."
    const { Principal: _principal, ...rest } = trust;
    expect(rejection(policyOf({ ...rest, NotPrincipal: { AWS: '123456789012' } }), 'trust')).toBe(
      'policy "p": Statement[0].NotPrincipal: not allowed in a trust policy',
    );
    expect(rejection(policyOf({ ...allow, Effect: 'Deny', NotPrincipal: { AWS: '123456789012' } }), 'resource')).toBe('compiled');
  });

  it('leaves Sid uniqueness of resource policies to their service', () => {
    // Rule (IAM JSON policy elements: Sid): uniqueness is stated for IAM; "Some AWS services (for example, Amazon
    // SQS or Amazon SNS) might require this element and have uniqueness requirements for it."
    const statement = { Sid: 'Same', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' };
    expect(rejection(policyOf(statement, statement), 'resource')).toBe('compiled');
    expect(rejection(policyOf({ ...trust, Sid: 'Same' }, { ...trust, Sid: 'Same' }), 'trust')).toBe('policy "p": Statement[1].Sid: duplicate Sid "Same"');
  });

  it('rejects malformed Principal values', () => {
    const bad = (principal: unknown) => rejection(policyOf({ ...allow, Principal: principal }), 'resource');
    expect(bad('arn:aws:iam::123456789012:root')).toBe(
      'policy "p": Statement[0].Principal: expected "*" or an object keyed by AWS, Federated, Service or CanonicalUser',
    );
    expect(bad({ User: 'bob' })).toBe('policy "p": Statement[0].Principal.User: unknown principal type "User"');
    expect(bad({ AWS: [] })).toBe('policy "p": Statement[0].Principal.AWS: expected a string or a non-empty array of strings');
    expect(bad({ Service: ['lambda.amazonaws.com', ''] })).toBe('policy "p": Statement[0].Principal.Service[1]: expected a non-empty string');
  });
});
