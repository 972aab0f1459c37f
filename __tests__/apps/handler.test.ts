import type { APIGatewayProxyEvent } from 'aws-lambda';
import { handler } from '../../lambdas/apps';

function event(path: string, app: string | null, userArn: string | null): APIGatewayProxyEvent {
  return {
    resource: '/{app}/{proxy+}',
    path,
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: app ? { app, proxy: path.split('/').slice(2).join('/') } : null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { stage: 'api', identity: { cognitoIdentityId: 'us-east-1:11111111-2222-4333-8444-555555555555', userArn } } as APIGatewayProxyEvent['requestContext'],
  };
}

test('answers the app from the path and the role from the caller’s IAM role name', async () => {
  const userArn = 'arn:aws:sts::123456789012:assumed-role/apps-dev-app03-B/CognitoIdentityCredentials';
  const result = await handler(event('/app03/b/reports', 'app03', userArn));
  expect(result.statusCode).toBe(200);
  expect(JSON.parse(result.body)).toEqual({
    message: 'app03 as B',
    app: 'app03',
    role: 'B',
    path: '/app03/b/reports',
    caller: { cognitoIdentityId: 'us-east-1:11111111-2222-4333-8444-555555555555', userArn },
  });
});

test('a role of another app, or no caller, is reported as unknown rather than guessed', async () => {
  const other = await handler(event('/app03/b', 'app03', 'arn:aws:sts::123456789012:assumed-role/apps-dev-app04-B/CognitoIdentityCredentials'));
  expect(JSON.parse(other.body)).toMatchObject({ message: 'app03 (role unknown)', app: 'app03', role: null });
  const anonymous = await handler(event('/app03/b', 'app03', null));
  expect(JSON.parse(anonymous.body)).toMatchObject({ message: 'app03 (role unknown)', role: null });
  // app1 is a prefix of app10's role name, but the marker includes both dashes.
  const prefix = await handler(event('/app1/a', 'app1', 'arn:aws:sts::123456789012:assumed-role/apps-dev-app10-A/CognitoIdentityCredentials'));
  expect(JSON.parse(prefix.body)).toMatchObject({ role: null });
});
