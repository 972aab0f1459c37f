import { ClientError } from './errors';

/** A password comes from the environment or is typed at the terminal; never from Terraform state or the repo. */
export type PasswordKind = 'password' | 'new-password';

type Env = Record<string, string | undefined>;

/** Where SIGINT and SIGTERM arrive, and how one is raised again: `process`, or a stand-in in tests. */
export type Signals = Pick<NodeJS.Process, 'once' | 'removeListener' | 'kill' | 'pid'>;

/** A terminal to ask on: stdin in raw mode, and an output that only ever sees the prompt. */
export interface Terminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  output: NodeJS.WritableStream;
  /** Default `process`. */
  signals?: Signals;
}

/** The signals that end a prompt: the terminal is put back, then the signal is raised again so the process ends as asked. */
const PROMPT_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * The client's secrets in the environment: the passwords (passwordEnvNames) and the MFA code. Child processes
 * (terraform output) get the environment without them.
 */
export function isSecretEnvName(name: string): boolean {
  return /^OFFICE_(NEW_)?PASSWORD(_|$)/.test(name) || name === 'OFFICE_MFA_CODE';
}

/** The environment minus the client's secrets (isSecretEnvName), for a child process. */
export function withoutSecrets(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !isSecretEnvName(name)));
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
 * aborts. The terminal is restored however it ends, including on SIGINT or SIGTERM (e.g. `kill`), which is then
 * raised again.
 */
export function readSecret(prompt: string, terminal: Terminal): Promise<string> {
  const { input, output } = terminal;
  const signals: Signals = terminal.signals ?? process;
  return new Promise<string>((resolve, reject) => {
    let value = '';
    output.write(prompt);
    input.setRawMode!(true);
    input.resume();
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      for (const signal of PROMPT_SIGNALS) signals.removeListener(signal, onSignal);
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
    const onSignal = (signal: NodeJS.Signals) => {
      finish(new ClientError('password', `cancelled by ${signal}`));
      // Our listener is gone: the default action (end the process) applies to the signal raised again.
      signals.kill(signals.pid, signal);
    };
    input.on('data', onData);
    for (const signal of PROMPT_SIGNALS) signals.once(signal, onSignal);
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
