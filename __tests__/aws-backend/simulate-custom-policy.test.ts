import { IAMClient, IAMServiceException, SimulateCustomPolicyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { contextKeyType, ContextEntryError, toContextEntries } from '../../access/aws-backend/context-entries';
import {
  exponentialBackoff,
  isThrottling,
  resultFor,
  simulateCustomPolicy,
  simulationInput,
  SimulationError,
  toDecision,
} from '../../access/aws-backend/simulate-custom-policy';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}';
const BOUNDARY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
const ARN = 'arn:aws:execute-api:us-east-1:210987654321:a1b2c3d4e5/api/GET/user';
const request = { policies: [POLICY], actions: ['execute-api:Invoke'], resources: [ARN] };

function throttle(name: 'Throttling' | 'ThrottlingException' = 'Throttling'): IAMServiceException {
  return new IAMServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' });
}

/** Records waits instead of waiting. */
function fakeSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

describe('SimulateCustomPolicy request', () => {
  test('policies, boundaries, actions, resources and typed context go in as given', () => {
    expect(
      simulationInput({
        ...request,
        boundaries: [BOUNDARY],
        context: {
          'cognito-identity.amazonaws.com:aud': 'us-east-1:11111111-2222-4333-a444-555555555555',
          'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_RealPool1'],
          'aws:SecureTransport': 'true',
        },
        maxItems: 10,
      }),
    ).toEqual({
      PolicyInputList: [POLICY],
      PermissionsBoundaryPolicyInputList: [BOUNDARY],
      ActionNames: ['execute-api:Invoke'],
      ResourceArns: [ARN],
      ContextEntries: [
        { ContextKeyName: 'cognito-identity.amazonaws.com:aud', ContextKeyValues: ['us-east-1:11111111-2222-4333-a444-555555555555'], ContextKeyType: 'string' },
        {
          ContextKeyName: 'cognito-identity.amazonaws.com:amr',
          ContextKeyValues: ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_RealPool1'],
          ContextKeyType: 'stringList',
        },
        { ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['true'], ContextKeyType: 'boolean' },
      ],
      MaxItems: 10,
    });
  });

  test('no boundary, context or page size: those fields are left out', () => {
    expect(simulationInput(request)).toEqual({ PolicyInputList: [POLICY], ActionNames: ['execute-api:Invoke'], ResourceArns: [ARN] });
  });

  test('a role without identity policies cannot be simulated', () => {
    expect(() => simulationInput({ ...request, policies: [] })).toThrow(/at least one identity policy/);
  });
});

describe('typed ContextEntries', () => {
  test('each key gets its documented type; amr is a list even with one value', () => {
    expect(
      toContextEntries({
        'cognito-identity.amazonaws.com:amr': ['unauthenticated'],
        'cognito-identity.amazonaws.com:sub': 'us-east-1:abc',
        'aws:SourceIp': '203.0.113.7',
        'aws:CurrentTime': '2025-01-01T00:00:00Z',
        'aws:EpochTime': '1735689600',
        'aws:MultiFactorAuthPresent': 'false',
        'aws:TagKeys': ['team'],
        'aws:PrincipalTag/team': 'blue',
        's3:prefix': ['a/', 'b/'],
        'aws:VpcSourceIp': ['10.0.0.1', '10.0.0.2'],
        'aws:username': ['solo'],
        'aws:CalledVia': [],
      }),
    ).toEqual([
      { ContextKeyName: 'cognito-identity.amazonaws.com:amr', ContextKeyValues: ['unauthenticated'], ContextKeyType: 'stringList' },
      { ContextKeyName: 'cognito-identity.amazonaws.com:sub', ContextKeyValues: ['us-east-1:abc'], ContextKeyType: 'string' },
      { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['203.0.113.7'], ContextKeyType: 'ip' },
      { ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2025-01-01T00:00:00Z'], ContextKeyType: 'date' },
      { ContextKeyName: 'aws:EpochTime', ContextKeyValues: ['1735689600'], ContextKeyType: 'numeric' },
      { ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: ['false'], ContextKeyType: 'boolean' },
      { ContextKeyName: 'aws:TagKeys', ContextKeyValues: ['team'], ContextKeyType: 'stringList' },
      { ContextKeyName: 'aws:PrincipalTag/team', ContextKeyValues: ['blue'], ContextKeyType: 'string' },
      { ContextKeyName: 's3:prefix', ContextKeyValues: ['a/', 'b/'], ContextKeyType: 'stringList' },
      { ContextKeyName: 'aws:VpcSourceIp', ContextKeyValues: ['10.0.0.1', '10.0.0.2'], ContextKeyType: 'ipList' },
      { ContextKeyName: 'aws:username', ContextKeyValues: ['solo'], ContextKeyType: 'string' },
    ]);
  });

  test('key names are matched case-insensitively; overrides win', () => {
    expect(contextKeyType('AWS:sourceip', '10.0.0.1')).toBe('ip');
    expect(contextKeyType('COGNITO-IDENTITY.amazonaws.com:AMR', 'authenticated')).toBe('stringList');
    expect(contextKeyType('ec2:VolumeSize', '8', { 'EC2:volumesize': 'numeric' })).toBe('numeric');
  });

  test('values that cannot have their type fail before any call', () => {
    expect(() => toContextEntries({ 'aws:SecureTransport': 'yes' })).toThrow(ContextEntryError);
    expect(() => toContextEntries({ 'aws:MultiFactorAuthAge': 'ten' })).toThrow(/not a number/);
  });
});

describe('paging', () => {
  test('follows Marker while IsTruncated and concatenates EvaluationResults', async () => {
    const first = { EvalActionName: 'execute-api:Invoke', EvalResourceName: `${ARN}1`, EvalDecision: 'allowed' as const };
    const second = { EvalActionName: 'execute-api:Invoke', EvalResourceName: `${ARN}2`, EvalDecision: 'implicitDeny' as const };
    iam
      .on(SimulateCustomPolicyCommand)
      .resolvesOnce({ EvaluationResults: [first], IsTruncated: true, Marker: 'page-2' })
      .resolvesOnce({ EvaluationResults: [second], IsTruncated: false });

    const results = await simulateCustomPolicy(new IAMClient({}), { ...request, resources: [`${ARN}1`, `${ARN}2`], maxItems: 1 });

    expect(results).toEqual([first, second]);
    const inputs = iam.commandCalls(SimulateCustomPolicyCommand).map((c) => c.args[0].input);
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).not.toHaveProperty('Marker');
    expect(inputs[1]).toEqual({ ...inputs[0], Marker: 'page-2' });
    expect(inputs[0]!.MaxItems).toBe(1);
  });

  test('IsTruncated without a Marker is an error, not an endless loop', async () => {
    iam.on(SimulateCustomPolicyCommand).resolves({ EvaluationResults: [], IsTruncated: true });
    await expect(simulateCustomPolicy(new IAMClient({}), request)).rejects.toThrow(/IsTruncated without a Marker/);
  });
});

