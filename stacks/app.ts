import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'cdktf';
import { loadPolicyVersion, newestPolicyVersion, POLICIES_ROOT } from '../policies/loader';
import { AppConfig, officeConfig } from './config';
import { validateConfig } from './config-validation';
import { DeploySettings, resolveSettings } from './settings';
import { OfficeStack } from './office-stack';
import { StateStack } from './state-stack';

/** Stack names: also the folders under cdktf.out/stacks/. */
export const STACKS = { state: 'state', office: 'office' } as const;

export interface BuildOptions {
  outdir?: string;
  config?: AppConfig;
  /** Overrides on top of what the environment and cdktf context say. */
  settings?: Partial<DeploySettings>;
}

/** Builds every stack. Config and templates are checked first, so a bad input stops synth before anything is written. */
export function buildApp(options: BuildOptions = {}): App {
  const config = options.config ?? officeConfig;
  const outdir = resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const existed = existsSync(outdir);
  // cdktf creates the outdir as soon as the App exists; a bad input must not leave it behind.
  const app = new App({ outdir });
  try {
    const settings = { ...resolveSettings(config, app), ...options.settings };
    const policyVersion = settings.policyVersion ?? newestPolicyVersion();
    validateConfig({ ...config, policyVersion }, POLICIES_ROOT);
    const policies = loadPolicyVersion(policyVersion);
    new StateStack(app, STACKS.state, { config, settings, policies });
    new OfficeStack(app, STACKS.office, { config, settings, policies });
  } catch (error) {
    if (!existed) rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  return app;
}
