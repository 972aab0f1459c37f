import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient, CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import { ClientError } from './errors';

/**
 * Environment variables that point an AWS client somewhere else than AWS (the SDK's `endpoint` option), e.g.
 * `COGNITO_IDP_ENDPOINT=http://127.0.0.1:9229`. Unset means the real regional endpoint. The user pool endpoint sees
 * the SRP exchange, a new password and the admin calls; the identity pool endpoint sees the ID token.
 */
export const ENDPOINT_ENV = {
  userPool: 'COGNITO_IDP_ENDPOINT',
  identityPool: 'COGNITO_IDENTITY_ENDPOINT',
} as const;

type Env = Record<string, string | undefined>;

export interface ClientOptions {
  region: string;
  env?: Env;
  /** AWS credentials for the admin API; the sign-in and identity pool calls need none. Default: the SDK's chain. */
  credentials?: CognitoIdentityProviderClientConfig['credentials'];
}

const SERVICE_NAMES = { userPool: 'user pool', identityPool: 'identity pool' } as const;

/** This machine: `localhost`, 127.0.0.0/8 or ::1. The only hosts plain http may go to. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * The override for one service, or undefined. Refused (a usage error naming the variable): anything but a URL, a URL
 * carrying a user name or password, and plain http to anything but a loopback host, since the token and passwords
 * would cross the network unencrypted.
 */
export function endpointOverride(service: keyof typeof ENDPOINT_ENV, env: Env = process.env): string | undefined {
  const name = ENDPOINT_ENV[service];
  const value = env[name]?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ClientError('usage', `${name} is not a URL (e.g. https://cognito-idp.us-east-1.amazonaws.com)`);
  }
  if (url.username || url.password) throw new ClientError('usage', `${name} must not carry a user name or password`);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return value;
  throw new ClientError(
    'usage',
    `${name}: ${url.protocol.replace(/:$/, '')} to ${url.hostname} is refused: the Cognito ${SERVICE_NAMES[service]} calls carry ` +
      'tokens and passwords, so use https, or plain http only to this machine (localhost, 127.0.0.1, ::1)',
  );
}

/**
 * One line for stderr when any of these services is overridden, so a run never talks to another host unnoticed;
 * undefined when all go to AWS.
 */
export function endpointNotice(services: Array<keyof typeof ENDPOINT_ENV>, env: Env = process.env): string | undefined {
  const overridden = services.flatMap((service) => {
    const url = endpointOverride(service, env);
    return url ? [`${SERVICE_NAMES[service]} ${url} (${ENDPOINT_ENV[service]})`] : [];
  });
  return overridden.length ? `endpoint override, not AWS: ${overridden.join(', ')}` : undefined;
}

/** Where a client sends requests: the override, else AWS's regional endpoint (for messages only). */
export function endpointFor(service: keyof typeof ENDPOINT_ENV, region: string, env: Env = process.env): string {
  const host = service === 'userPool' ? 'cognito-idp' : 'cognito-identity';
  return endpointOverride(service, env) ?? `https://${host}.${region}.amazonaws.com`;
}

/** Cognito user pools (sign-in and the admin API). */
export function userPoolClient(options: ClientOptions): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: options.region,
    endpoint: endpointOverride('userPool', options.env),
    credentials: options.credentials,
    maxAttempts: 2,
  });
}

/** Cognito identity pools (GetId, GetCredentialsForIdentity): unsigned calls, so no AWS credentials are needed. */
export function identityPoolClient(options: ClientOptions): CognitoIdentityClient {
  return new CognitoIdentityClient({
    region: options.region,
    endpoint: endpointOverride('identityPool', options.env),
    credentials: options.credentials,
    maxAttempts: 2,
  });
}
