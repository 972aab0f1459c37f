import type { Simulator } from '../simulate';
import { ACCOUNT_ID } from '../../model/stand-ins';
import type { TerraformOutputs } from './outputs';

/** The deployed outputs cannot be matched with the synthesized stack. */
export class RealValuesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RealValuesError';
  }
}

/** One stand-in value the simulator made up, and what the deployed stack really has there. */
export interface RealValuePair {
  what: string;
  standIn: string;
  real: string;
}

/** Where the stand-in ARNs live (account 123456789012, the synthesized region) and where the deployed ones do. */
export interface ArnRewrite {
  standInAccount: string;
  standInRegion: string;
  partition: string;
  account: string;
  region: string;
}

/** The outputs every cross-check needs; `role_arn_<Group>` (at least one) gives the account. */
export const REQUIRED_OUTPUTS = ['region', 'identity_pool_id', 'user_pool_id'] as const;

const ROLE_OUTPUT = /^role_arn_(.+)$/;
const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/.+$/;
const INVOKE_URL = /^https:\/\/([a-z0-9]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^/]*)\/?$/;
/** Characters of ids and ARNs: anything else (quotes, backslashes, spaces) could break the policy JSON it goes into. */
const SAFE_VALUE = /^[A-Za-z0-9:/._+=@,*$?{}-]+$/;

/**
 * The simulator's stand-in values (ids made up from resource addresses, account 123456789012, the synthesized
 * region) mapped to the deployed stack's. Text resolved by the simulator's TfStack goes through `apply`:
 *  1. exact stand-in ids, longest first, in one pass (so a replaced value is never replaced again): the API's
 *     execution ARN and id, the identity pool id, the user pool id and its provider name, the app client id and
 *     the invoke URL;
 *  2. then every ARN that carries the stand-in account (only the simulator makes those): account → the deployed
 *     account, partition → the deployed partition, the synthesized region → the deployed region.
 * Names from the configuration (roles, functions, log groups, buckets) are the same in both and stay as they are.
 */
export class RealValues {
  private readonly byStandIn: ReadonlyMap<string, string>;
  private readonly literal: RegExp | undefined;
  private readonly arn: RegExp;

