import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Server-side SigV4 verification, written from AWS's "Create a signed AWS API request" rules independently of
 * @smithy/signature-v4, so the stand-in API checks the client's signatures rather than agreeing with itself. It is
 * itself checked against the AWS signing test suite (sigv4-vectors.test.ts). Non-S3 rules: the path is normalized
 * (`.`/`..`/empty segments) and every segment is URI-encoded once more than it arrived.
 */

/** A request as it arrived on the wire: raw path and query (still encoded), headers in arrival order. */
export interface WireRequest {
  method: string;
  path: string;
  query: string;
  headers: Array<[string, string]>;
  body?: Buffer;
}

export interface Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ becomes %XX (upper-case hex). */
export function uriEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.map(uriEncode).join('/')}${trailing}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function canonicalQuery(query: string): string {
  if (!query) return '';
  const pairs = query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const key = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      return [uriEncode(decode(key)), uriEncode(decode(value))] as const;
    })
    .filter(([key]) => key.toLowerCase() !== 'x-amz-signature');
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/** Lower-cased names; repeated headers joined by commas in arrival order; whitespace runs collapsed; trimmed. */
export function headerMap(headers: Array<[string, string]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, raw] of headers) {
    const key = name.toLowerCase();
    const value = raw.replace(/\s+/g, ' ').trim();
    map.set(key, map.has(key) ? `${map.get(key)},${value}` : value);
  }
  return map;
}

export function canonicalRequest(request: WireRequest, signedHeaders: string[], payloadHash: string): string {
  const headers = headerMap(request.headers);
  const names = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  return [
    request.method.toUpperCase(),
    canonicalPath(request.path),
    canonicalQuery(request.query),
    ...names.map((name) => `${name}:${headers.get(name) ?? ''}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, createHash('sha256').update(canonical, 'utf8').digest('hex')].join('\n');
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  let key: Buffer = Buffer.from(`AWS4${secret}`, 'utf8');
  for (const part of [date, region, service, 'aws4_request']) key = createHmac('sha256', key).update(part, 'utf8').digest();
  return key;
}

export function sign(secret: string, auth: Pick<Authorization, 'date' | 'region' | 'service'>, toSign: string): string {
  return createHmac('sha256', signingKey(secret, auth.date, auth.region, auth.service)).update(toSign, 'utf8').digest('hex');
}

export function payloadHashOf(request: WireRequest): string {
  const declared = headerMap(request.headers).get('x-amz-content-sha256');
  if (declared) return declared;
  return request.body && request.body.length ? createHash('sha256').update(request.body).digest('hex') : EMPTY_SHA256;
}

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`, or says what is missing in API Gateway's words. */
export function parseAuthorization(header: string): Authorization | { error: string } {
  if (!header.startsWith(`${ALGORITHM} `)) return { error: `Authorization header requires '${ALGORITHM}' algorithm.` };
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !fields.get(name));
  if (missing.length) return { error: missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ') };
  const credential = fields.get('Credential')!.split('/');
  if (credential.length !== 5 || credential[4] !== 'aws4_request') {
    return { error: `Credential should be scoped with a valid terminator: 'aws4_request', not '${credential[4] ?? ''}'.` };
  }
  const [accessKeyId, date, region, service] = credential as [string, string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: fields.get('SignedHeaders')!.split(';'), signature: fields.get('Signature')! };
}

/** 20150830T123600Z ⇄ Date */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

export type Verdict =
  | { ok: true; accessKeyId: string; auth: Authorization }
  | { ok: false; status: number; errorType: string; message: string };

export interface StoredKey {
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface VerifyOptions {
  region: string;
  service: string;
  now: Date;
  lookup: (accessKeyId: string) => StoredKey | undefined;
  /** API Gateway's window for the request time: 5 minutes either way. */
  skewMinutes?: number;
}

/** Checks a request the way API Gateway's AWS_IAM authorization does, with API Gateway's messages. */
export function verify(request: WireRequest, options: VerifyOptions): Verdict {
  const deny = (errorType: string, message: string): Verdict => ({ ok: false, status: 403, errorType, message });
  const headers = headerMap(request.headers);
  const header = headers.get('authorization');
  if (!header) return deny('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const auth = parseAuthorization(header);
  if ('error' in auth) return deny('IncompleteSignatureException', `${auth.error} Authorization=${header}`);
  const dateText = headers.get('x-amz-date');
  if (!dateText) {
    return deny('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const signedAt = parseAmzDate(dateText);
  if (!signedAt) return deny('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${dateText}'.`);
  const skew = (options.skewMinutes ?? 5) * 60_000;
  const now = options.now;
  if (signedAt.getTime() < now.getTime() - skew) {
    return deny(
      'InvalidSignatureException',
      `Signature expired: ${dateText} is now earlier than ${amzDate(new Date(now.getTime() - skew))} (${amzDate(now)} - 5 min.)`,
    );
  }
  if (signedAt.getTime() > now.getTime() + skew) {
    return deny(
      'InvalidSignatureException',
      `Signature not yet current: ${dateText} is still later than ${amzDate(new Date(now.getTime() + skew))} (${amzDate(now)} + 5 min.)`,
    );
  }
  if (auth.date !== dateText.slice(0, 8)) {
    return deny(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${dateText.slice(0, 8)}', from '${dateText}'.`,
    );
  }
  if (auth.region !== options.region) {
    return deny('InvalidSignatureException', `Credential should be scoped to a valid region, not '${auth.region}'. `);
  }
  if (auth.service !== options.service) {
    return deny('InvalidSignatureException', `Credential should be scoped to correct service: '${options.service}'. `);
  }
  if (!auth.signedHeaders.includes('host')) {
    return deny('InvalidSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const key = options.lookup(auth.accessKeyId);
  const token = headers.get('x-amz-security-token');
  if (!key || (key.sessionToken !== undefined && key.sessionToken !== token)) {
    return deny('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (key.expiration && key.expiration.getTime() <= now.getTime()) {
    return deny('ExpiredTokenException', 'The security token included in the request is expired');
  }
  const canonical = canonicalRequest(request, auth.signedHeaders, payloadHashOf(request));
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const toSign = stringToSign(dateText, scope, canonical);
  const expected = Buffer.from(sign(key.secretAccessKey, auth, toSign));
  const given = Buffer.from(auth.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return deny(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key ' +
        'and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request ' +
        `should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`,
    );
  }
  return { ok: true, accessKeyId: auth.accessKeyId, auth };
}
