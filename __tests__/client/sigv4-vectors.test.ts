import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { signer, toSignable } from '../../client/sigv4-call';
import {
  canonicalRequest,
  parseAuthorization,
  payloadHashOf,
  sign,
  stringToSign,
  verify,
  WireRequest,
} from './support/sigv4-verify';

/**
 * AWS Signature Version 4 test suite (awslabs/aws-c-auth tests/aws-signing-test-suite/v4, Apache-2.0; see
 * __tests__/fixtures/sigv4/README.md): every GET case with `normalize: true`, the rules of every service but S3.
 */
const SUITE = join(__dirname, '..', 'fixtures', 'sigv4', 'v4');
const CASES = readdirSync(SUITE).filter((name) => name.startsWith('get-')).sort();

interface Context {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  expiration_in_seconds: number;
  normalize: boolean;
  region: string;
  service: string;
  timestamp: string;
}

const read = (name: string, file: string) => readFileSync(join(SUITE, name, file), 'utf8');
const context = (name: string) => JSON.parse(read(name, 'context.json')) as Context;

/** request.txt: `GET <path> HTTP/1.1`, then `Name:value` lines; a line starting with spaces continues the previous value. */
function parseRequest(text: string): WireRequest {
  const lines = text.split('\n');
  const first = lines.shift()!;
  const target = first.slice(first.indexOf(' ') + 1, first.lastIndexOf(' HTTP/'));
  const q = target.indexOf('?');
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    if (line === '') break;
    if (/^\s/.test(line) && headers.length) {
      headers[headers.length - 1]![1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  return { method: first.slice(0, first.indexOf(' ')), path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1), headers };
}

/** The request as a client holds it before signing: raw path, decoded query, one value per header name. */
function smithyRequest(request: WireRequest) {
  const query: Record<string, string | string[]> = {};
  for (const part of request.query.split('&').filter(Boolean)) {
    const [key = '', value = ''] = part.split('=').map((s) => decodeURIComponent(s));
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]},${value}` : value;
  }
  return { method: request.method, protocol: 'https:', hostname: headers.host!, path: request.path, query, headers };
}

/** What a signer computed on the way to the signature: its (protected) canonical request and string to sign. */
interface Captured {
  canonical: string;
  toSign: string;
}

/**
 * The client's own signer (client/sigv4-call.ts `signer()`), for the suite's service and region, with its
 * intermediate steps recorded. A client signer built differently (e.g. `uriEscapePath: false`, which encodes the
 * path once, as for S3) fails the cases with encoded or unnormalized paths.
 */
function clientSigner(ctx: Context): { signer: SignatureV4; captured: Captured } {
  const credentials = { accessKeyId: ctx.credentials.access_key_id, secretAccessKey: ctx.credentials.secret_access_key, sessionToken: ctx.credentials.token };
  const instance = signer(ctx.region, credentials, ctx.service);
  const captured: Captured = { canonical: '', toSign: '' };
  // Both steps are protected in @smithy/signature-v4: reached through a structural view, only to record results.
  const steps = instance as unknown as {
    createCanonicalRequest: (...args: unknown[]) => string;
    createStringToSign: (...args: unknown[]) => Promise<string>;
  };
  const canonical = steps.createCanonicalRequest.bind(instance);
  const toSign = steps.createStringToSign.bind(instance);
  steps.createCanonicalRequest = (...args) => (captured.canonical = canonical(...args));
  steps.createStringToSign = async (...args) => (captured.toSign = await toSign(...args));
  return { signer: instance, captured };
}

const authorizationLine = (signed: string) => /^Authorization:(.*)$/m.exec(signed)![1]!;

test('the suite is here: 21 GET cases, all with non-S3 path normalization', () => {
  expect(CASES).toHaveLength(21);
  for (const name of CASES) expect(context(name)).toMatchObject({ normalize: true, service: 'service', region: 'us-east-1' });
});

describe.each(CASES)('%s', (name) => {
  const ctx = context(name);
  const date = new Date(ctx.timestamp);

  test("the client's signer (Authorization header): canonical request, string to sign, signature", async () => {
    const { signer, captured } = clientSigner(ctx);
    const signed = await signer.sign(smithyRequest(parseRequest(read(name, 'request.txt'))), { signingDate: date });
    expect(captured.canonical).toBe(read(name, 'header-canonical-request.txt'));
    expect(captured.toSign).toBe(read(name, 'header-string-to-sign.txt'));
    expect(signed.headers.authorization).toBe(authorizationLine(read(name, 'header-signed-request.txt')));
    expect(signed.headers.authorization).toContain(`Signature=${read(name, 'header-signature.txt').trim()}`);
  });

  test("the client's signer (presigned URL): canonical request, string to sign, signature", async () => {
    const { signer, captured } = clientSigner(ctx);
    const signed = await signer.presign(smithyRequest(parseRequest(read(name, 'request.txt'))), {
      signingDate: date,
      expiresIn: ctx.expiration_in_seconds,
    });
    expect(captured.canonical).toBe(read(name, 'query-canonical-request.txt'));
    expect(captured.toSign).toBe(read(name, 'query-string-to-sign.txt'));
    expect(signed.query!['X-Amz-Signature']).toBe(read(name, 'query-signature.txt').trim());
  });

  test("the stand-in API's verifier agrees on the signed request, and accepts it", () => {
    const request = parseRequest(read(name, 'header-signed-request.txt'));
    const auth = parseAuthorization(request.headers.find(([h]) => h.toLowerCase() === 'authorization')![1]);
    if ('error' in auth) throw new Error(auth.error);
    const canonical = canonicalRequest(request, auth.signedHeaders, payloadHashOf(request));
    expect(canonical).toBe(read(name, 'header-canonical-request.txt'));
    const toSign = stringToSign(ctx.timestamp.replace(/[-:]/g, ''), `${auth.date}/${auth.region}/${auth.service}/aws4_request`, canonical);
    expect(toSign).toBe(read(name, 'header-string-to-sign.txt'));
    expect(sign(ctx.credentials.secret_access_key, auth, toSign)).toBe(read(name, 'header-signature.txt').trim());

    const key = { secretAccessKey: ctx.credentials.secret_access_key, sessionToken: ctx.credentials.token };
    const options = { region: ctx.region, service: ctx.service, now: date, lookup: (id: string) => (id === 'AKIDEXAMPLE' ? key : undefined) };
    expect(verify(request, options)).toMatchObject({ ok: true, accessKeyId: 'AKIDEXAMPLE' });
    const tampered = { ...request, headers: request.headers.map(([h, v]): [string, string] => (h === 'Host' ? [h, 'other.amazonaws.com'] : [h, v])) };
    expect(verify(tampered, options)).toMatchObject({
      ok: false,
      status: 403,
      message: expect.stringMatching(/^The request signature we calculated does not match the signature you provided/),
    });
  });
});

describe('client request building', () => {
  test('the path stays as on the wire (smithy encodes it once more, as API Gateway does); query values are decoded', () => {
    const request = toSignable('get', new URL('https://abc.execute-api.us-east-1.amazonaws.com/api/a%20b?x=1&y=%E1%88%B4&x=2'));
    expect(request).toEqual({
      method: 'GET',
      protocol: 'https:',
      hostname: 'abc.execute-api.us-east-1.amazonaws.com',
      port: undefined,
      path: '/api/a%20b',
      query: { x: ['1', '2'], y: 'ሴ' },
      headers: { host: 'abc.execute-api.us-east-1.amazonaws.com' },
    });
  });

  test('an encoded path is encoded twice in the canonical request, as for every service but S3', async () => {
    // IAM User Guide, "Create a signed AWS API request", canonical request: "Each path segment must be URI-encoded
    // twice (except for Amazon S3 which only gets URI-encoded once)". On the wire `/api/a%20b`; signed `/api/a%2520b`.
    const { signer, captured } = clientSigner({
      credentials: { access_key_id: 'AKIDEXAMPLE', secret_access_key: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      expiration_in_seconds: 0,
      normalize: true,
      region: 'us-east-1',
      service: 'execute-api',
      timestamp: '2015-08-30T12:36:00Z',
    });
    const url = new URL('https://abc.execute-api.us-east-1.amazonaws.com/api/caf%C3%A9/a%20b');
    const signed = await signer.sign(toSignable('GET', url), { signingDate: new Date('2015-08-30T12:36:00Z') });
    expect(captured.canonical.split('\n').slice(0, 2)).toEqual(['GET', '/api/caf%25C3%25A9/a%2520b']);
    // Only host and x-amz-date are signed: x-amz-content-sha256 is S3's header, not API Gateway's.
    expect(signed.headers.authorization).toMatch(/ SignedHeaders=host;x-amz-date, /);
  });

  test('a signed client request verifies on the stand-in, including an encoded path and a port', async () => {
    const url = new URL('http://127.0.0.1:8123/api/a%20b?x=1&y=%E1%88%B4');
    const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key+example', sessionToken: 'token' };
    const now = new Date('2026-01-02T03:04:05Z');
    const signed = await signer('eu-west-1', credentials).sign(toSignable('GET', url), { signingDate: now });
    const wire: WireRequest = { method: 'GET', path: url.pathname, query: url.search.slice(1), headers: Object.entries(signed.headers) };
    const lookup = (id: string) => (id === credentials.accessKeyId ? { secretAccessKey: credentials.secretAccessKey, sessionToken: 'token' } : undefined);
    expect(verify(wire, { region: 'eu-west-1', service: 'execute-api', now, lookup })).toMatchObject({ ok: true });
    expect(verify(wire, { region: 'us-east-1', service: 'execute-api', now, lookup })).toMatchObject({
      ok: false,
      message: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
    });
    const later = new Date(now.getTime() + 6 * 60_000);
    expect(verify(wire, { region: 'eu-west-1', service: 'execute-api', now: later, lookup })).toMatchObject({
      ok: false,
      message: 'Signature expired: 20260102T030405Z is now earlier than 20260102T030505Z (20260102T031005Z - 5 min.)',
    });
  });
});
