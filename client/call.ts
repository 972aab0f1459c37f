import { endpointFor, identityPoolClient, userPoolClient } from './aws-clients';
import { ClientError } from './errors';
import { decodeIdToken } from './id-token';
import { identityCredentials } from './identity-credentials';
import { readMfaCode, readPassword, Terminal } from './password';
import { signIn } from './sign-in';
import { ApiResponse, explainResponse, signedRequest } from './sigv4-call';
import { groupOfRole, groupRoleArn, OutputsReader, readStackOutputs, roleName, StackOutputs } from './stack-outputs';

export interface CallOptions {
  user: string;
  /** Path under the stage, e.g. `/admin`. */
  path: string;
  method?: string;
  stack?: string;
  /** Ask for this group's role (CustomRoleArn) instead of the preferred one. */
  role?: string;
  outdir?: string;
  outputsFile?: string;
}

export interface CallDeps {
  env: Record<string, string | undefined>;
  terminal?: Terminal;
  /** The clock requests are signed by. */
  now?: () => Date;
  runTerraform?: OutputsReader;
  /** Progress, one line per step; never a secret. */
  log?: (line: string) => void;
}

/** Where the role shown for a call comes from, most reliable first. */
export type RoleSource = 'response' | 'requested' | 'preferred';

export interface CallerRole {
  name: string;
  arn?: string;
  group?: string;
  source: RoleSource;
}

export interface CallReport {
  user: string;
  method: string;
  url: string;
  groups: string[];
  identityId: string;
  role: CallerRole | undefined;
  response: ApiResponse;
  /** Plain words for a non-2xx answer. */
  problem?: string;
}

/** The methods an API Gateway REST API method can have (besides ANY, which is not sent on the wire). */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Sign in, trade the ID token for role credentials, call the API with SigV4: the whole client flow. */
export async function callApi(options: CallOptions, deps: CallDeps): Promise<CallReport> {
  const log = deps.log ?? (() => undefined);
  const method = (options.method ?? 'GET').toUpperCase();
  if (!options.path.startsWith('/')) throw new ClientError('usage', '--path must start with "/"');
  if (!HTTP_METHODS.includes(method)) throw new ClientError('usage', `--method must be one of ${HTTP_METHODS.join(', ')}`);
  const stack = options.stack ?? 'office';
  const outputs = await readStackOutputs({
    stack,
    outdir: options.outdir,
    outputsFile: options.outputsFile,
    runTerraform: deps.runTerraform,
    env: deps.env,
  });
  const customRoleArn = options.role ? groupRoleArn(outputs, options.role) : undefined;
  const url = apiUrl(outputs, options.path);

  const password = await readPassword({
    username: options.user,
    kind: 'password',
    env: deps.env,
    terminal: deps.terminal,
    prompt: `Password for ${options.user}: `,
  });
  const idp = userPoolClient({ region: outputs.region, env: deps.env });
  const identity = identityPoolClient({ region: outputs.region, env: deps.env });
  try {
    const tokens = await signIn({
      client: idp,
      userPoolId: outputs.userPoolId,
      clientId: outputs.userPoolClientId,
      username: options.user,
      password,
      endpoint: endpointFor('userPool', outputs.region, deps.env),
      newPassword: async () => {
        log(`first sign-in of ${options.user}: setting a permanent password`);
        return readPassword({
          username: options.user,
          kind: 'new-password',
          env: deps.env,
          terminal: deps.terminal,
          prompt: `New permanent password for ${options.user}: `,
        });
      },
      mfaCode: () => readMfaCode(deps.env, deps.terminal),
    });
    const claims = decodeIdToken(tokens.idToken);
    const groups = claims['cognito:groups'] ?? [];
    log(`signed in as ${options.user} (groups: ${groups.length ? groups.join(', ') : 'none'})`);

    const credentials = await identityCredentials({
      client: identity,
      region: outputs.region,
      userPoolId: outputs.userPoolId,
      identityPoolId: outputs.identityPoolId,
      idToken: tokens.idToken,
      customRoleArn,
      username: options.user,
      claims,
      endpoint: endpointFor('identityPool', outputs.region, deps.env),
    });
    const expected = customRoleArn ?? claims['cognito:preferred_role'];
    log(`credentials for identity ${credentials.identityId}${expected ? ` (role ${roleName(expected)})` : ''}`);

    const response = await signedRequest({ method, url, region: outputs.region, credentials, now: deps.now });
    const role = callerRole(response, outputs, customRoleArn, claims['cognito:preferred_role']);
    const problem = explainResponse(response, {
      method,
      path: options.path,
      stage: stageOf(outputs),
      username: options.user,
      role: role?.name,
      credentialsExpire: credentials.expiration,
    });
    return { user: options.user, method, url: url.toString(), groups, identityId: credentials.identityId, role, response, problem };
  } finally {
    idp.destroy();
    identity.destroy();
  }
}

/** `<invoke url>/<path>`: the invoke URL (checked by parseOutputs) already ends with the stage. */
export function apiUrl(outputs: StackOutputs, path: string): URL {
  return new URL(`${outputs.apiInvokeUrl}${path}`);
}

export function stageOf(outputs: StackOutputs): string {
  try {
    return new URL(outputs.apiInvokeUrl).pathname.split('/').filter(Boolean).pop() ?? '';
  } catch {
    return '';
  }
}

/**
 * The role the credentials belong to: the caller ARN API Gateway passed to the handler (our handlers echo it), else
 * the role asked for with --role, else the token's preferred role (what the identity pool hands out by default).
 */
export function callerRole(
  response: ApiResponse,
  outputs: StackOutputs,
  requested: string | undefined,
  preferred: string | undefined,
): CallerRole | undefined {
  const userArn = callerArn(response.body);
  if (userArn && /:assumed-role\//.test(userArn)) {
    const name = roleName(userArn);
    const arn = Object.values(outputs.groupRoles).find((a) => roleName(a) === name);
    return { name, arn, group: groupOfRole(outputs, name), source: 'response' };
  }
  const arn = requested ?? preferred;
  if (!arn) return undefined;
  return { name: roleName(arn), arn, group: groupOfRole(outputs, arn), source: requested ? 'requested' : 'preferred' };
}

function callerArn(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { caller?: { userArn?: unknown } };
    return typeof parsed.caller?.userArn === 'string' ? parsed.caller.userArn : undefined;
  } catch {
    return undefined;
  }
}
