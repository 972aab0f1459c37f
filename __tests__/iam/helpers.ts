import { compilePolicy, evaluate, type ContextValue, type Decision, type PolicyKind, type Principal } from '../../access/iam';

export const ACCOUNT = '123456789012';
export const API = `arn:aws:execute-api:us-east-1:${ACCOUNT}:abc123defg`;

/** The decision of one identity policy (a document or its statements) on one request. */
export function decide(
  document: unknown,
  request: { action: string; resource: string; context?: Record<string, ContextValue>; principal?: Principal },
  kind: PolicyKind = 'identity',
): Decision {
  const policy = compilePolicy(document, 'p', kind);
  return evaluate(request, kind === 'resource' || kind === 'trust' ? { identity: [], resource: policy } : { identity: [policy] }).decision;
}

/** Whether a Condition block holds for a context, read through an Allow statement on everything. */
export function holds(condition: object, context?: Record<string, ContextValue>, version = '2012-10-17'): boolean {
  const document = { Version: version, Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: condition } };
  return decide(document, { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', context }) === 'allowed';
}

/** The PolicyError message compilePolicy gives for a document, or 'compiled' when it accepts it. */
export function rejection(document: unknown, kind: PolicyKind = 'identity', name = 'p'): string {
  try {
    compilePolicy(document, name, kind);
    return 'compiled';
  } catch (error) {
    return (error as Error).message;
  }
}

/** The textbook glob definition as a dynamic program over (pattern position, text position): slow, obviously right. */
export function globReference(pattern: string, text: string): boolean {
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const p of pattern) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (p === '*') next[0] = row[0];
    for (let j = 1; j <= text.length; j++) {
      if (p === '*') next[j] = next[j - 1] || row[j];
      else next[j] = row[j - 1] && (p === '?' || p === text[j - 1]);
    }
    row = next;
  }
  return row[text.length];
}

/** A deterministic generator of integers below n (an LCG), so generated cases are the same on every run. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => (state = (state * 1103515245 + 12345) % 2 ** 31) % n;
}
