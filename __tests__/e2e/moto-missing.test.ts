import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto } from '../../e2e/moto-server';

jest.setTimeout(60_000);

/** Issue 12: "If moto is missing, it fails with a message that says how to install it." */
describe('startMoto without moto', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'moto-missing-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('no Python at all: names the interpreter and the install command', async () => {
    await expect(startMoto(folder, { ...process.env, E2E_PYTHON: join(folder, 'no-such-python') })).rejects.toThrow(
      `${join(folder, 'no-such-python')} not found: install Python 3 and moto's server (pip install 'moto[server]')`,
    );
  });

  test('a Python without moto (site-packages off): the launcher says how to install it', async () => {
    const python = join(folder, 'python-without-site');
    writeFileSync(python, '#!/bin/sh\nexec python3 -S "$@"\n');
    chmodSync(python, 0o755);
    await expect(startMoto(folder, { ...process.env, E2E_PYTHON: python })).rejects.toThrow(
      `moto's server is not installed for ${python}: pip install 'moto[server]'`,
    );
  });
});
