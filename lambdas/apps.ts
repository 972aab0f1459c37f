import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Caller } from './respond';

/** What the shared handler of apps_api answers: the app of the path and the role of the caller's credentials. */
export interface AppsAnswer {
  message: string;
  app: string | null;
  /** The role within the app (`B`), read from the caller's IAM role name `<prefix>-<app>-<role>`. */
  role: string | null;
  path: string;
  caller: Caller;
}

/** `arn:aws:sts::<account>:assumed-role/<role name>/<session>` → the role name. */
function roleNameOf(userArn: string | null): string | null {
  return userArn ? (/:assumed-role\/([^/]+)\//.exec(userArn)?.[1] ?? null) : null;
}

/**
 * One handler behind `/{app}/{proxy+}` for every app. API Gateway's AWS_IAM check has already decided that the
 * caller's role may invoke this exact path, so the answer only reports what was used: the app from the path, the
 * role from the caller's IAM role name (a role of another app, which IAM never lets through, would show as null).
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const identity = event.requestContext?.identity;
  const caller: Caller = { cognitoIdentityId: identity?.cognitoIdentityId ?? null, userArn: identity?.userArn ?? null };
  const app = event.pathParameters?.app ?? null;
  const roleName = roleNameOf(caller.userArn);
  const marker = app ? `-${app}-` : null;
  const at = marker && roleName ? roleName.lastIndexOf(marker) : -1;
  const role = at >= 0 ? roleName!.slice(at + marker!.length) : null;
  const answer: AppsAnswer = {
    message: app && role ? `${app} as ${role}` : `${app ?? 'no app'} (role unknown)`,
    app,
    role,
    path: event.path,
    caller,
  };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer) };
}
