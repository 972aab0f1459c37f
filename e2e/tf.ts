import { spawn } from 'node:child_process';
import { missingTerraformMessage } from '../terraform/cli';

/** Terraform processes still running, so an interrupted e2e can stop them by PID. */
export const runningTerraform = new Set<number>();

export interface TfRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** One terraform command; resolves with its exit code (plan -detailed-exitcode uses 2), rejects only if it cannot start. */
export function tf(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<TfRun> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args, '-no-color'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid) runningTerraform.add(child.pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code === 'ENOENT' ? missingTerraformMessage() : error.message)));
    child.on('close', (code, signal) => {
      if (child.pid) runningTerraform.delete(child.pid);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        ms: performance.now() - start,
      });
    });
  });
}