  constructor(
    readonly pairs: readonly RealValuePair[],
    readonly arns: ArnRewrite,
  ) {
    const byStandIn = new Map<string, string>();
    for (const pair of pairs) {
      if (pair.standIn.length < 6) throw new RealValuesError(`${pair.what}: stand-in "${pair.standIn}" is too short to replace safely`);
      if (!SAFE_VALUE.test(pair.real)) throw new RealValuesError(`${pair.what}: deployed value ${JSON.stringify(pair.real)} has unexpected characters`);
      const known = byStandIn.get(pair.standIn);
      if (known !== undefined && known !== pair.real) {
        throw new RealValuesError(`${pair.what}: stand-in ${pair.standIn} maps to both ${known} and ${pair.real}`);
      }
      if (pair.standIn !== pair.real) byStandIn.set(pair.standIn, pair.real);
    }
    this.byStandIn = byStandIn;
    const keys = [...byStandIn.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
    this.literal = keys.length ? new RegExp(keys.map(escapeRegExp).join('|'), 'g') : undefined;
    this.arn = new RegExp(`\\barn:([a-z-]+):([a-z0-9-]*):([a-z0-9-]*):${escapeRegExp(arns.standInAccount)}:`, 'g');
  }

  /** A resolved policy document, resource ARN or context value, with the deployed values in place of stand-ins. */
  apply(text: string): string {
    const literal = this.literal ? text.replace(this.literal, (found) => this.byStandIn.get(found) ?? found) : text;
    const { standInRegion, partition, account, region } = this.arns;
    return literal.replace(this.arn, (_whole, _partition: string, service: string, arnRegion: string) => {
      return `arn:${partition}:${service}:${arnRegion === standInRegion ? region : arnRegion}:${account}:`;
    });
  }

  applyContext(context: Readonly<Record<string, string | string[]>>): Record<string, string | string[]> {
    return Object.fromEntries(
      Object.entries(context).map(([key, value]) => [key, Array.isArray(value) ? value.map((v) => this.apply(v)) : this.apply(value)]),
    );
  }

  /** `what: stand-in → real` lines, for logs. */
  describe(): string[] {
    const { standInAccount, standInRegion, partition, account, region } = this.arns;
    return [
      ...this.pairs.filter((p) => p.standIn !== p.real).map((p) => `${p.what}: ${p.standIn} → ${p.real}`),
      `ARNs: account ${standInAccount} → ${account}, region ${standInRegion} → ${region}, partition aws → ${partition}`,
    ];
  }
}

/**
 * Matches the simulator's stack with the outputs of the deployed one. Fails, naming what is off, when an output is
 * missing or the deployed stack is evidently not this synthesized stack (a role ARN or the API stage differ).
 */
export function realValuesFor(sim: Simulator, outputs: TerraformOutputs): RealValues {
  const missing: string[] = REQUIRED_OUTPUTS.filter((name) => !outputs[name]);
  if (sim.api && !outputs.api_invoke_url) missing.push('api_invoke_url');
  const roleOutputs = Object.entries(outputs).filter(([name]) => ROLE_OUTPUT.test(name));
  if (roleOutputs.length === 0) missing.push('role_arn_<Group>');
  if (missing.length) {
    throw new RealValuesError(
      `stack ${sim.model.name}: the deployed outputs lack ${missing.join(', ')} (is the stack deployed? ` +
        `check with terraform output -json in cdktf.out/stacks/${sim.model.name})`,
    );
  }

  const [firstName, firstArn] = roleOutputs[0]!;
  const role = ROLE_ARN.exec(firstArn);
  if (!role) throw new RealValuesError(`output ${firstName}: "${firstArn}" is not an IAM role ARN`);
  const arns: ArnRewrite = {
    standInAccount: ACCOUNT_ID,
    standInRegion: sim.model.region,
    partition: role[1]!,
    account: role[2]!,
    region: outputs.region!,
  };

  const pairs: RealValuePair[] = [];
  const standInUserPool = sim.userPool.poolId;
  const realUserPool = outputs.user_pool_id!;
  pairs.push({ what: 'identity pool id', standIn: sim.identityPool.poolId, real: outputs.identity_pool_id! });
  pairs.push({
    what: 'user pool provider',
    standIn: sim.userPool.providerName,
    real: sim.userPool.providerName.replace(`.${sim.model.region}.`, `.${arns.region}.`).replace(standInUserPool, realUserPool),
  });
  pairs.push({ what: 'user pool id', standIn: standInUserPool, real: realUserPool });
  if (outputs.user_pool_client_id) pairs.push({ what: 'user pool client id', standIn: sim.userPool.clientId, real: outputs.user_pool_client_id });

  if (sim.api) {
    const url = outputs.api_invoke_url!;
    const real = INVOKE_URL.exec(url);
    if (!real) throw new RealValuesError(`output api_invoke_url: "${url}" is not an API Gateway invoke URL (https://<id>.execute-api.<region>.amazonaws.com/<stage>)`);
    const [, realApiId, urlRegion, realStage] = real as unknown as [string, string, string, string];
    if (urlRegion !== arns.region) throw new RealValuesError(`output api_invoke_url is in ${urlRegion} but output region is ${arns.region}`);
    const standInUrl = standInOutput(sim, 'api_invoke_url');
    const standIn = standInUrl === undefined ? undefined : INVOKE_URL.exec(standInUrl);
    const standInApiId = standIn?.[1] ?? sim.api.apiId;
    const api = sim.model.apis.find((a) => a.id === standInApiId);
    if (!api) throw new RealValuesError(`output api_invoke_url: no REST API with stand-in id ${standInApiId} in stack ${sim.model.name}`);
    if (standIn && standIn[3] !== realStage) {
      throw new RealValuesError(`output api_invoke_url: deployed stage "${realStage}" but the synthesized stack says "${standIn[3]}"`);
    }
    pairs.push({
      what: 'API execution ARN',
      standIn: api.executionArn,
      real: `arn:${arns.partition}:execute-api:${arns.region}:${arns.account}:${realApiId}`,
    });
    pairs.push({ what: 'REST API id', standIn: standInApiId, real: realApiId });
    if (standInUrl) pairs.push({ what: 'API invoke URL', standIn: standInUrl, real: url });
  }

  const values = new RealValues(pairs, arns);
  // Role ARNs are made of configured names, so the ARN rewrite alone must give the deployed ones.
  for (const [name, realArn] of roleOutputs) {
    const group = ROLE_OUTPUT.exec(name)![1]!;
    const standIn = sim.userPool.groups.find((g) => g.name === group)?.roleArn ?? standInOutput(sim, name);
    if (standIn === undefined || standIn === null) continue;
    const mapped = values.apply(standIn);
    if (mapped !== realArn) {
      throw new RealValuesError(
        `output ${name}: deployed ${realArn}, but the synthesized stack gives ${mapped}: the deployed stack is not this synthesized stack`,
      );
    }
  }
  return values;
}

/** An output of the synthesized stack as the simulator resolves it, if it has one and it resolves offline. */
function standInOutput(sim: Simulator, name: string): string | undefined {
  try {
    const value = sim.model.output(name);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
