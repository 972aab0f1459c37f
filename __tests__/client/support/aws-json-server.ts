import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A service error as AWS JSON 1.1 protocols send it: status 400, `{"__type": …, "message": …}`. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface RawRequest {
  method: string;
  /** Path as it arrived, still encoded, without the query. */
  path: string;
  query: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

export type Operation = (input: Record<string, unknown>, request: RawRequest) => unknown;

export interface StartedServer {
  url: string;
  port: number;
  /** Every call seen, for assertions: operation name and input. Inputs may hold passwords: tests only. */
  calls: Array<{ operation: string; input: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Reads a request fully (bounded: stand-ins never need more than 1 MiB). */
export function readRequest(req: IncomingMessage): Promise<RawRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1 << 20) req.destroy(new Error('request too large'));
      else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      const headers: Array<[string, string]> = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      resolve({
        method: req.method ?? 'GET',
        path: q < 0 ? target : target.slice(0, q),
        query: q < 0 ? '' : target.slice(q + 1),
        headers,
        body: Buffer.concat(chunks),
      });
    });
  });
}

/** Listens on 127.0.0.1 at a free port; close() also drops kept-alive connections so tests end at once. */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An AWS JSON 1.1 service (`X-Amz-Target: <prefix>.<Operation>`) answering the operations given. */
export async function startAwsJsonServer(prefix: string, operations: Record<string, Operation>): Promise<StartedServer> {
  const calls: StartedServer['calls'] = [];
  const { port, close } = await listen((req, res) => {
    void (async () => {
      const send = (status: number, body: unknown, errorType?: string) => {
        const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${calls.length}` };
        if (errorType) headers['x-amzn-errortype'] = errorType;
        res.writeHead(status, headers).end(JSON.stringify(body));
      };
      try {
        const request = await readRequest(req);
        const target = String(req.headers['x-amz-target'] ?? '');
        const operation = target.startsWith(`${prefix}.`) ? target.slice(prefix.length + 1) : '';
        const handler = operations[operation];
        if (req.method !== 'POST' || !handler) throw new AwsError('UnknownOperationException', `unknown operation "${target}"`);
        const input = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
        calls.push({ operation, input });
        send(200, (await handler(input, request)) ?? {});
      } catch (error) {
        if (error instanceof AwsError) send(error.status, { __type: error.type, message: error.message }, error.type);
        else send(500, { __type: 'InternalErrorException', message: String(error) }, 'InternalErrorException');
      }
    })();
  });
  return { url: `http://127.0.0.1:${port}`, port, calls, close };
}
