import type { APIGatewayProxyEvent } from 'aws-lambda';
import { handler as adminHandler } from '../../lambdas/admin';
import { handler as userHandler } from '../../lambdas/user';

/** The parts of an API Gateway REST proxy event that AWS_IAM authorization fills in for a Cognito caller. */
function proxyEvent(path: string, identity: Partial<APIGatewayProxyEvent['requestContext']['identity']>): APIGatewayProxyEvent {
  return {
    resource: path,
    path,
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { stage: 'api', identity } as APIGatewayProxyEvent['requestContext'],
  };
}

const rose = {
  cognitoIdentityId: 'us-east-1:11111111-2222-3333-4444-555555555555',
  userArn: 'arn:aws:sts::123456789012:assumed-role/office-dev-Admin/CognitoIdentityCredentials',
};

test.each([
  ['user', userHandler, '/user', 'Hello user'],
  ['admin', adminHandler, '/admin', 'Hello admin'],
])('%s handler answers 200 with its greeting and the caller', async (_name, handler, path, message) => {
  const result = await handler(proxyEvent(path, rose));
  expect(result.statusCode).toBe(200);
  expect(result.headers).toEqual({ 'content-type': 'application/json' });
  expect(JSON.parse(result.body)).toEqual({ message, caller: rose });
});

test('a call without a Cognito identity reports nulls rather than failing', async () => {
  const result = await userHandler(proxyEvent('/user', {}));
  expect(JSON.parse(result.body)).toEqual({ message: 'Hello user', caller: { cognitoIdentityId: null, userArn: null } });
});