describe('retry on throttling', () => {
  test('Throttling, then ThrottlingException, then success: two backoff waits, one answer', async () => {
    iam
      .on(SimulateCustomPolicyCommand)
      .rejectsOnce(throttle('Throttling'))
      .rejectsOnce(throttle('ThrottlingException'))
      .resolvesOnce({ EvaluationResults: [{ EvalActionName: 'execute-api:Invoke', EvalResourceName: ARN, EvalDecision: 'allowed' }] });
    const { waits, sleep } = fakeSleep();

    const results = await simulateCustomPolicy(new IAMClient({}), request, { maxAttempts: 3, sleep, backoff: exponentialBackoff({ baseMs: 5, random: () => 1 }) });

    expect(results.map((r) => r.EvalDecision)).toEqual(['allowed']);
    expect(waits).toEqual([5, 10]);
    expect(iam.commandCalls(SimulateCustomPolicyCommand)).toHaveLength(3);
  });

  test('gives up after maxAttempts with a clear error that keeps the cause', async () => {
    iam.on(SimulateCustomPolicyCommand).rejects(throttle());
    const { waits, sleep } = fakeSleep();

    const failure = simulateCustomPolicy(new IAMClient({}), request, { maxAttempts: 4, sleep, backoff: (n) => n });

    await expect(failure).rejects.toThrow(SimulationError);
    await expect(failure).rejects.toThrow('SimulateCustomPolicy: throttled on all 4 attempts, giving up (Throttling: Rate exceeded)');
    await failure.catch((e: SimulationError) => expect((e.cause as Error).name).toBe('Throttling'));
    expect(iam.commandCalls(SimulateCustomPolicyCommand)).toHaveLength(4);
    expect(waits).toEqual([1, 2, 3]);
  });

  test('other errors are not retried', async () => {
    const malformed = new IAMServiceException({ name: 'MalformedPolicyDocument', $fault: 'client', $metadata: {}, message: 'bad policy' });
    iam.on(SimulateCustomPolicyCommand).rejects(malformed);
    const { waits, sleep } = fakeSleep();

    await expect(simulateCustomPolicy(new IAMClient({}), request, { sleep })).rejects.toThrow('bad policy');
    expect(iam.commandCalls(SimulateCustomPolicyCommand)).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  test('what counts as throttling', () => {
    expect(isThrottling(throttle('Throttling'))).toBe(true);
    expect(isThrottling(throttle('ThrottlingException'))).toBe(true);
    expect(isThrottling({ name: 'Other', $retryable: { throttling: true } })).toBe(true);
    expect(isThrottling(new Error('Throttling'))).toBe(false);
    expect(isThrottling('Throttling')).toBe(false);
  });

  test('default backoff doubles up to a cap, with jitter between half and all of it', () => {
    const full = exponentialBackoff({ baseMs: 100, maxMs: 1000, random: () => 1 });
    expect([1, 2, 3, 4, 5, 6].map(full)).toEqual([100, 200, 400, 800, 1000, 1000]);
    const half = exponentialBackoff({ baseMs: 100, maxMs: 1000, random: () => 0 });
    expect([1, 2, 3].map(half)).toEqual([50, 100, 200]);
  });
});

describe('EvalDecision', () => {
  test.each(['allowed', 'explicitDeny', 'implicitDeny'] as const)('%s maps to the same Decision', (decision) => {
    expect(toDecision(decision)).toBe(decision);
  });

  test('anything else is an error', () => {
    expect(() => toDecision(undefined)).toThrow(/unexpected EvalDecision undefined/);
    expect(() => toDecision('Allowed')).toThrow(SimulationError);
  });

  test('the result for an action and resource is picked out; a missing one is an error', () => {
    const results = [
      { EvalActionName: 'Execute-API:Invoke', EvalResourceName: ARN, EvalDecision: 'explicitDeny' as const },
      { EvalActionName: 's3:GetObject', EvalResourceName: 'arn:aws:s3:::b/k', EvalDecision: 'allowed' as const },
    ];
    expect(resultFor(results, 'execute-api:Invoke', ARN).EvalDecision).toBe('explicitDeny');
    expect(() => resultFor(results, 'execute-api:Invoke', `${ARN}x`)).toThrow(/expected one result/);
  });
});
