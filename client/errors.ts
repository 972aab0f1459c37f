/** The step of the client flow an error belongs to, so a message can say where things went wrong. */
export type Step = 'usage' | 'outputs' | 'password' | 'sign-in' | 'credentials' | 'api' | 'users';

/**
 * An error meant for a person: `message` is in plain words and says what to do. It never carries a password, a
 * token or a secret key.
 */
export class ClientError extends Error {
  constructor(
    readonly step: Step,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ClientError';
  }
}

/** The exception name of an AWS SDK v3 service error (`NotAuthorizedException`), if the error is one. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, __type } = error as { name?: unknown; __type?: unknown };
  if (typeof __type === 'string' && __type) return __type.split('#').pop();
  return typeof name === 'string' && name !== 'Error' ? name : undefined;
}

/** The service's own message, without the SDK's decorations. */
export function awsErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A network failure (no answer at all) as opposed to a service error: ECONNREFUSED, ENOTFOUND, timeouts. */
export function networkErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    if ((e as { name?: unknown }).name === 'TimeoutError') return 'ETIMEDOUT';
    e = (e as { cause?: unknown }).cause;
  }
  // The SDK may wrap a foreign error ("AWS SDK error wrapper for Error: connect ECONNREFUSED …") without its code.
  const match = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(awsErrorMessage(error));
  return match?.[1];
}

/** "could not reach …" in plain words, or undefined when the error is not a network failure. */
export function unreachable(error: unknown, what: string, endpoint: string | undefined): string | undefined {
  const code = networkErrorCode(error);
  if (!code) return undefined;
  const where = endpoint ? ` at ${endpoint}` : '';
  const hint =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'check the network and the region'
      : code === 'ECONNREFUSED'
        ? 'nothing is listening there'
        : 'check the network';
  return `could not reach ${what}${where} (${code}): ${hint}`;
}

/** Renders any error for the terminal: ClientErrors as they are, anything else with its type. */
export function describeError(error: unknown): string {
  if (error instanceof ClientError) return error.message;
  const name = awsErrorName(error);
  const message = awsErrorMessage(error);
  return name && !message.startsWith(name) ? `${name}: ${message}` : message;
}
