import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { ClientError, unreachable } from './errors';

/** API Gateway's signing name: requests to an AWS_IAM method are signed for `execute-api`. */
export const EXECUTE_API = 'execute-api';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedCall {
  method: string;
  url: URL;
  region: string;
  credentials: SigningCredentials;
  /** The clock the signature is dated by (tests move it to provoke clock skew). */
  now?: () => Date;
  timeoutMs?: number;
}

export interface ApiResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When the request was signed, by our clock. */
  signedAt: Date;
}

/** A request as @smithy/signature-v4 signs it: the path goes on the wire exactly as signed. */
export interface SignableRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
}

/** Builds the request to sign from a URL: the path stays URI-encoded as on the wire, query values are decoded. */
export function toSignable(method: string, url: URL): SignableRequest {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return {
    method: method.toUpperCase(),
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers: { host: url.host },
  };
}

/**
 * The SigV4 signer for one service (AWS IAM User Guide, "Create a signed AWS API request"). `uriEscapePath`: the
 * canonical URI is each path segment URI-encoded twice for every service but S3; the request path is already encoded
 * once as on the wire, so the signer encodes it once more (and normalizes `.`, `..` and `//`). `applyChecksum` off:
 * `x-amz-content-sha256` is an S3 header; other services hash the payload into the canonical request only.
 */
export function signer(region: string, credentials: SigningCredentials, service = EXECUTE_API): SignatureV4 {
  return new SignatureV4({ service, region, credentials, sha256: Sha256, uriEscapePath: true, applyChecksum: false });
}

/** Signs one request with SigV4 (service execute-api) and sends it. Any HTTP status is a response, not an error. */
export async function signedRequest(call: SignedCall): Promise<ApiResponse> {
  const signedAt = (call.now ?? (() => new Date()))();
  const signed = await signer(call.region, call.credentials).sign(toSignable(call.method, call.url), { signingDate: signedAt });
  const send = call.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<ApiResponse>((resolve, reject) => {
    const req = send(
      call.url,
      { method: signed.method, headers: signed.headers as Record<string, string>, timeout: call.timeoutMs ?? 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) =>
          reject(new ClientError('api', `the answer of ${call.url.origin} was cut off (${error.code ?? error.message}): try again`, { cause: error })),
        );
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            signedAt,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) =>
      reject(new ClientError('api', unreachable(error, 'the API', call.url.origin) ?? `request failed: ${error.message}`, { cause: error })),
    );
    req.end();
  });
}

/** API Gateway's error message from a JSON body (`message` or, for IAM denials, `Message`). */
export function gatewayMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; Message?: unknown };
    const message = parsed.message ?? parsed.Message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

export interface ExplainContext {
  method: string;
  path: string;
  stage: string;
  username: string;
  role?: string;
  credentialsExpire?: Date;
}

/** A non-2xx answer in plain words, quoting AWS's own message. Undefined for success. */
export function explainResponse(response: ApiResponse, context: ExplainContext): string | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const message = gatewayMessage(response.body) ?? response.body.trim();
  const aws = message ? ` AWS said: ${message.split('\n')[0]}` : '';
  const route = `${context.method} ${context.path}`;
  if (response.status === 403) {
    if (/Signature expired|Signature not yet current/i.test(message)) return clockSkew(response, aws);
    if (/security token included in the request is expired/i.test(message)) {
      const when = context.credentialsExpire ? ` (they expired at ${context.credentialsExpire.toISOString()})` : '';
      return `the temporary AWS credentials have expired${when}: run the command again to get fresh ones.${aws}`;
    }
    if (/security token included in the request is invalid/i.test(message)) {
      return `AWS does not recognize the temporary credentials (wrong region, or revoked): run the command again.${aws}`;
    }
    if (/signature we calculated does not match/i.test(message)) {
      return `API Gateway computed a different SigV4 signature for ${route}: the request changed after signing, or it was signed for another host, region or service.${aws}`;
    }
    if (/not authorized to perform: execute-api:Invoke/i.test(message)) {
      const who = context.role ? `the role ${context.role}` : 'this role';
      return `"${context.username}" may not call ${route}: ${who} has no permission for it (HTTP 403).${aws}`;
    }
    if (/Missing Authentication Token/i.test(message)) {
      return `there is no ${route} on stage "${context.stage}" (API Gateway answers unknown routes with 403 Missing Authentication Token).${aws}`;
    }
    return `API Gateway refused ${route} (HTTP 403).${aws}`;
  }
  if (response.status === 429) return `API Gateway is throttling ${route}: try again in a moment.${aws}`;
  if (response.status >= 500) return `the API failed on ${route} (HTTP ${response.status}).${aws}`;
  return `${route} answered HTTP ${response.status}.${aws}`;
}

/** How far our clock is from AWS's, from the response's Date header. */
function clockSkew(response: ApiResponse, aws: string): string {
  const serverDate = response.headers.date ? new Date(response.headers.date) : undefined;
  const local = response.signedAt;
  if (serverDate && !Number.isNaN(serverDate.getTime())) {
    const minutes = Math.round((local.getTime() - serverDate.getTime()) / 60_000);
    const direction = minutes < 0 ? 'behind' : 'ahead of';
    return (
      `this machine's clock is about ${Math.abs(minutes)} min ${direction} AWS's (signed at ${local.toISOString()}, ` +
      `AWS time ${serverDate.toISOString()}); SigV4 allows 5 min. Sync the clock (e.g. timedatectl set-ntp true) and retry.${aws}`
    );
  }
  return `the request's signature time is more than 5 min from AWS's clock: sync this machine's clock and retry.${aws}`;
}
