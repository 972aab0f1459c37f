import { CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import { endpointFor, endpointNotice, userPoolClient } from './aws-clients';
import { CommandIo, ParsedArgs, parseCommandLine, runCommand, stringOption, unexpectedArguments } from './cli';
import { ClientError } from './errors';
import { readPassword } from './password';
import { OutputsReader, readStackOutputs, StackOutputs } from './stack-outputs';
import { createUser, deleteUser, USERNAME, USERNAME_RULE } from './users';

export const USERS_USAGE = [
  'usage: npm run users -- create <name> --group <Group> [--group <Group>…] [--email <address>] [--permanent]',
  '       npm run users -- delete <name>',
  '  common: [--stack office] [--outputs <file>] [--outdir cdktf.out]',
  '  The password is read from OFFICE_PASSWORD_<NAME> or OFFICE_PASSWORD, else typed at the terminal (no echo).',
  '  Without --permanent it is temporary: the first sign-in (npm run call) sets the permanent one.',
].join('\n');

export interface UsersDeps {
  runTerraform?: OutputsReader;
  /** AWS credentials for the admin API; default: the SDK's chain (AWS_PROFILE, env, SSO…). */
  credentials?: CognitoIdentityProviderClientConfig['credentials'];
}

/** `npm run users`: create or delete demo users with Cognito's admin API. */
export function runUsersCommand(argv: string[], io: CommandIo, deps: UsersDeps = {}): Promise<number> {
  return runCommand('users', io, async () => {
    const args = parseCommandLine(
      argv,
      {
        group: { type: 'string', short: 'g', multiple: true },
        email: { type: 'string' },
        permanent: { type: 'boolean' },
        stack: { type: 'string' },
        outputs: { type: 'string' },
        outdir: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      USERS_USAGE,
    );
    if (args.values.help) {
      io.stdout(USERS_USAGE);
      return 0;
    }
    // No message repeats a positional: a password typed there by mistake must not be printed.
    const [action, username, ...rest] = args.positionals;
    if (action !== 'create' && action !== 'delete') throw new ClientError('usage', `the first argument must be create or delete\n${USERS_USAGE}`);
    if (!username) throw new ClientError('usage', `one user name is needed\n${USERS_USAGE}`);
    if (rest.length) throw unexpectedArguments(rest, USERS_USAGE);
    if (!USERNAME.test(username)) throw new ClientError('usage', `the user name is not valid (${USERNAME_RULE})`);
    const notice = endpointNotice(['userPool'], io.env);
    if (notice) io.stderr(`[users] ${notice}`);

    const stack = stringOption(args, 'stack') ?? 'office';
    const outputs = await readStackOutputs({
      stack,
      outdir: stringOption(args, 'outdir'),
      outputsFile: stringOption(args, 'outputs') ?? io.env.OFFICE_OUTPUTS_FILE,
      runTerraform: deps.runTerraform,
    });
    const client = userPoolClient({ region: outputs.region, env: io.env, credentials: deps.credentials });
    const target = { client, userPoolId: outputs.userPoolId, endpoint: endpointFor('userPool', outputs.region, io.env) };
    try {
      if (action === 'delete') {
        await deleteUser(target, username);
        io.stdout(`deleted ${username} from user pool ${outputs.userPoolId}`);
        return 0;
      }
      const groups = groupsOf(args, outputs);
      const permanent = args.values.permanent === true;
      const password = await readPassword({
        username,
        kind: 'password',
        env: io.env,
        terminal: io.terminal,
        prompt: `${permanent ? 'Password' : 'Temporary password'} for ${username}: `,
      });
      const email = stringOption(args, 'email') ?? `${username.toLowerCase()}@example.com`;
      await createUser(target, { username, email, groups, password, permanent });
      io.stdout(`created ${username} <${email}> in user pool ${outputs.userPoolId}, groups: ${groups.join(', ')}`);
      io.stdout(
        permanent
          ? `the password is permanent: npm run call -- --user ${username} --path /user`
          : `the password is temporary: the first sign-in (npm run call -- --user ${username} --path /user) sets the ` +
              `permanent one from OFFICE_NEW_PASSWORD_${username.toUpperCase().replace(/[^A-Z0-9]+/g, '_')} or the terminal`,
      );
      return 0;
    } finally {
      client.destroy();
    }
  });
}

/** The --group values, each checked against the stack's groups (its role_arn_<Group> outputs). */
function groupsOf(args: ParsedArgs, outputs: StackOutputs): string[] {
  const raw = args.values.group;
  const groups = [...new Set(Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [])];
  const known = Object.keys(outputs.groupRoles);
  if (groups.length === 0) throw new ClientError('usage', `at least one --group is needed (the stack's groups: ${known.join(', ')})`);
  const unknown = groups.filter((g) => !known.includes(g));
  if (unknown.length) {
    const which = unknown.length === 1 ? 'a --group value is' : `${unknown.length} --group values are`;
    throw new ClientError('usage', `${which} not a group of the stack: its groups are ${known.join(', ')}`);
  }
  return groups;
}
