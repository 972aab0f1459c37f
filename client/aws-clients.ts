import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient, CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';

/**
 * Environment variables that point an AWS client somewhere else than AWS (the SDK's `endpoint` option), e.g.
 * `COGNITO_IDP_ENDPOINT=http://127.0.0.1:9229`. Unset means the real regional endpoint.
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

export function endpointOverride(service: keyof typeof ENDPOINT_ENV, env: Env = process.env): string | undefined {
  const value = env[ENDPOINT_ENV[service]]?.trim();
  return value ? value : undefined;
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
