import { createServer as createTcpServer, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { ClientError } from '../../client/errors';
import { ApiResponse, explainResponse, gatewayMessage, signedRequest, toSignable } from '../../client/sigv4-call';
import { listen, readRequest, RawRequest } from './support/aws-json-server';
import { verify } from './support/sigv4-verify';

/**
 * client/sigv4-call.ts on its own: the request that goes on the wire (checked by the stand-in's SigV4 verifier), how
 * each way of failing to get an answer is reported, and API Gateway's documented answers in plain words.
 */

const CREDENTIALS = { accessKeyId: 'ASIAEXAMPLEKEY', secretAccessKey: 'secret/key+example', sessionToken: 'session-token-example' };
const SIGNED_AT = new Date('2026-01-02T03:04:05Z');

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  expect((error as ClientError).step).toBe('api');
  return error as ClientError;
}

/** A port nothing listens on: one the system handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A raw TCP server that answers every connection with `answer(socket)`. */
async function tcpServer(answer: (socket: Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    answer(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('signedRequest', () => {
  test('sends the request as signed (SigV4, execute-api, session token) and returns the answer as received', async () => {
    let seen: RawRequest | undefined;
    const api = await listen((req, res) => {
      void readRequest(req).then((request) => {
        seen = request;
        res.writeHead(404, 'Not Found', { 'content-type': 'application/json', 'x-amzn-errortype': 'NotFoundException' });
        // "é" split across two chunks: the body is decoded once, whole.
        const body = Buffer.from('{"message":"café"}');
        res.write(body.subarray(0, 15));
        setTimeout(() => res.end(body.subarray(15)), 10);
      });
    });
    try {
      const url = new URL(`http://127.0.0.1:${api.port}/api/a%20b?x=1&x=2&x=3`);
      const response = await signedRequest({ method: 'post', url, region: 'eu-west-1', credentials: CREDENTIALS, now: () => SIGNED_AT });
      expect(response).toMatchObject({ status: 404, statusText: 'Not Found', body: '{"message":"café"}', signedAt: SIGNED_AT });
      expect(response.headers['x-amzn-errortype']).toBe('NotFoundException');

      expect(seen).toMatchObject({ method: 'POST', path: '/api/a%20b', query: 'x=1&x=2&x=3' });
      const headers = Object.fromEntries(seen!.headers.map(([name, value]) => [name.toLowerCase(), value]));
      expect(headers).toMatchObject({ 'x-amz-date': '20260102T030405Z', 'x-amz-security-token': CREDENTIALS.sessionToken });
      expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY\/20260102\/eu-west-1\/execute-api\/aws4_request, /);
      // API Gateway's own check of the signature accepts it, with the key only the signer knew.
      const lookup = (id: string) => (id === CREDENTIALS.accessKeyId ? { secretAccessKey: CREDENTIALS.secretAccessKey, sessionToken: CREDENTIALS.sessionToken } : undefined);
      expect(verify(seen!, { region: 'eu-west-1', service: 'execute-api', now: SIGNED_AT, lookup })).toMatchObject({ ok: true });
    } finally {
      await api.close();
    }
  });

  test('repeated query keys keep every value, in order', () => {
    expect(toSignable('GET', new URL('https://abc.execute-api.us-east-1.amazonaws.com/api?k=1&k=2&k=3&j=x')).query).toEqual({ k: ['1', '2', '3'], j: 'x' });
  });

  test('nothing listening, over https: "could not reach the API" with the origin', async () => {
    const port = await closedPort();
    const error = await rejection(signedRequest({ method: 'GET', url: new URL(`https://127.0.0.1:${port}/api/user`), region: 'us-east-1', credentials: CREDENTIALS }));
    expect(error.message).toBe(`could not reach the API at https://127.0.0.1:${port} (ECONNREFUSED): nothing is listening there`);
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  test('no answer within the timeout: ETIMEDOUT', async () => {
    const silent = await tcpServer(() => undefined);
    try {
      const url = new URL(`http://127.0.0.1:${silent.port}/api/user`);
      const error = await rejection(signedRequest({ method: 'GET', url, region: 'us-east-1', credentials: CREDENTIALS, timeoutMs: 150 }));
      expect(error.message).toBe(`could not reach the API at http://127.0.0.1:${silent.port} (ETIMEDOUT): check the network`);
      expect(error.cause).toMatchObject({ code: 'ETIMEDOUT', message: 'request timed out' });
    } finally {
      await silent.close();
    }
  });

  test('an answer that is not HTTP: "request failed" with the parser\'s words', async () => {
    const garbage = await tcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    try {
      const url = new URL(`http://127.0.0.1:${garbage.port}/api/user`);
      const error = await rejection(signedRequest({ method: 'GET', url, region: 'us-east-1', credentials: CREDENTIALS }));
      expect(error.message).toMatch(/^request failed: Parse Error: /);
    } finally {
      await garbage.close();
    }
  });

  test('an answer cut off mid-body', async () => {
    const api = await listen((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    try {
      const url = new URL(`http://127.0.0.1:${api.port}/api/user`);
      const error = await rejection(signedRequest({ method: 'GET', url, region: 'us-east-1', credentials: CREDENTIALS }));
      expect(error.message).toBe(`the answer of http://127.0.0.1:${api.port} was cut off (ECONNRESET): try again`);
      expect(error.cause).toMatchObject({ code: 'ECONNRESET' });
    } finally {
      await api.close();
    }
  });
});

describe("explainResponse: API Gateway's answers (API Gateway Developer Guide, gateway responses and IAM 403s)", () => {
  const context = { method: 'GET', path: '/admin', stage: 'api', username: 'john' };
  const answer = (status: number, body: string, headers: Record<string, string> = {}): ApiResponse => ({
    status,
    statusText: '',
    headers,
    body,
    signedAt: new Date('2026-01-02T12:00:00Z'),
  });
  const json = (message: string, key = 'message') => JSON.stringify({ [key]: message });

  test('2xx is success: nothing to explain', () => {
    for (const status of [200, 201, 204, 299]) expect(explainResponse(answer(status, ''), context)).toBeUndefined();
  });

  test('IAM denial of execute-api:Invoke names the user, route and role', () => {
    const deny = json(
      'User: arn:aws:sts::123456789012:assumed-role/office-dev-User/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:abc/api/GET/admin',
      'Message',
    );
    expect(explainResponse(answer(403, deny), { ...context, role: 'office-dev-User' })).toBe(
      '"john" may not call GET /admin: the role office-dev-User has no permission for it (HTTP 403). AWS said: User: arn:aws:sts::123456789012:assumed-role/office-dev-User/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:abc/api/GET/admin',
    );
    expect(explainResponse(answer(403, deny), context)).toMatch(/^"john" may not call GET \/admin: this role has no permission for it \(HTTP 403\)\. AWS said: User: /);
  });

  test('Missing Authentication Token: no such route on the stage', () => {
    expect(explainResponse(answer(403, json('Missing Authentication Token')), context)).toBe(
      'there is no GET /admin on stage "api" (API Gateway answers unknown routes with 403 Missing Authentication Token). AWS said: Missing Authentication Token',
    );
  });

  test('expired and unknown session tokens', () => {
    const expired = answer(403, json('The security token included in the request is expired'));
    expect(explainResponse(expired, { ...context, credentialsExpire: new Date('2026-01-02T11:00:00Z') })).toBe(
      'the temporary AWS credentials have expired (they expired at 2026-01-02T11:00:00.000Z): run the command again to get fresh ones. AWS said: The security token included in the request is expired',
    );
    expect(explainResponse(expired, context)).toBe(
      'the temporary AWS credentials have expired: run the command again to get fresh ones. AWS said: The security token included in the request is expired',
    );
    expect(explainResponse(answer(403, json('The security token included in the request is invalid.')), context)).toBe(
      'AWS does not recognize the temporary credentials (wrong region, or revoked): run the command again. AWS said: The security token included in the request is invalid.',
    );
  });

  test('a signature API Gateway computes differently', () => {
    const message =
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
    expect(explainResponse(answer(403, json(message)), context)).toBe(
      `API Gateway computed a different SigV4 signature for GET /admin: the request changed after signing, or it was signed for another host, region or service. AWS said: ${message}`,
    );
  });

  test('clock skew: how far off, from the Date header; SigV4 allows 5 minutes', () => {
    const expired = json('Signature expired: 20260102T120000Z is now earlier than 20260102T121500Z (20260102T122000Z - 5 min.)');
    expect(explainResponse(answer(403, expired, { date: 'Fri, 02 Jan 2026 12:20:00 GMT' }), context)).toBe(
      "this machine's clock is about 20 min behind AWS's (signed at 2026-01-02T12:00:00.000Z, AWS time 2026-01-02T12:20:00.000Z); SigV4 allows 5 min. " +
        'Sync the clock (e.g. timedatectl set-ntp true) and retry. AWS said: Signature expired: 20260102T120000Z is now earlier than 20260102T121500Z (20260102T122000Z - 5 min.)',
    );
    const early = json('Signature not yet current: 20260102T120000Z is still later than 20260102T115300Z (20260102T114800Z + 5 min.)');
    expect(explainResponse(answer(403, early, { date: 'Fri, 02 Jan 2026 11:48:00 GMT' }), context)).toMatch(
      /^this machine's clock is about 12 min ahead of AWS's \(signed at 2026-01-02T12:00:00\.000Z, AWS time 2026-01-02T11:48:00\.000Z\)/,
    );
    for (const headers of [{}, { date: 'not a date' }] as Array<Record<string, string>>) {
      expect(explainResponse(answer(403, early, headers), context)).toBe(
        "the request's signature time is more than 5 min from AWS's clock: sync this machine's clock and retry. AWS said: Signature not yet current: 20260102T120000Z is still later than 20260102T115300Z (20260102T114800Z + 5 min.)",
      );
    }
  });

  test('any other 403 (e.g. a resource policy or authorizer deny)', () => {
    expect(explainResponse(answer(403, json('User is not authorized to access this resource with an explicit deny', 'Message')), context)).toBe(
      'API Gateway refused GET /admin (HTTP 403). AWS said: User is not authorized to access this resource with an explicit deny',
    );
  });

  test('throttling (429), server errors (5xx) and anything else, with the first line of a non-JSON body', () => {
    expect(explainResponse(answer(429, json('Too Many Requests')), context)).toBe('API Gateway is throttling GET /admin: try again in a moment. AWS said: Too Many Requests');
    expect(explainResponse(answer(500, json('Internal server error')), context)).toBe('the API failed on GET /admin (HTTP 500). AWS said: Internal server error');
    expect(explainResponse(answer(504, json('Endpoint request timed out')), context)).toBe('the API failed on GET /admin (HTTP 504). AWS said: Endpoint request timed out');
    expect(explainResponse(answer(499, '  Client closed\nthe connection  '), context)).toBe('GET /admin answered HTTP 499. AWS said: Client closed');
    expect(explainResponse(answer(300, ''), context)).toBe('GET /admin answered HTTP 300.');
    expect(explainResponse(answer(404, json('Not Found')), context)).toBe('GET /admin answered HTTP 404. AWS said: Not Found');
  });

  test("gatewayMessage: API Gateway's `message`, or `Message` for IAM denials; nothing else", () => {
    expect(gatewayMessage('{"message":"a","Message":"b"}')).toBe('a');
    expect(gatewayMessage('{"Message":"b"}')).toBe('b');
    expect(gatewayMessage('{"message":5}')).toBeUndefined();
    expect(gatewayMessage('Not JSON')).toBeUndefined();
  });
});
