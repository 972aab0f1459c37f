import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Simulator } from '../../../access/simulate';
import { synth } from '../../support/synth';
import { ApiStandIn, startApi } from './api-server';
import { IdentityPoolStandIn, KeyStore, startIdentityPool } from './identity-pool-server';
import { startUserPool, UserPoolStandIn } from './user-pool-server';

export const ADMIN = { accessKeyId: 'AKIDSTANDINADMIN', secretAccessKey: 'stand-in/admin+secret' };

/** GetCredentialsForIdentity's credentials last one hour (Cognito identity pools API reference, Credentials). */
const CREDENTIAL_LIFETIME_SECONDS = 3600;

export interface StandIns {
  sim: Simulator;
  userPool: UserPoolStandIn;
  identityPool: IdentityPoolStandIn;
  api: ApiStandIn;
  keys: KeyStore;
  /** `terraform output -json` of the synthesized stack, with the invoke URL pointing at the stand-in API. */
  outputs: Record<string, { value: string; type: 'string'; sensitive: false }>;
  outputsFile: string;
  /** The endpoint overrides the client reads. */
  env: Record<string, string>;
  /** Changes the clocks of every stand-in (AWS's clock), e.g. to provoke clock skew. */
  setClock(now: () => Date): void;
  /**
   * Back to the state right after start: no users, no issued keys, no recorded calls, AWS's clock right, credentials
   * living an hour. Each test starts from here and seeds what it needs, so it runs alone and in any order.
   */
  reset(): void;
  /** Stops the servers and removes the outputs file's folder. */
  close(): Promise<void>;
}

/**
 * Synthesizes the office stack, loads the access simulator from it and starts the three stand-ins on 127.0.0.1 at
 * free ports. IDs (pool, client, identity pool, role ARNs) are the simulator's stand-in values, so every hop agrees.
 */
export async function startStandIns(): Promise<StandIns> {
  const { outdir } = synth();
  const sim = Simulator.fromOutdir(outdir, 'office');
  let clock: () => Date = () => new Date();
  const now = () => clock();
  const keys: KeyStore = new Map();
  const region = sim.identityPool.region;

  const userPool = await startUserPool({
    region,
    poolId: sim.userPool.poolId,
    clientId: sim.userPool.clientId,
    groups: sim.userPool.groups,
    admin: ADMIN,
    now,
  });
  const identityPool = await startIdentityPool({
    sim,
    region,
    identityPoolId: sim.identityPool.poolId,
    providerName: sim.userPool.providerName,
    clientId: sim.userPool.clientId,
    publicKey: userPool.publicKey,
    keys,
    credentialLifetimeSeconds: CREDENTIAL_LIFETIME_SECONDS,
    now,
  });
  const api = await startApi({ sim, region, keys, now });

  const outputs: StandIns['outputs'] = {};
  for (const name of Object.keys(sim.model.source.outputs)) outputs[name] = { value: String(sim.model.output(name)), type: 'string', sensitive: false };
  const stage = new URL(outputs.api_invoke_url!.value).pathname;
  outputs.api_invoke_url = { value: `${api.origin}${stage}`, type: 'string', sensitive: false };
  const outputsFile = join(mkdtempSync(join(tmpdir(), 'office-outputs-')), 'outputs.json');
  writeFileSync(outputsFile, JSON.stringify(outputs, null, 2));

  return {
    sim,
    userPool,
    identityPool,
    api,
    keys,
    outputs,
    outputsFile,
    env: { COGNITO_IDP_ENDPOINT: userPool.url, COGNITO_IDENTITY_ENDPOINT: identityPool.url },
    setClock(next) {
      clock = next;
    },
    reset() {
      clock = () => new Date();
      userPool.users.clear();
      keys.clear();
      for (const recorded of [userPool.calls, identityPool.calls, api.seen]) recorded.length = 0;
      identityPool.options.credentialLifetimeSeconds = CREDENTIAL_LIFETIME_SECONDS;
    },
    close: async () => {
      await Promise.all([userPool.close(), identityPool.close(), api.close()]);
      rmSync(dirname(outputsFile), { recursive: true, force: true });
    },
  };
}
