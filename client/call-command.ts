import { endpointNotice } from './aws-clients';
import { callApi, CallDeps, CallReport } from './call';
import { CommandIo, parseCommandLine, runCommand, stringOption, unexpectedArguments } from './cli';
import { ClientError } from './errors';
import { USERNAME, USERNAME_RULE } from './users';

export const CALL_USAGE =
  'usage: npm run call -- --user <name> --path </path> [--role <Group>] [--stack office] [--method GET] ' +
  '[--outputs <file>] [--outdir cdktf.out]';

/**
 * `npm run call`: sign in as a user, get the identity pool's credentials, call the API with SigV4, print what came
 * back. Exit 0 for a 2xx answer, 1 for any failure (including 4xx/5xx), 2 for a usage error.
 */
export function runCallCommand(argv: string[], io: CommandIo, deps: Pick<CallDeps, 'now' | 'runTerraform'> = {}): Promise<number> {
  return runCommand('call', io, async () => {
    const args = parseCommandLine(
      argv,
      {
        user: { type: 'string', short: 'u' },
        path: { type: 'string', short: 'p' },
        role: { type: 'string', short: 'r' },
        stack: { type: 'string' },
        method: { type: 'string' },
        outputs: { type: 'string' },
        outdir: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      CALL_USAGE,
    );
    if (args.values.help) {
      io.stdout(CALL_USAGE);
      return 0;
    }
    if (args.positionals.length) throw unexpectedArguments(args.positionals, CALL_USAGE);
    const user = stringOption(args, 'user');
    const path = stringOption(args, 'path');
    if (!user || !path) throw new ClientError('usage', `--user and --path are required\n${CALL_USAGE}`);
    if (!USERNAME.test(user)) throw new ClientError('usage', `--user is not a valid user name (${USERNAME_RULE})`);
    const notice = endpointNotice(['userPool', 'identityPool'], io.env);
    if (notice) io.stderr(`[call] ${notice}`);

    const report = await callApi(
      {
        user,
        path,
        role: stringOption(args, 'role'),
        stack: stringOption(args, 'stack'),
        method: stringOption(args, 'method'),
        outputsFile: stringOption(args, 'outputs') ?? io.env.OFFICE_OUTPUTS_FILE,
        outdir: stringOption(args, 'outdir'),
      },
      { env: io.env, terminal: io.terminal, log: (line) => io.stderr(`[call] ${line}`), ...deps },
    );
    for (const line of formatReport(report)) io.stdout(line);
    if (report.problem) {
      io.stderr(`[call] api failed: ${report.problem}`);
      return 1;
    }
    return 0;
  });
}

const ROLE_SOURCES = {
  response: "from the caller ARN API Gateway passed to the handler",
  requested: 'the role asked for with --role',
  preferred: "the ID token's preferred role",
} as const;

/** The report as printed: no password, token or key, ever. */
export function formatReport(report: CallReport): string[] {
  const role = report.role
    ? `${report.role.name}${report.role.group ? ` (group ${report.role.group})` : ''}; ${ROLE_SOURCES[report.role.source]}`
    : 'unknown';
  return [
    `${report.method} ${report.url}`,
    `user:     ${report.user} (groups: ${report.groups.length ? report.groups.join(', ') : 'none'})`,
    `identity: ${report.identityId}`,
    `role:     ${role}`,
    `status:   ${report.response.status} ${report.response.statusText}`.trimEnd(),
    `body:     ${report.response.body}`,
  ];
}
