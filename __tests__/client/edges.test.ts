import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointNotice, endpointOverride, isLoopback } from '../../client/aws-clients';
import { runCallCommand } from '../../client/call-command';
import { CommandIo } from '../../client/cli';
import { runUsersCommand } from '../../client/users-command';
import { OUTPUTS } from './support/outputs';

/**
 * The client's sharp edges, each closed: where tokens and passwords may be sent, and what an error may print. No
 * command here gets as far as a network call: each stops at the check under test.
 */

const SECRET = 'Typed-By-Mistake-Passw0rd!';

let folder: string;
let outputsFile: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'client-edges-'));
  outputsFile = join(folder, 'outputs.json');
  writeFileSync(outputsFile, JSON.stringify(OUTPUTS));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Printed {
  code: number;
  out: string[];
  err: string[];
}

/** Runs a command in-process with an outputs file and no terminal; everything it printed. */
async function run(command: 'call' | 'users', argv: string[], env: Record<string, string> = {}): Promise<Printed> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { env: { OFFICE_OUTPUTS_FILE: outputsFile, ...env }, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
  const code = command === 'call' ? await runCallCommand(argv, io) : await runUsersCommand(argv, io);
  return { code, out, err };
}

/** The first line of stderr (the message; the usage text follows), after checking nothing printed holds the secret. */
function firstErrorLine(printed: Printed): string {
  expect([...printed.out, ...printed.err].join('\n')).not.toContain(SECRET);
  return printed.err.join('\n').split('\n')[0]!;
}

describe('endpoint overrides', () => {
  test('loopback hosts: localhost, 127.0.0.0/8 and ::1, nothing that only starts like one', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) expect([host, isLoopback(host)]).toEqual([host, true]);
    for (const host of ['127.0.0.1.example.com', '10.0.0.5', '128.0.0.1', 'localhost.example.com', '[::2]', '0.0.0.0']) {
      expect([host, isLoopback(host)]).toEqual([host, false]);
    }
  });

  test('https anywhere and plain http to this machine are used as given', () => {
    expect(endpointOverride('userPool', { COGNITO_IDP_ENDPOINT: ' https://cognito-idp.eu-west-1.amazonaws.com ' })).toBe(
      'https://cognito-idp.eu-west-1.amazonaws.com',
    );
    expect(endpointOverride('identityPool', { COGNITO_IDENTITY_ENDPOINT: 'http://[::1]:9230' })).toBe('http://[::1]:9230');
    expect(endpointOverride('userPool', { COGNITO_IDP_ENDPOINT: '' })).toBeUndefined();
  });

  test('plain http elsewhere, other schemes, credentials in the URL and non-URLs are refused, naming the variable', () => {
    expect(() => endpointOverride('userPool', { COGNITO_IDP_ENDPOINT: 'http://cognito.example.com' })).toThrow(
      'COGNITO_IDP_ENDPOINT: http to cognito.example.com is refused: the Cognito user pool calls carry tokens and passwords, ' +
        'so use https, or plain http only to this machine (localhost, 127.0.0.1, ::1)',
    );
    expect(() => endpointOverride('identityPool', { COGNITO_IDENTITY_ENDPOINT: 'ftp://127.0.0.1' })).toThrow(
      /^COGNITO_IDENTITY_ENDPOINT: ftp to 127\.0\.0\.1 is refused: the Cognito identity pool calls carry tokens/,
    );
    expect(() => endpointOverride('userPool', { COGNITO_IDP_ENDPOINT: 'https://admin:hunter2@cognito.example.com' })).toThrow(
      'COGNITO_IDP_ENDPOINT must not carry a user name or password',
    );
    expect(() => endpointOverride('userPool', { COGNITO_IDP_ENDPOINT: 'cognito.example.com' })).toThrow(
      'COGNITO_IDP_ENDPOINT is not a URL (e.g. https://cognito-idp.us-east-1.amazonaws.com)',
    );
  });

  test('the notice: one line naming every override in effect, none without one', () => {
    const env = { COGNITO_IDP_ENDPOINT: 'http://127.0.0.1:9229', COGNITO_IDENTITY_ENDPOINT: 'https://identity.example.com' };
    expect(endpointNotice(['userPool', 'identityPool'], env)).toBe(
      'endpoint override, not AWS: user pool http://127.0.0.1:9229 (COGNITO_IDP_ENDPOINT), identity pool https://identity.example.com (COGNITO_IDENTITY_ENDPOINT)',
    );
    expect(endpointNotice(['userPool'], { COGNITO_IDENTITY_ENDPOINT: 'https://identity.example.com' })).toBeUndefined();
    expect(endpointNotice(['userPool', 'identityPool'], {})).toBeUndefined();
  });

  test('npm run call and npm run users stop with a usage error before any call', async () => {
    const call = await run('call', ['--user', 'john', '--path', '/user'], { OFFICE_PASSWORD: SECRET, COGNITO_IDENTITY_ENDPOINT: 'http://10.0.0.5:8080' });
    expect(call.code).toBe(2);
    expect(firstErrorLine(call)).toBe(
      '[call] usage: COGNITO_IDENTITY_ENDPOINT: http to 10.0.0.5 is refused: the Cognito identity pool calls carry tokens and ' +
        'passwords, so use https, or plain http only to this machine (localhost, 127.0.0.1, ::1)',
    );
    const users = await run('users', ['delete', 'john'], { COGNITO_IDP_ENDPOINT: 'http://cognito.example.com' });
    expect(users.code).toBe(2);
    expect(firstErrorLine(users)).toMatch(/^\[users\] usage: COGNITO_IDP_ENDPOINT: http to cognito\.example\.com is refused/);
  });
});

