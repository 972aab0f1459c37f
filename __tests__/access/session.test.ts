import { evaluate, compilePolicy } from '../../access/iam';
import { roleView, RoleView } from '../../access/role-policies';
import { DEFAULT_SOURCE_IP, requestContext, sessionContext, SIMULATED_TIME } from '../../access/session';
import { modelOf } from '../support/model';

/*
 * The request context of a call made with identity-pool credentials, checked key by key against the IAM User
 * Guide, "AWS global condition context keys", and then through policies that read those keys, so a wrong value
 * changes a decision and not only a field.
 */

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
});

function staffRole(): RoleView {
  const stack = modelOf({
    provider: { aws: [{ region: 'eu-west-1' }] },
    resource: { aws_iam_role: { staff: { name: 'fx-staff', path: '/people/', assume_role_policy: TRUST } } },
  });
  return roleView(stack.roles.find((r) => r.name === 'staff')!);
}

describe('sessionContext: the global keys of an assumed-role session from an identity pool', () => {
  const role = staffRole();
  const context = sessionContext({ role, region: 'eu-west-1', principalTags: { department: 'sales', team: 'north' } });
  const account = role.arn.split(':')[4];

  test('the principal keys name the role, its account and the AssumedRole type', () => {
    // aws:PrincipalArn: "For IAM roles, the request context returns the ARN of the role, not the ARN of the user
    // that assumed the role"; aws:PrincipalAccount: "the AWS account ID of the requesting principal";
    // aws:PrincipalType: "AssumedRole" for a role session.
    expect(context['aws:PrincipalArn']).toBe(role.arn);
    expect(account).toMatch(/^\d{12}$/);
    expect(context['aws:PrincipalAccount']).toBe(account);
    expect(context['aws:PrincipalType']).toBe('AssumedRole');
  });

  test('aws:userid is the role id and the session name Cognito uses', () => {
    // aws:userid for "Role assigned to ... federated user": role-id:caller-specified-role-name; Cognito names
    // its sessions CognitoIdentityCredentials.
    expect(context['aws:userid']).toBe(`${role.role.uniqueId}:CognitoIdentityCredentials`);
    expect(role.role.uniqueId).not.toBe('');
  });

  test('aws:FederatedProvider is the identity pool service for Cognito web identity sessions', () => {
    expect(context['aws:FederatedProvider']).toBe('cognito-identity.amazonaws.com');
  });

  test('time keys: ISO time, the same instant in epoch seconds, and the token issue time', () => {
    // aws:EpochTime is "the date in epoch or Unix time"; 2026-01-01T12:00:00Z is 1767268800 s after the epoch.
    expect(context['aws:CurrentTime']).toBe(SIMULATED_TIME);
    expect(context['aws:EpochTime']).toBe('1767268800');
    expect(context['aws:TokenIssueTime']).toBe(SIMULATED_TIME);
    const later = sessionContext({ role, region: 'eu-west-1', principalTags: {}, time: '2026-03-01T00:00:30Z' });
    expect(later['aws:CurrentTime']).toBe('2026-03-01T00:00:30Z');
    expect(later['aws:EpochTime']).toBe('1772323230');
    expect(later['aws:TokenIssueTime']).toBe('2026-03-01T00:00:30Z');
  });

  test('HTTPS, the requested region, and the source IP (a documentation address unless given)', () => {
    expect(context['aws:SecureTransport']).toBe('true');
    expect(context['aws:RequestedRegion']).toBe('eu-west-1');
    expect(context['aws:SourceIp']).toBe(DEFAULT_SOURCE_IP);
    expect(DEFAULT_SOURCE_IP).toBe('203.0.113.10'); // RFC 5737 TEST-NET-3
    expect(sessionContext({ role, region: 'us-east-2', principalTags: {}, sourceIp: '198.51.100.7' })['aws:SourceIp']).toBe('198.51.100.7');
  });

  test('each session tag becomes aws:PrincipalTag/<key>, and nothing else is added', () => {
    // "Using attributes for access control" (Cognito developer guide): mapped attributes arrive as principal tags.
    expect(context['aws:PrincipalTag/department']).toBe('sales');
    expect(context['aws:PrincipalTag/team']).toBe('north');
    expect(Object.keys(context).sort()).toEqual(
      [
        'aws:CurrentTime',
        'aws:EpochTime',
        'aws:FederatedProvider',
        'aws:PrincipalAccount',
        'aws:PrincipalArn',
        'aws:PrincipalTag/department',
        'aws:PrincipalTag/team',
        'aws:PrincipalType',
        'aws:RequestedRegion',
        'aws:SecureTransport',
        'aws:SourceIp',
        'aws:TokenIssueTime',
        'aws:userid',
      ].sort(),
    );
  });

  test('a policy keyed on those values decides as AWS would', () => {
    // IAM User Guide, "Controlling access for IAM principals" (aws:PrincipalTag) and "Date condition operators".
    const policy = compilePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::fx/${aws:PrincipalTag/department}/*',
            Condition: { DateLessThan: { 'aws:EpochTime': '1767268801' }, Bool: { 'aws:SecureTransport': 'true' } },
          },
        ],
      },
      'tags',
      'identity',
    );
    const decide = (resource: string, ctx: Record<string, string>) => evaluate({ action: 's3:GetObject', resource, context: ctx }, { identity: [policy] }).decision;
    expect(decide('arn:aws:s3:::fx/sales/a.txt', context)).toBe('allowed');
    expect(decide('arn:aws:s3:::fx/north/a.txt', context)).toBe('implicitDeny');
    expect(decide('arn:aws:s3:::fx/sales/a.txt', sessionContext({ role, region: 'eu-west-1', principalTags: { department: 'sales' }, time: '2026-01-01T12:00:01Z' }))).toBe('implicitDeny');
  });
});

describe('requestContext: the keys of any HTTPS request, signed or not', () => {
  test('time, epoch seconds, HTTPS and the source IP; no principal keys for an anonymous caller', () => {
    expect(requestContext(undefined, undefined)).toEqual({
      'aws:CurrentTime': SIMULATED_TIME,
      'aws:EpochTime': '1767268800',
      'aws:SecureTransport': 'true',
      'aws:SourceIp': DEFAULT_SOURCE_IP,
    });
    expect(requestContext('192.0.2.44', '2026-03-01T00:00:30Z')).toEqual({
      'aws:CurrentTime': '2026-03-01T00:00:30Z',
      'aws:EpochTime': '1772323230',
      'aws:SecureTransport': 'true',
      'aws:SourceIp': '192.0.2.44',
    });
  });
});
