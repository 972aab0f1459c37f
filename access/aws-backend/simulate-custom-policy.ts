import {
  ContextKeyTypeEnum,
  EvaluationResult,
  IAMClient,
  SimulateCustomPolicyCommand,
  SimulateCustomPolicyCommandInput,
  SimulatePolicyResponse,
} from '@aws-sdk/client-iam';
import type { ContextValue, Decision } from '../iam';
import { toContextEntries } from './context-entries';

/** What one SimulateCustomPolicy run evaluates: resolved policy texts (deployed values), actions, resources, context. */
export interface SimulationRequest {
  /** Identity policies: PolicyInputList. */
  policies: readonly string[];
  /** Permissions boundaries: PermissionsBoundaryPolicyInputList. */
  boundaries?: readonly string[];
  actions: readonly string[];
  resources: readonly string[];
  context?: Readonly<Record<string, ContextValue>>;
  /** ContextKeyType per key where the built-in choice is not wanted. */
  contextTypes?: Readonly<Record<string, ContextKeyTypeEnum>>;
  /** Page size (MaxItems); IAM's default when absent. */
  maxItems?: number;
}

export interface RetryOptions {
  /** Calls per page, the first included, before throttling is given up on. Default 5. */
  maxAttempts?: number;
  /** Milliseconds to wait after failed attempt `attempt` (1-based). Default: exponentialBackoff(). */
  backoff?: (attempt: number) => number;
  /** How to wait: injectable so tests need not. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
/** Pages followed at most: a guard against a Marker that never ends. */
export const MAX_PAGES = 100;

/** A SimulateCustomPolicy run that did not give a usable answer. */
export class SimulationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SimulationError';
  }
}

/** `min(maxMs, baseMs·2^(attempt-1))`, scaled by a random factor in [0.5, 1] ("equal jitter"). */
export function exponentialBackoff(options: { baseMs?: number; maxMs?: number; random?: () => number } = {}): (attempt: number) => number {
  const { baseMs = 200, maxMs = 5_000, random = Math.random } = options;
  return (attempt) => {
    const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    return Math.round(ceiling * (0.5 + random() / 2));
  };
}

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

/** IAM answers `Throttling` (query protocol); other services and SDK layers say ThrottlingException and the like. */
export function isThrottling(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as { name?: unknown; Code?: unknown; $retryable?: { throttling?: boolean } };
  return (typeof e.name === 'string' && THROTTLING.has(e.name)) || (typeof e.Code === 'string' && THROTTLING.has(e.Code)) || e.$retryable?.throttling === true;
}

/** The request as IAM gets it. Policies go verbatim: they are already resolved and carry deployed values. */
export function simulationInput(request: SimulationRequest): SimulateCustomPolicyCommandInput {
  if (request.policies.length === 0) throw new SimulationError('SimulateCustomPolicy needs at least one identity policy');
  const input: SimulateCustomPolicyCommandInput = {
    PolicyInputList: [...request.policies],
    ActionNames: [...request.actions],
    ResourceArns: [...request.resources],
  };
  if (request.boundaries?.length) input.PermissionsBoundaryPolicyInputList = [...request.boundaries];
  const entries = toContextEntries(request.context ?? {}, request.contextTypes);
  if (entries.length) input.ContextEntries = entries;
  if (request.maxItems !== undefined) input.MaxItems = request.maxItems;
  return input;
}

/** Every EvaluationResult of a simulation, following Marker while IsTruncated; each page retried when throttled. */
export async function simulateCustomPolicy(
  client: IAMClient,
  request: SimulationRequest,
  retry: RetryOptions = {},
): Promise<EvaluationResult[]> {
  const input = simulationInput(request);
  const results: EvaluationResult[] = [];
  let marker: string | undefined;
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) throw new SimulationError(`SimulateCustomPolicy: still truncated after ${MAX_PAGES} pages`);
    const response = await sendWithRetry(client, marker === undefined ? input : { ...input, Marker: marker }, retry);
    results.push(...(response.EvaluationResults ?? []));
    if (!response.IsTruncated) return results;
    if (!response.Marker) throw new SimulationError(`SimulateCustomPolicy: page ${page} IsTruncated without a Marker`);
    marker = response.Marker;
  }
}

async function sendWithRetry(client: IAMClient, input: SimulateCustomPolicyCommandInput, retry: RetryOptions): Promise<SimulatePolicyResponse> {
  const maxAttempts = retry.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new SimulationError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  const backoff = retry.backoff ?? exponentialBackoff();
  const sleep = retry.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.send(new SimulateCustomPolicyCommand(input));
    } catch (error) {
      if (!isThrottling(error)) throw error;
      if (attempt >= maxAttempts) {
        throw new SimulationError(
          `SimulateCustomPolicy: throttled on all ${maxAttempts} attempts, giving up (${(error as Error).name}: ${(error as Error).message})`,
          { cause: error },
        );
      }
      await sleep(backoff(attempt));
    }
  }
}

/** IAM's EvalDecision is our Decision, word for word; anything else is an error, not a guess. */
export function toDecision(evalDecision: string | undefined): Decision {
  if (evalDecision === 'allowed' || evalDecision === 'explicitDeny' || evalDecision === 'implicitDeny') return evalDecision;
  throw new SimulationError(`unexpected EvalDecision ${JSON.stringify(evalDecision)}`);
}

/** The one result for an action on a resource (action names compared case-insensitively, as IAM does). */
export function resultFor(results: readonly EvaluationResult[], action: string, resource: string): EvaluationResult {
  const hits = results.filter(
    (r) => r.EvalActionName?.toLowerCase() === action.toLowerCase() && (r.EvalResourceName === undefined || r.EvalResourceName === resource),
  );
  if (hits.length !== 1) {
    throw new SimulationError(`SimulateCustomPolicy: expected one result for ${action} on ${resource}, got ${hits.length}`);
  }
  return hits[0]!;
}