describe('error messages never repeat what was typed', () => {
  test('a stray positional (a password typed without its option)', async () => {
    const call = await run('call', ['--user', 'john', '--path', '/user', SECRET]);
    expect([call.code, firstErrorLine(call)]).toEqual([2, '[call] usage: an unexpected argument (not repeated here, in case one is a secret)']);
    const two = await run('call', ['--user', 'john', SECRET, '--path', '/user', 'x']);
    expect(firstErrorLine(two)).toBe('[call] usage: 2 unexpected arguments (not repeated here, in case one is a secret)');
    const users = await run('users', ['create', 'john', SECRET, '--group', 'User']);
    expect([users.code, firstErrorLine(users)]).toEqual([2, '[users] usage: an unexpected argument (not repeated here, in case one is a secret)']);
  });

  test('an unknown option is named by its position only', async () => {
    const call = await run('call', ['--user', 'john', `--${SECRET}`]);
    expect([call.code, firstErrorLine(call)]).toEqual([2, '[call] usage: argument 3 is not an option of this command (not repeated here, in case it is a secret)']);
    const short = await run('users', ['create', 'john', `-${SECRET}`]);
    expect(firstErrorLine(short)).toBe('[users] usage: argument 3 is not an option of this command (not repeated here, in case it is a secret)');
    const valued = await run('call', [`--pass=${SECRET}`]);
    expect(firstErrorLine(valued)).toBe('[call] usage: argument 1 is not an option of this command (not repeated here, in case it is a secret)');
  });

  test('a value in the wrong option: user name, action, group, role, path, method', async () => {
    const cases: Array<['call' | 'users', string[], string]> = [
      ['call', ['--user', SECRET, '--path', '/user'], '[call] usage: --user is not a valid user name (up to 128 letters, digits and . _ @ + -)'],
      ['users', ['create', SECRET, '--group', 'User'], '[users] usage: the user name is not valid (up to 128 letters, digits and . _ @ + -)'],
      ['users', [SECRET, 'john'], '[users] usage: the first argument must be create or delete'],
      ['users', ['create', 'john', '--group', SECRET], '[users] usage: a --group value is not a group of the stack: its groups are Admin, User'],
      [
        'call',
        ['--user', 'john', '--path', '/user', '--role', SECRET],
        '[call] outputs failed: --role is not a group of stack "office" (it has no role_arn_<Group> output for it): its groups are Admin, User',
      ],
      ['call', ['--user', 'john', '--path', SECRET], '[call] usage: --path must start with "/"'],
      ['call', ['--user', 'john', '--path', '/user', '--method', SECRET], '[call] usage: --method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS'],
    ];
    for (const [command, argv, message] of cases) {
      const printed = await run(command, argv, { OFFICE_PASSWORD: 'Not-Used-Passw0rd!' });
      expect([argv, firstErrorLine(printed)]).toEqual([argv, message]);
    }
  });
});
