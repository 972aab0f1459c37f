import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyProject } from '../support/project-copy';

// @long-running: the cdktf CLI synthesizing a copy of the project, twice

/** `npm run cdktf -- synth` (bin/cdktf.ts) on a project whose config is wrong, in a copy of the project. */
jest.setTimeout(120_000);

const copies: string[] = [];
afterAll(() => copies.forEach((copy) => rmSync(copy, { recursive: true, force: true })));

/** `npm run cdktf -- synth` in a copy of the project whose stacks/config.ts `edit` changed. */
function synthWith(edit: (config: string) => string) {
  const copy = copyProject('cdktf-cli-');
  copies.push(copy);
  const file = join(copy, 'stacks', 'config.ts');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(copy, 'bin', 'cdktf.ts'), 'synth'], {
    cwd: copy,
    env: { ...process.env, FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  return { copy, status: run.status, output: run.stdout + run.stderr };
}

test('npm run cdktf -- synth: a config error is printed once, as one line, with no stack trace', () => {
  const { copy, status, output } = synthWith((config) => config.replace(/logRetentionDays: \d+,/, 'logRetentionDays: 45,'));
  const message = 'invalid config: logRetentionDays: 45 is not a CloudWatch Logs retention value (nearest: 30;';
  expect(status).toBe(1);
  // cdktf logs an app's stderr live and again in its summary; the wrapper sends the live log to cdktf.out/cdktf.log.
  expect(output.split(message).length - 1).toBe(1);
  expect(output).not.toMatch(/^\s+at /m);
  expect(existsSync(join(copy, 'cdktf.out', 'stacks'))).toBe(false);
});

test('npm run cdktf -- synth that passes still shows each guardrail warning, once', () => {
  // COG-004 warns when the user pool's deletion protection is off.
  const { status, output } = synthWith((config) => config.replace('userPool: { deletionProtection: true }', 'userPool: { deletionProtection: false }'));
  expect(status).toBe(0);
  expect(output.match(/guardrails warning: COG-004 aws_cognito_user_pool\.\S+ \(stack office\)/g)).toHaveLength(1);
});
