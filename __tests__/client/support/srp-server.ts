import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * The server half of Cognito's SRP-6a variant, written here with BigInt from the published protocol (the group is
 * RFC 5054's / RFC 3526's 3072-bit prime, g = 2, SHA-256, k = H(N | g), x = H(salt | H(poolName | user ":" password)),
 * a 16-byte HKDF key with info "Caldera Derived Key", and an HMAC claim over pool name, user, secret block and
 * time stamp). It shares no code with the client's library, so a sign-in that passes proves the client's math.
 */
const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437' +
  '4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05' +
  '98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33' +
  'A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864' +
  'D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
export const N = BigInt(`0x${N_HEX}`);
const g = 2n;

/** Hex of a positive integer as Java's BigInteger.toByteArray() would give it: even length, a 00 byte if the top bit is set. */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const hexHash = (hex: string) => sha256(Buffer.from(hex, 'hex')).toString('hex');
const big = (hex: string) => BigInt(`0x${hex}`);
const k = big(hexHash(padHex(N) + padHex(g)));

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

export interface PasswordVerifier {
  salt: bigint;
  verifier: bigint;
}

/** What the pool stores instead of a password. `poolName` is the part of the pool id after the underscore. */
export function makeVerifier(poolName: string, userId: string, password: string): PasswordVerifier {
  const salt = big(randomBytes(16).toString('hex'));
  return { salt, verifier: modPow(g, passwordExponent(salt, poolName, userId, password), N) };
}

function passwordExponent(salt: bigint, poolName: string, userId: string, password: string): bigint {
  const inner = sha256(`${poolName}${userId}:${password}`).toString('hex');
  return big(hexHash(padHex(salt) + inner));
}

export interface ServerHello {
  b: bigint;
  B: bigint;
}

/** B = k·v + g^b (mod N). */
export function serverHello(verifier: bigint): ServerHello {
  const b = big(randomBytes(32).toString('hex'));
  return { b, B: (k * verifier + modPow(g, b, N)) % N };
}

export interface Claim {
  A: bigint;
  hello: ServerHello;
  verifier: bigint;
  poolName: string;
  userId: string;
  secretBlock: string;
  timestamp: string;
}

/** The PASSWORD_CLAIM_SIGNATURE a client that knows the password computes; undefined for an invalid A. */
export function expectedClaim(claim: Claim): string | undefined {
  const { A, hello } = claim;
  if (A % N === 0n) return undefined;
  const u = big(hexHash(padHex(A) + padHex(hello.B)));
  if (u === 0n) return undefined;
  const S = modPow((A * modPow(claim.verifier, u, N)) % N, hello.b, N);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  const key = createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
  return createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(claim.poolName, 'utf8'),
        Buffer.from(claim.userId, 'utf8'),
        Buffer.from(claim.secretBlock, 'base64'),
        Buffer.from(claim.timestamp, 'utf8'),
      ]),
    )
    .digest('base64');
}
