/**
 * What a stack's config says about access, in one shape per kind of stack: which groups exist with which precedence,
 * and what each may do. The exhaustive matrix (access/exhaustive) proves the synthesized stack against it. Nothing
 * here is an expected outcome written by hand: every grant comes from a config module.
 */
import type { AppConfig } from '../../stacks/config';
import type { AppsConfig } from '../../stacks/apps-config';
import type { MarketplaceConfig } from '../../stacks/marketplace-config';
import type { RowsConfig } from '../../stacks/rows-config';

export interface IntentGroup {
  name: string;
  /** Lower wins cognito:preferred_role (Cognito developer guide, "Adding groups to a user pool"). */
  precedence: number;
}

/**
 * An HTTP route as the config grants it: `{param}` is one path segment, `{name+}` and a trailing `/*` one or more
 * (a trailing `/*` is the subtree an IAM resource ARN like `GET/app01/b/*` covers).
 */
export interface RouteTemplate {
  method: string;
  path: string;
}

export interface HttpIntent {
  kind: 'http';
  stack: string;
  /** The config module the intent was read from, for messages. */
  source: string;
  /** The only stage the config deploys: every other stage must answer nothing. */
  stage: string;
  groups: Array<IntentGroup & { routes: RouteTemplate[] }>;
}

/** An AWS API request of the action matrix; `{self}` and `{other}` stand for the caller's and another user's identity id. */
export interface ActionProbe {
  id: string;
  action: string;
  resource: string;
  context: Record<string, string[]>;
  /** Groups whose members the config lets do this. */
  allowedFor: string[];
  /** Why, in the config's words (the field that grants it), or why nobody may. */
  why: string;
}

export interface ActionIntent {
  kind: 'action';
  stack: string;
  source: string;
  groups: IntentGroup[];
  probes: ActionProbe[];
}

export type Intent = HttpIntent | ActionIntent;

/** The config modules of one source tree (this one, or a git ref's in `access -- review`). */
export interface Configs {
  office: AppConfig;
  apps: AppsConfig;
  marketplace: MarketplaceConfig;
  rows: RowsConfig;
}
