import { createHash, createVerify, KeyObject, randomBytes } from 'node:crypto';
import type { Simulator } from '../../../access/simulate';
import { AwsError, startAwsJsonServer, StartedServer } from './aws-json-server';

/** Credentials the stand-in identity pool issued, remembered so the stand-in API can check signatures and roles. */
export interface IssuedKey {
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  roleArn: string;
  identityId: string;
}

export type KeyStore = Map<string, IssuedKey>;

export interface IdentityPoolOptions {
  sim: Simulator;
  region: string;
  identityPoolId: string;
  /** `cognito-idp.<region>.amazonaws.com/<poolId>`: the Logins key and the token issuer without `https://`. */
  providerName: string;
  clientId: string;
  /** The user pool's token signing key. */
  publicKey: KeyObject;
  keys: KeyStore;
  /** How long issued credentials live; negative issues credentials that are already expired. */
  credentialLifetimeSeconds?: number;
  now?: () => Date;
}

export interface IdentityPoolStandIn extends StartedServer {
  /** Changeable between tests. */
  options: IdentityPoolOptions;
}

/**
 * A stand-in Cognito identity pool (AWS JSON 1.1, AWSCognitoIdentityService.GetId / GetCredentialsForIdentity). It
 * verifies the user pool's ID token (signature, issuer, audience, expiry), then lets the access simulator's
 * identity-pool hop pick the role from the token's groups (Token role mapping, ambiguous → Deny, CustomRoleArn).
 */
export async function startIdentityPool(options: IdentityPoolOptions): Promise<IdentityPoolStandIn> {
  const identities = new Map<string, string>();
  const now = () => (options.now ?? (() => new Date()))();

  const claimsOf = (logins: unknown): Record<string, unknown> => {
    const entries = Object.entries((logins ?? {}) as Record<string, string>);
    if (entries.length === 0) throw new AwsError('NotAuthorizedException', 'Unauthenticated access is not supported for this identity pool.');
    const token = (logins as Record<string, string>)[options.providerName];
    if (!token) throw new AwsError('NotAuthorizedException', "Invalid login token. Issuer doesn't match providerName");
    const [head, payload, signature] = token.split('.');
    const valid =
      head && payload && signature && createVerify('RSA-SHA256').update(`${head}.${payload}`).verify(options.publicKey, Buffer.from(signature, 'base64url'));
    if (!valid) throw new AwsError('NotAuthorizedException', 'Invalid login token. Token signature invalid.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (claims.iss !== `https://${options.providerName}`) throw new AwsError('NotAuthorizedException', "Invalid login token. Issuer doesn't match providerName");
    if (claims.aud !== options.clientId || claims.token_use !== 'id') {
      throw new AwsError('NotAuthorizedException', 'Invalid login token. Incorrect token audience.');
    }
    const nowSeconds = Math.floor(now().getTime() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) {
      throw new AwsError('NotAuthorizedException', `Invalid login token. Token expired: ${nowSeconds} >= ${String(claims.exp)}`);
    }
    return claims;
  };

  const server = await startAwsJsonServer('AWSCognitoIdentityService', {
    GetId: (input) => {
      if (input.IdentityPoolId !== options.identityPoolId) {
        throw new AwsError('ResourceNotFoundException', `IdentityPool '${String(input.IdentityPoolId)}' not found.`);
      }
      const claims = claimsOf(input.Logins);
      const identityId = `${options.region}:${uuidFrom(`${options.identityPoolId}/${String(claims.sub)}`)}`;
      identities.set(identityId, String(claims.sub));
      return { IdentityId: identityId };
    },
    GetCredentialsForIdentity: (input) => {
      const identityId = String(input.IdentityId ?? '');
      const sub = identities.get(identityId);
      if (!sub) throw new AwsError('ResourceNotFoundException', `Identity '${identityId}' not found.`);
      const claims = claimsOf(input.Logins);
      if (claims.sub !== sub) {
        throw new AwsError('NotAuthorizedException', "Logins don't match. Please include at least one valid login for this identity or identity pool.");
      }
      const groups = (claims['cognito:groups'] ?? []) as string[];
      const customRoleArn = typeof input.CustomRoleArn === 'string' ? input.CustomRoleArn : undefined;
      const choice = options.sim.credentialsForGroups(groups, { customRoleArn, username: String(claims['cognito:username']) });
      if (!choice.ok) {
        if (customRoleArn) {
          throw new AwsError('InvalidParameterException', `Invalid CustomRoleArn ${customRoleArn} for this login (stand-in: ${choice.reason})`);
        }
        throw new AwsError(
          'NotAuthorizedException',
          `The ambiguous role mapping rules for: ${options.providerName} denied this request. (stand-in: ${choice.reason})`,
        );
      }
      const accessKeyId = `ASIA${randomChars(16)}`;
      const issued: IssuedKey = {
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(120).toString('base64'),
        expiration: new Date(now().getTime() + (options.credentialLifetimeSeconds ?? 3600) * 1000),
        roleArn: choice.roleArn,
        identityId,
      };
      options.keys.set(accessKeyId, issued);
      return {
        IdentityId: identityId,
        Credentials: {
          AccessKeyId: accessKeyId,
          SecretKey: issued.secretAccessKey,
          SessionToken: issued.sessionToken,
          Expiration: issued.expiration.getTime() / 1000,
        },
      };
    },
  });
  return { ...server, options };
}

function randomChars(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
