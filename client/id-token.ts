/** The claims of a Cognito ID token this client shows or reasons about. Read only for display: never trusted. */
export interface IdTokenClaims {
  sub?: string;
  'cognito:username'?: string;
  'cognito:groups'?: string[];
  'cognito:roles'?: string[];
  'cognito:preferred_role'?: string;
  exp?: number;
}

/** Decodes a JWT's payload without verifying it (Cognito and the identity pool verify it; we only describe it). */
export function decodeIdToken(token: string): IdTokenClaims {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as IdTokenClaims) : {};
  } catch {
    return {};
  }
}
