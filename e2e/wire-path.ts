import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { identityPoolClient, userPoolClient } from '../client/aws-clients';
import { ClientError } from '../client/errors';
import { decodeIdToken } from '../client/id-token';
import { identityCredentials } from '../client/identity-credentials';
import { signIn } from '../client/sign-in';
import { jsonAction } from './aws-call';
import type { Applied } from './deploy-stack';

/** The README's demo users and the groups `npm run users -- create` puts them in. */
export const WIRE_USERS = [
  { name: 'john', groups: ['User'] },
  { name: 'rose', groups: ['Admin', 'User'] },
] as const;

/** What moto cannot check, said with every run so no one mistakes the wire path for an access proof. */
export const MOTO_CANNOT_CHECK = [
  "moto's ID token carries cognito:groups but not cognito:roles or cognito:preferred_role",
  'GetCredentialsForIdentity returns the same fixed keys whatever the role mapping and CustomRoleArn say',
  "moto's server does not serve execute-api stage calls, and Lambda invoke needs Docker: no API call is made",
  'IAM policies are stored, not enforced',
  'so who may call what stays the simulator\'s job (npm start, scenarios/)',
];

/** A password the pool's policy accepts (12+ characters, upper, lower, digit, symbol), new for each run. */
function password(): string {
  return `E2e-${randomBytes(9).toString('base64url')}-7a`;
}

interface WireContext {
  /** moto over plain HTTP: Cognito has no TLS condition, and Node trusts no extra CA without a restart. */
  http: string;
  /** The environment for `npm run users` (Terraform's, plus the endpoints). */
  env: NodeJS.ProcessEnv;
  outdir: string;
  log: (line: string) => void;
}

/**
 * `npm run users -- create` for John and Rose, then the client's own sign-in (SRP, NEW_PASSWORD_REQUIRED), GetId and
 * GetCredentialsForIdentity against the applied office stack. Checks what moto can answer truthfully; see
 * MOTO_CANNOT_CHECK for the rest.
 */
export async function wirePath(applied: Applied, context: WireContext): Promise<void> {
  const region = applied.outputs.region as string;
  const userPoolId = applied.outputs.user_pool_id as string;
  const clientId = applied.outputs.user_pool_client_id as string;
  const identityPoolId = applied.outputs.identity_pool_id as string;
  const env = { ...context.env, COGNITO_IDP_ENDPOINT: context.http, COGNITO_IDENTITY_ENDPOINT: context.http };
  const idp = userPoolClient({ region, env });
  const identity = identityPoolClient({ region, env });
  try {
    await identityPoolRolesAsApplied(context.http, identityPoolId, applied);
    for (const user of WIRE_USERS) {
      const temporary = password();
      const permanent = password();
      const key = user.name.toUpperCase();
      await npmUsers(['create', user.name, ...user.groups.flatMap((g) => ['--group', g]), '--outdir', context.outdir], {
        ...env,
        [`OFFICE_PASSWORD_${key}`]: temporary,
      });

      let asked = 0;
      const first = await signIn({
        client: idp,
        userPoolId,
        clientId,
        username: user.name,
        password: temporary,
        newPassword: async () => {
          asked++;
          return permanent;
        },
      });
      if (asked !== 1) throw new Error(`${user.name}: the first sign-in asked NEW_PASSWORD_REQUIRED ${asked} times, not once`);
      const claims = decodeIdToken(first.idToken);
      const groups = [...(claims['cognito:groups'] ?? [])].sort();
      if (JSON.stringify(groups) !== JSON.stringify([...user.groups].sort())) {
        throw new Error(`${user.name}: the ID token says cognito:groups ${JSON.stringify(groups)}, not ${JSON.stringify(user.groups)}`);
      }

      const again = await signIn({ client: idp, userPoolId, clientId, username: user.name, password: permanent, newPassword: unexpectedChallenge });
      await wrongPasswordRefused(idp, userPoolId, clientId, user.name, temporary);

      const credentials = await identityCredentials({
        client: identity,
        region,
        userPoolId,
        identityPoolId,
        idToken: again.idToken,
        username: user.name,
        claims: decodeIdToken(again.idToken),
      });
      if (!credentials.identityId.startsWith(`${region}:`)) throw new Error(`${user.name}: GetId returned ${credentials.identityId}, not a ${region}: identity id`);
      context.log(
        `office: ${user.name} created by npm run users, signed in with SRP (NEW_PASSWORD_REQUIRED answered, wrong password refused), ` +
          `groups ${groups.join('+')}, GetId ${credentials.identityId}, GetCredentialsForIdentity gave credentials`,
      );
    }
  } finally {
    idp.destroy();
    identity.destroy();
  }
}

async function unexpectedChallenge(): Promise<string> {
  throw new Error('the second sign-in asked for a new password again: NEW_PASSWORD_REQUIRED did not stick');
}

/** The client must turn a wrong password into its plain-words error: this proves the SRP proof is checked. */
async function wrongPasswordRefused(client: ReturnType<typeof userPoolClient>, userPoolId: string, clientId: string, username: string, wrong: string) {
  try {
    await signIn({ client, userPoolId, clientId, username, password: wrong, newPassword: unexpectedChallenge });
  } catch (error) {
    if (error instanceof ClientError && /wrong password/.test(error.message)) return;
    throw new Error(`${username}: a wrong password failed the wrong way: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw new Error(`${username}: a wrong password signed in`);
}

/** GetIdentityPoolRoles answers what the roles attachment applied: Token mapping, ambiguous → Deny, the default role. */
async function identityPoolRolesAsApplied(endpoint: string, identityPoolId: string, applied: Applied): Promise<void> {
  const roles = await jsonAction<{ Roles?: Record<string, string>; RoleMappings?: Record<string, { Type: string; AmbiguousRoleResolution: string }> }>(
    endpoint,
    'cognito-identity',
    'AWSCognitoIdentityService.GetIdentityPoolRoles',
    { IdentityPoolId: identityPoolId },
  );
  const mappings = Object.values(roles.RoleMappings ?? {});
  const attachment = applied.state.resources?.find((r) => r.type === 'aws_cognito_identity_pool_roles_attachment');
  const wanted = (attachment?.instances[0]?.attributes.roles as Record<string, string> | undefined)?.authenticated;
  if (!wanted || roles.Roles?.authenticated !== wanted) throw new Error(`office: GetIdentityPoolRoles says authenticated role ${roles.Roles?.authenticated}, state says ${wanted}`);
  if (mappings.length !== 1 || mappings[0]!.Type !== 'Token' || mappings[0]!.AmbiguousRoleResolution !== 'Deny') {
    throw new Error(`office: GetIdentityPoolRoles role mappings are ${JSON.stringify(roles.RoleMappings)}, not one Token mapping with Deny`);
  }
}

/** The README's command itself: `npm run users -- …`. */
function npmUsers(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('npm', ['run', '--silent', 'users', '--', ...args], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`npm run users -- ${args.join(' ')} failed:\n${stderr || stdout}`));
      else resolve(stdout);
    });
  });
}
