import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyProject } from '../support/project-copy';

/** `npm run cdktf -- synth` (bin/cdktf.ts) on a project whose config is wrong, in a copy of the project. */
jest.setTimeout(120_000);

let copy: string;
afterAll(() => rmSync(copy, { recursive: true, force: true }));

test('npm run cdktf -- synth: a config error is printed once, as one line, with no stack trace', () => {
  copy = copyProject('cdktf-cli-');
  const file = join(copy, 'stacks', 'config.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/logRetentionDays: \d+,/, 'logRetentionDays: 45,'));
  const run = spawnSync(process.execPath, [join(copy, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(copy, 'bin', 'cdktf.ts'), 'synth'], {
    cwd: copy,
    env: { ...process.env, FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  const output = run.stdout + run.stderr;
  const message = 'invalid config: logRetentionDays: 45 is not a CloudWatch Logs retention value (nearest: 30;';
  expect(run.status).toBe(1);
  // cdktf logs an app's stderr live and again in its summary; the wrapper sends the live log to cdktf.out/cdktf.log.
  expect(output.split(message).length - 1).toBe(1);
  expect(output).not.toMatch(/^\s+at /m);
  expect(existsSync(join(copy, 'cdktf.out', 'stacks'))).toBe(false);
});
