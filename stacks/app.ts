import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import { removeSynthOutput } from '../guardrails/enforce';
import { ACCESS_REPORT_FILE } from '../terraform/stacks-dir';
import { loadPolicyVersion, newestPolicyVersion, POLICIES_ROOT } from '../policies/loader';
import { AppConfig, officeConfig } from './config';
import { validateConfig } from './config-validation';
import { DeploySettings, resolveSettings } from './settings';
import { OfficeStack } from './office-stack';
import { MarketplaceConfig, marketplaceConfig, validateMarketplaceConfig } from './marketplace-config';
import { MarketplaceStack } from './marketplace-stack';
import { StateStack } from './state-stack';
import { RowsConfig, rowsConfig, validateRowsConfig } from './rows-config';
import { RowsStack } from './rows-stack';
import { AppsConfig, appsConfig, validateAppsConfig } from './apps-config';
import { AppsStack } from './apps-stack';

/** Stack names: also the folders under cdktf.out/stacks/. */
export const STACKS = { state: 'state', office: 'office', marketplace: 'marketplace', rows: 'rows', apps: 'apps' } as const;

export interface BuildOptions {
  outdir?: string;
  config?: AppConfig;
  /** The marketplace stack's declaration; default stacks/marketplace-config.ts. */
  marketplace?: MarketplaceConfig;
  /** The rows stack's declaration; default stacks/rows-config.ts. */
  rows?: RowsConfig;
  /** The apps stack's declaration; default stacks/apps-config.ts. */
  apps?: AppsConfig;
  /** Overrides on top of what the environment and cdktf context say. */
  settings?: Partial<DeploySettings>;
  /** Where the policies/vN folders are; default the project's policies/. */
  policiesRoot?: string;
  /** Build only these stacks (every config is still validated); default all. Tests use it to synth less. */
  only?: StackName[];
}

export type StackName = (typeof STACKS)[keyof typeof STACKS];

/** Builds every stack. Config and templates are checked first, so a bad input stops synth before anything is written. */
export function buildApp(options: BuildOptions = {}): App {
  const config = options.config ?? officeConfig;
  const outdir = resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const existed = existsSync(outdir);
  // The access report describes the stacks of an earlier synth; whatever this one does, it is stale now.
  rmSync(join(outdir, ACCESS_REPORT_FILE), { force: true });
  // cdktf creates the outdir as soon as the App exists; a bad input must not leave it behind.
  const app = new App({ outdir });
  try {
    const settings = { ...resolveSettings(config, app), ...options.settings };
    const policiesRoot = options.policiesRoot ?? POLICIES_ROOT;
    const policyVersion = settings.policyVersion ?? newestPolicyVersion(policiesRoot);
    validateConfig({ ...config, policyVersion }, policiesRoot);
    const marketplace = options.marketplace ?? marketplaceConfig;
    validateMarketplaceConfig(marketplace);
    const rows = options.rows ?? rowsConfig;
    validateRowsConfig(rows);
    const policies = loadPolicyVersion(policyVersion, policiesRoot);
    const apps = options.apps ?? appsConfig;
    validateAppsConfig(apps, policies);
    const wanted = (name: StackName) => !options.only || options.only.includes(name);
    if (wanted(STACKS.state)) new StateStack(app, STACKS.state, { config, settings, policies });
    if (wanted(STACKS.office)) new OfficeStack(app, STACKS.office, { config, settings, policies });
    if (wanted(STACKS.marketplace)) new MarketplaceStack(app, STACKS.marketplace, { config: marketplace, settings, policies });
    if (wanted(STACKS.rows)) new RowsStack(app, STACKS.rows, { config: rows, settings, policies });
    if (wanted(STACKS.apps)) new AppsStack(app, STACKS.apps, { config: apps, settings, policies });
  } catch (error) {
    // Stacks (and the access report) from an earlier synth must not outlive a refused one: `check`, `cdktf deploy`
    // and readers of the report would otherwise take them for the current config.
    if (existed) removeSynthOutput(outdir);
    else rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  return app;
}
