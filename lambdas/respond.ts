import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Who called, as API Gateway's AWS_IAM authorizer saw the SigV4 signature. */
export interface Caller {
  cognitoIdentityId: string | null;
  userArn: string | null;
}

/** A handler that greets with a fixed message and echoes the caller, so a client can see which role it used. */
export function greeter(message: string): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  return async (event) => {
    const identity = event.requestContext?.identity;
    const caller: Caller = {
      cognitoIdentityId: identity?.cognitoIdentityId ?? null,
      userArn: identity?.userArn ?? null,
    };
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, caller }),
    };
  };
}
