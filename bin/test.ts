/**
 * npm test [-- <Jest options>]: the type check (tsc --noEmit) and Jest at the same time, since Jest's global setup
 * and the type check each keep one core busy for seconds; the exit status is non-zero when either fails. The type
 * check is incremental (its build info in node_modules/.cache), so a rerun checks only what changed.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { projectCacheDir } from '../terraform/project-cache';

const ROOT = resolve(__dirname, '..');

function run(args: string[], quiet: boolean): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => done({ code: 1, output: error.message }));
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function main(): Promise<number> {
  const buildInfo = join(projectCacheDir('tsc'), 'tsconfig.tsbuildinfo');
  // tsc's report waits until Jest is done, so it does not land in the middle of Jest's.
  const typecheck = run([require.resolve('typescript/bin/tsc'), '--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', buildInfo], true);
  const jest = await run([require.resolve('jest/bin/jest'), '--ci', ...process.argv.slice(2)], false);
  const types = await typecheck;
  if (types.code !== 0) process.stderr.write(`\ntype check (tsc --noEmit) failed:\n${types.output}`);
  return jest.code || types.code;
}

void main().then((code) => (process.exitCode = code));
