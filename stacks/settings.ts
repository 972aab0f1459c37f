import type { App } from 'cdktf';
import { AppConfig } from './config';

/** Where state lives and which policies deploy: per run, from the environment first, then cdktf context. */
export interface DeploySettings {
  stateBucket: string;
  stateRegion: string;
  /** Keep state in a local file instead of S3: for offline work only. */
  localState: boolean;
  policyVersion?: string;
}

type Source = Record<string, string | undefined>;

/**
 * Environment variables: TF_STATE_BUCKET, TF_STATE_REGION, TF_STATE_LOCAL=1, POLICY_VERSION.
 * cdktf.json context keys: stateBucket, stateRegion, localState, policyVersion.
 */
export function resolveSettings(config: AppConfig, app?: App, env: Source = process.env): DeploySettings {
  const context = (key: string): string | undefined => {
    const value: unknown = app?.node.tryGetContext(key);
    return value === undefined || value === null ? undefined : String(value);
  };
  const pick = (envKey: string, contextKey: string): string | undefined => env[envKey] || context(contextKey);
  const local = pick('TF_STATE_LOCAL', 'localState');
  return {
    stateBucket: pick('TF_STATE_BUCKET', 'stateBucket') ?? config.state.bucket,
    stateRegion: pick('TF_STATE_REGION', 'stateRegion') ?? config.state.region,
    localState: local === '1' || local === 'true',
    policyVersion: pick('POLICY_VERSION', 'policyVersion') ?? config.policyVersion,
  };
}
