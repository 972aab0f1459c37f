import { randomUUID } from 'node:crypto';
import type { Simulator } from '../../../access/simulate';
import { listen, readRequest } from './aws-json-server';
import { KeyStore } from './identity-pool-server';
import { verify } from './sigv4-verify';

export interface ApiOptions {
  sim: Simulator;
  region: string;
  keys: KeyStore;
  now?: () => Date;
}

export interface ApiStandIn {
  /** The origin; the invoke URL is `<origin>/<stage>`. */
  origin: string;
  /** What each request was decided as, for assertions. */
  seen: Array<{ method: string; path: string; status: number; roleArn?: string; reason: string }>;
  close(): Promise<void>;
}

/**
 * A stand-in for API Gateway's AWS_IAM methods: it verifies the SigV4 signature itself (with the secret the stand-in
 * identity pool issued), then answers with the access simulator's decision for the role those credentials belong to:
 * the IAM verdict in API Gateway's words, or the real handler's answer.
 */
export async function startApi(options: ApiOptions): Promise<ApiStandIn> {
  const seen: ApiStandIn['seen'] = [];
  const now = () => (options.now ?? (() => new Date()))();
  const { port, close } = await listen((req, res) => {
    void (async () => {
      const reply = (status: number, body: string, errorType?: string) => {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'x-amzn-requestid': randomUUID(),
          date: now().toUTCString(),
        };
        if (errorType) headers['x-amzn-errortype'] = errorType;
        res.writeHead(status, headers).end(body);
      };
      try {
        const request = await readRequest(req);
        const verdict = verify(request, {
          region: options.region,
          service: 'execute-api',
          now: now(),
          lookup: (id) => options.keys.get(id),
        });
        if (!verdict.ok) {
          seen.push({ method: request.method, path: request.path, status: verdict.status, reason: verdict.message });
          return reply(verdict.status, JSON.stringify({ message: verdict.message }), verdict.errorType);
        }
        const key = options.keys.get(verdict.accessKeyId)!;
        const [, stage = '', ...rest] = request.path.split('/');
        const path = `/${rest.map((s) => decodeURIComponent(s)).join('/')}`;
        const result = await options.sim.invoke(key.roleArn, key.identityId, { method: request.method, path, stage });
        const status = typeof result.status === 'number' ? result.status : 500;
        seen.push({ method: request.method, path: request.path, status, roleArn: key.roleArn, reason: result.reason });
        const missing = /Missing Authentication Token/.test(result.body);
        reply(status, result.body, status !== 403 ? undefined : missing ? 'MissingAuthenticationTokenException' : 'AccessDeniedException');
      } catch (error) {
        reply(500, JSON.stringify({ message: `stand-in failure: ${String(error)}` }));
      }
    })();
  });
  return { origin: `http://127.0.0.1:${port}`, seen, close };
}
