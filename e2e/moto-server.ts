import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** Where users get moto's server from; said whenever it is missing. */
export const INSTALL_MOTO = "pip install 'moto[server]'";

/** The Python that runs moto: E2E_PYTHON, else python3. */
export function motoPython(env: NodeJS.ProcessEnv = process.env): string {
  return env.E2E_PYTHON?.trim() || 'python3';
}

export interface MotoServer {
  pid: number;
  /** TLS endpoint (aws:SecureTransport true): what Terraform talks to. */
  https: string;
  /** Plain HTTP endpoint on the same in-memory AWS (aws:SecureTransport false). */
  http: string;
  /** The throw-away CA that signed the HTTPS certificate. */
  caFile: string;
  version: string;
  shims: string[];
  /** Stops the server by its PID; safe to call twice. */
  stop(): Promise<void>;
  stopped(): boolean;
}

interface ReadyLine {
  https: number;
  http: number;
  ca: string;
  moto: string;
  shims: string[];
}

/**
 * Starts e2e/moto/server.py (moto's server with the e2e shims) on free 127.0.0.1 ports, with its certificates in
 * `folder`. It resolves once the server prints its ports; a missing moto rejects with the install command.
 */
export function startMoto(folder: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 30_000): Promise<MotoServer> {
  const python = motoPython(env);
  const child = spawn(python, [join(__dirname, 'moto', 'server.py'), folder], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // moto's own setting: without it moto knows no AWS managed policy, and attaching
    // AmazonAPIGatewayPushToCloudWatchLogs fails with NoSuchEntity.
    env: { ...env, PYTHONUNBUFFERED: '1', MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise<MotoServer>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(`moto's server did not report its ports within ${timeoutMs / 1000} s`), timeoutMs);
    const fail = (message: string) => {
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      reject(new Error(message));
    };
    child.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? `${python} not found: install Python 3 and moto's server (${INSTALL_MOTO})` : error.message),
    );
    child.on('exit', (code) => {
      if (code === 3 || /No module named/.test(stderr)) fail(`moto's server is not installed for ${python}: ${INSTALL_MOTO}`);
      else fail(`moto's server exited (code ${code}) before it was ready:\n${stderr.trim()}`);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line || !stdout.includes('\n')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const ready = JSON.parse(line) as ReadyLine;
      resolve({
        pid: child.pid!,
        https: `https://127.0.0.1:${ready.https}`,
        http: `http://127.0.0.1:${ready.http}`,
        caFile: ready.ca,
        version: ready.moto,
        shims: ready.shims,
        stop: () => stopChild(child),
        stopped: () => child.exitCode !== null || child.signalCode !== null,
      });
    });
  });
}

/** SIGTERM to that one PID, SIGKILL after 5 s if it is still there. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
