import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { isSecretEnvName, passwordEnvNames, readPassword, readSecret, Signals, Terminal, withoutSecrets } from '../../client/password';

/** A fake TTY: input we type into, output we read back to prove nothing but the prompt was echoed. */
function fakeTerminal(): { terminal: Terminal; type: (text: string) => void; shown: () => string; rawModes: boolean[] } {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (mode: boolean) => void };
  const rawModes: boolean[] = [];
  input.isTTY = true;
  input.setRawMode = (mode) => void rawModes.push(mode);
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
  return { terminal: { input, output }, type: (text) => input.write(text), shown: () => shown, rawModes };
}

test('env names: the user’s own first, then the shared one', () => {
  expect(passwordEnvNames('john', 'password')).toEqual(['OFFICE_PASSWORD_JOHN', 'OFFICE_PASSWORD']);
  expect(passwordEnvNames('rose.smith', 'new-password')).toEqual(['OFFICE_NEW_PASSWORD_ROSE_SMITH', 'OFFICE_NEW_PASSWORD']);
});

test('the environment wins over the terminal', async () => {
  const env = { OFFICE_PASSWORD: 'shared', OFFICE_PASSWORD_JOHN: 'johns' };
  await expect(readPassword({ username: 'john', kind: 'password', env, prompt: '' })).resolves.toBe('johns');
  await expect(readPassword({ username: 'rose', kind: 'password', env, prompt: '' })).resolves.toBe('shared');
});

test('without a variable or a terminal, the error names the variables', async () => {
  await expect(readPassword({ username: 'john', kind: 'new-password', env: {}, prompt: '' })).rejects.toThrow(
    'a new permanent password for "john" (first sign-in) is needed: set OFFICE_NEW_PASSWORD_JOHN or OFFICE_NEW_PASSWORD, or run in a terminal to type it',
  );
});

test('typed at a terminal: raw mode, no echo, backspace edits, the terminal is restored', async () => {
  const t = fakeTerminal();
  const read = readPassword({ username: 'john', kind: 'password', env: {}, terminal: t.terminal, prompt: 'Password for john: ' });
  t.type('Secret-Passw');
  t.type('x\u007f');
  t.type('ord-1!\r');
  await expect(read).resolves.toBe('Secret-Password-1!');
  expect(t.shown()).toBe('Password for john: \n');
  expect(t.rawModes).toEqual([true, false]);
});

test('Ctrl-C cancels', async () => {
  const t = fakeTerminal();
  const read = readSecret('Password: ', t.terminal);
  t.type('abc\u0003');
  await expect(read).rejects.toThrow('cancelled');
  expect(t.rawModes).toEqual([true, false]);
});

/** A stand-in for `process` as a signal source: emit() delivers a signal, kill() records the signal raised again. */
function fakeSignals(): { signals: Signals; emit: (signal: NodeJS.Signals) => void; raised: Array<[number, string]>; listening: () => number } {
  const emitter = new EventEmitter();
  const raised: Array<[number, string]> = [];
  const signals = {
    pid: 4242,
    once: (event: string, listener: (...args: unknown[]) => void) => emitter.once(event, listener),
    removeListener: (event: string, listener: (...args: unknown[]) => void) => emitter.removeListener(event, listener),
    kill: (pid: number, signal?: string | number) => void raised.push([pid, String(signal)]),
  } as unknown as Signals;
  return {
    signals,
    emit: (signal) => emitter.emit(signal, signal),
    raised,
    listening: () => emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM'),
  };
}

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during the prompt', (signal) => {
  test('puts the terminal back out of raw mode, then raises the signal again so the process ends', async () => {
    const t = fakeTerminal();
    const s = fakeSignals();
    const read = readSecret('Password: ', { ...t.terminal, signals: s.signals });
    t.type('half-typed');
    expect(s.listening()).toBe(2);
    s.emit(signal);
    await expect(read).rejects.toThrow(`cancelled by ${signal}`);
    expect(t.rawModes).toEqual([true, false]);
    expect(t.shown()).toBe('Password: \n');
    expect(s.raised).toEqual([[4242, signal]]);
    expect(s.listening()).toBe(0);
  });
});

test('a prompt that ends normally leaves no signal listener behind', async () => {
  const t = fakeTerminal();
  const s = fakeSignals();
  const read = readSecret('Password: ', { ...t.terminal, signals: s.signals });
  t.type('Secret-1!\r');
  await expect(read).resolves.toBe('Secret-1!');
  expect(s.listening()).toBe(0);
  expect(s.raised).toEqual([]);
});

test('the secrets a child process never sees: every password variable and the MFA code', () => {
  const env = {
    OFFICE_PASSWORD: 'a',
    OFFICE_PASSWORD_JOHN: 'b',
    OFFICE_NEW_PASSWORD: 'c',
    OFFICE_NEW_PASSWORD_ROSE_SMITH: 'd',
    OFFICE_MFA_CODE: '123456',
    OFFICE_OUTPUTS_FILE: 'outputs.json',
    OFFICE_PASSWORDLESS: 'not ours',
    AWS_PROFILE: 'deploy',
    AWS_SECRET_ACCESS_KEY: 'terraform reads state with it',
    PATH: '/usr/bin',
  };
  expect(withoutSecrets(env)).toEqual({
    OFFICE_OUTPUTS_FILE: 'outputs.json',
    OFFICE_PASSWORDLESS: 'not ours',
    AWS_PROFILE: 'deploy',
    AWS_SECRET_ACCESS_KEY: 'terraform reads state with it',
    PATH: '/usr/bin',
  });
  for (const name of passwordEnvNames('john', 'password').concat(passwordEnvNames('john', 'new-password'))) expect(isSecretEnvName(name)).toBe(true);
});
