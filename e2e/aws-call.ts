import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/** moto accepts any keys; these say where they come from. */
export const E2E_CREDENTIALS = { accessKeyId: 'e2e-moto-only', secretAccessKey: 'e2e-moto-only' } as const;
export const E2E_REGION = 'us-east-1';

export interface AwsCall {
  /** `http(s)://127.0.0.1:<port>`. */
  endpoint: string;
  /** The SigV4 signing name: moto routes a request on 127.0.0.1 by it. */
  service: string;
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** The CA to trust for an https endpoint. */
  ca?: string;
}

export interface AwsResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One SigV4-signed request, as an AWS SDK would send it; no retries, no parsing. */
export async function awsCall(call: AwsCall): Promise<AwsResponse> {
  const url = new URL(call.endpoint);
  const body = call.body ?? '';
  const signer = new SignatureV4({ service: call.service, region: E2E_REGION, credentials: E2E_CREDENTIALS, sha256: Sha256 });
  const signed = await signer.sign({
    method: call.method ?? 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: call.path ?? '/',
    query: call.query ?? {},
    headers: { host: url.host, ...(call.headers ?? {}), ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
    body,
  });
  const search = new URLSearchParams(call.query ?? {}).toString();
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        method: signed.method,
        hostname: url.hostname,
        port: url.port,
        path: `${signed.path}${search ? `?${search}` : ''}`,
        headers: signed.headers,
        ...(call.ca ? { ca: call.ca } : {}),
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${call.service} ${call.path ?? '/'}: timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** An AWS JSON-protocol action (X-Amz-Target); rejects on a non-2xx answer with AWS's error body. */
export async function jsonAction<T>(endpoint: string, service: string, target: string, input: object): Promise<T> {
  const response = await awsCall({
    endpoint,
    service,
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify(input),
  });
  if (response.status >= 300) throw new Error(`${target}: HTTP ${response.status} ${response.body.slice(0, 300)}`);
  return JSON.parse(response.body || '{}') as T;
}

/** Every `<tag>value</tag>` in an XML answer (moto's query and S3 protocols); enough for list calls. */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);
}
