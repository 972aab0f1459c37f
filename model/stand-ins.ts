import { createHash } from 'node:crypto';

/** The account every stand-in ARN uses: AWS's documentation account. */
export const ACCOUNT_ID = '123456789012';

/** Deterministic characters for a stand-in id: the same address always gets the same id. */
export function standInChars(seed: string, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  const bytes = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

/** A version-4-shaped UUID derived from the seed. */
export function standInUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
