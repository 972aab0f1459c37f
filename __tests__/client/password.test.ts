import { PassThrough } from 'node:stream';
import { passwordEnvNames, readPassword, readSecret, Terminal } from '../../client/password';

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
