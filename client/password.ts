import { ClientError } from './errors';

/** A password comes from the environment or is typed at the terminal; never from Terraform state or the repo. */
export type PasswordKind = 'password' | 'new-password';

type Env = Record<string, string | undefined>;

/** A terminal to ask on: stdin in raw mode, and an output that only ever sees the prompt. */
export interface Terminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  output: NodeJS.WritableStream;
}

/**
 * Variables checked in order: the user's own, then the shared one. OFFICE_PASSWORD_JOHN, OFFICE_PASSWORD;
 * OFFICE_NEW_PASSWORD_JOHN, OFFICE_NEW_PASSWORD for the permanent password set on the first sign-in.
 */
export function passwordEnvNames(username: string, kind: PasswordKind): string[] {
  const base = kind === 'password' ? 'OFFICE_PASSWORD' : 'OFFICE_NEW_PASSWORD';
  const suffix = username.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return [`${base}_${suffix}`, base];
}

export interface PasswordRequest {
  username: string;
  kind: PasswordKind;
  env: Env;
  terminal?: Terminal;
  /** Shown at the terminal, e.g. "Password for john: ". */
  prompt: string;
}

/** From the environment first, else typed at the terminal without echo; an error if neither is possible. */
export async function readPassword(request: PasswordRequest): Promise<string> {
  for (const name of passwordEnvNames(request.username, request.kind)) {
    const value = request.env[name];
    if (value) return value;
  }
  const terminal = request.terminal;
  if (!terminal?.input.isTTY || !terminal.input.setRawMode) {
    const names = passwordEnvNames(request.username, request.kind).join(' or ');
    const what = request.kind === 'password' ? `the password of "${request.username}"` : `a new permanent password for "${request.username}" (first sign-in)`;
    throw new ClientError('password', `${what} is needed: set ${names}, or run in a terminal to type it`);
  }
  const value = await readSecret(request.prompt, terminal);
  if (!value) throw new ClientError('password', 'no password typed');
  return value;
}

/**
 * Reads one line from a TTY in raw mode, echoing nothing. Backspace edits; Ctrl-C or Ctrl-D on an empty line
 * aborts. The terminal is restored however it ends.
 */
export function readSecret(prompt: string, terminal: Terminal): Promise<string> {
  const { input, output } = terminal;
  return new Promise<string>((resolve, reject) => {
    let value = '';
    output.write(prompt);
    input.setRawMode!(true);
    input.resume();
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode!(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new ClientError('password', 'cancelled'));
        if (char === '\u0004') {
          if (value === '') return finish(new ClientError('password', 'cancelled'));
          return finish();
        }
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    input.on('data', onData);
  });
}

/** A one-time TOTP code: OFFICE_MFA_CODE, else typed at the terminal. */
export async function readMfaCode(env: Env, terminal?: Terminal): Promise<string> {
  if (env.OFFICE_MFA_CODE) return env.OFFICE_MFA_CODE;
  if (!terminal?.input.isTTY || !terminal.input.setRawMode) {
    throw new ClientError('password', 'an MFA code is needed: set OFFICE_MFA_CODE, or run in a terminal to type it');
  }
  return readSecret('MFA code: ', terminal);
}
