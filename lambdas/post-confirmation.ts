import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AttributeValue, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { SIGNUP_ENV as ENV } from './post-confirmation-env';

/**
 * Cognito post-confirmation trigger of the marketplace: puts a newly confirmed user into the group they picked at
 * sign-up (`custom:signup_group`), if that group is self-service, and records the user in the Users table.
 *
 * - A group outside the allowlist (Admin, a typo, nothing at all) is refused: the user stays in no group, so the
 *   identity pool (Token mapping, ambiguous → Deny) gives them no credentials. The refusal is logged and recorded.
 * - Cognito may invoke a trigger more than once for one confirmation. Both writes tolerate that: adding a member
 *   to a group they are already in succeeds without change, and the row is written only if absent.
 * - The trigger also fires on ConfirmForgotPassword; that must never (re)grant a group, e.g. to a seller an admin
 *   removed, so only ConfirmSignUp is acted on.
 */

/** Read from the environment the stack sets (stacks/marketplace-stack.ts), so the function follows the config. */
export interface SignUpSettings {
  tableName: string;
  partitionKey: string;
  /** The claim holding the requested group, e.g. `custom:signup_group`. */
  groupClaim: string;
  selfServiceGroups: string[];
}


export type SignUpDecision =
  | { kind: 'assign'; group: string }
  | { kind: 'refuse'; requested: string | null; reason: 'missing' | 'not-self-service' };

/** Created once per execution environment: the runtime reuses it across invocations. */
const cognito = new CognitoIdentityProviderClient({});
const dynamo = new DynamoDBClient({});

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): SignUpSettings {
  const read = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`post-confirmation: environment variable ${name} is not set`);
    return value;
  };
  return {
    tableName: read(ENV.tableName),
    partitionKey: read(ENV.partitionKey),
    groupClaim: read(ENV.groupClaim),
    selfServiceGroups: read(ENV.selfServiceGroups)
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean),
  };
}

/** Exact, case-sensitive match: Cognito group names are case-sensitive, so "Seller" is not "seller". */
export function decide(requested: string | undefined, selfService: readonly string[]): SignUpDecision {
  if (requested === undefined || requested === '') return { kind: 'refuse', requested: null, reason: 'missing' };
  if (!selfService.includes(requested)) return { kind: 'refuse', requested, reason: 'not-self-service' };
  return { kind: 'assign', group: requested };
}

function log(level: 'info' | 'warn' | 'error', fields: Record<string, unknown>): void {
  // The function logs in Lambda's JSON format; one object per line keeps every field queryable in Logs Insights.
  console[level](JSON.stringify(fields));
}

export async function handler(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
  const base = { userPoolId: event.userPoolId, username: event.userName, triggerSource: event.triggerSource };
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') {
    log('info', { event: 'signup-group-skipped', ...base, reason: 'not a sign-up confirmation' });
    return event;
  }
  const settings = settingsFromEnv();
  const attributes = event.request.userAttributes;
  const sub = attributes.sub;
  if (!sub) throw new Error('post-confirmation: the event carries no sub attribute');
  const decision = decide(attributes[settings.groupClaim], settings.selfServiceGroups);

  if (decision.kind === 'refuse') {
    log('warn', {
      event: 'signup-group-refused',
      ...base,
      sub,
      requestedGroup: decision.requested,
      reason: decision.reason,
      selfServiceGroups: settings.selfServiceGroups,
    });
  } else {
    // Before the row, so a recorded "assigned" is always true; a replay adds nothing new.
    try {
      await cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: decision.group }),
      );
    } catch (error) {
      log('error', { event: 'signup-group-failed', ...base, sub, group: decision.group, error: errorName(error) });
      throw error;
    }
  }

  const created = await recordUser(settings, event, sub, decision);
  log('info', {
    event: decision.kind === 'assign' ? 'signup-group-assigned' : 'signup-recorded-without-group',
    ...base,
    sub,
    group: decision.kind === 'assign' ? decision.group : null,
    row: created ? 'created' : 'already-present',
  });
  return event;
}

/** Writes the user's row once; returns false when a previous invocation already wrote it (left untouched). */
async function recordUser(
  settings: SignUpSettings,
  event: PostConfirmationTriggerEvent,
  sub: string,
  decision: SignUpDecision,
): Promise<boolean> {
  const item: Record<string, AttributeValue> = {
    [settings.partitionKey]: { S: sub },
    username: { S: event.userName },
    status: { S: decision.kind === 'assign' ? 'assigned' : 'refused' },
    confirmedAt: { S: new Date().toISOString() },
  };
  if (decision.kind === 'assign') item.group = { S: decision.group };
  else {
    item.refusal = { S: decision.reason };
    if (decision.requested !== null) item.requestedGroup = { S: decision.requested };
  }
  try {
    await dynamo.send(
      new PutItemCommand({
        TableName: settings.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': settings.partitionKey },
      }),
    );
    return true;
  } catch (error) {
    if (errorName(error) === 'ConditionalCheckFailedException') return false;
    log('error', { event: 'signup-record-failed', userPoolId: event.userPoolId, username: event.userName, sub, error: errorName(error) });
    throw error;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}
