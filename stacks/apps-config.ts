/**
 * The one declaration of the `apps` stack: one user pool shared by many applications. A user's role in an app is a
 * membership of the Cognito group `<app>-<role>` (e.g. `app01-B`); each group carries its own IAM role, which may
 * invoke only that app's routes for that role on `apps_api`. Changing a user's role in an app is a group
 * membership change (AdminRemoveUserFromGroup + AdminAddUserToGroup), never an attribute edit.
 */
import { renderPolicy, type PolicyVersion } from '../policies/loader';
import { ROLE_INLINE_LIMIT } from '../guardrails/rules/IAM-004-inline-policy-size';
import type { ApiConfig, HttpMethod, RouteKey } from './config';
import { retentionProblem, throttlingProblem } from './aws-rules';
import { ConfigError, NAME, REGION, STAGE } from './config-validation';

export interface AppRoleConfig {
  /** `A`, `B`, ...: the group is `<app>-<name>`, its IAM role `<prefix>-<app>-<name>`. */
  name: string;
  description: string;
  /**
   * What the role may call, relative to its app: `GET /b` is `GET /app01/b` for app01. A path may end in `/*`
   * (the whole subtree). Default: the role's own section, `GET /<role>` and `GET /<role>/*`.
   */
  routes: RouteKey[];
}

export interface AppDefinition {
  /** Lowercase letters and digits: the first path segment of every route of the app, and part of group names. */
  name: string;
  description: string;
  roles: AppRoleConfig[];
}

export interface AppsConfig {
  appName: string;
  environment: string;
  region: string;
  /** manageAccountLogRole is false by default: the office stack manages the account's one CloudWatch role. */
  api: ApiConfig;
  logRetentionDays: number;
  userPool: { deletionProtection: boolean };
  /** The one Lambda behind every app route; it answers which app and role the caller used. */
  handler: { entry: string; description: string };
  quotas: {
    /** This account's quota of IAM roles: 1,000 by default, raised on request up to 5,000. */
    iamRolesPerAccount: number;
  };
  apps: AppDefinition[];
}

/** AWS quotas a config can run into (IAM and STS quotas; Amazon Cognito quotas; API Gateway quotas). */
export const QUOTAS = {
  /** Cognito: groups per user pool, not adjustable. */
  groupsPerUserPool: 10_000,
  /** Cognito: groups a user can belong to, not adjustable: a user can hold a role in at most 100 apps. */
  groupsPerUser: 100,
  /** Cognito identity pools: rules per role mapping (Rules mapping only; this stack uses Token mapping). */
  roleMappingRules: 25,
  /** Cognito: group name length. */
  groupName: 128,
  /** IAM: roles per account, default and the most AWS grants on request. */
  iamRolesDefault: 1_000,
  iamRolesMax: 5_000,
  /** IAM: role name length. */
  roleName: 64,
  /** IAM: all inline policies of one role together, in characters without whitespace. */
  roleInlinePolicy: ROLE_INLINE_LIMIT,
} as const;

/** The roles of the article's example: every app has the same three. */
export const DEFAULT_ROLES = ['A', 'B', 'C'] as const;

/** A role's default routes: its own section of the app, `GET /<role>` and everything under it. */
export function defaultRoleRoutes(role: string): RouteKey[] {
  const section = role.toLowerCase();
  return [`GET /${section}`, `GET /${section}/*`];
}

/** `count` apps named app01, app02, ... (app001 from 100 on), each with the same roles and default routes. */
export function generateApps(count: number, roles: readonly string[] = DEFAULT_ROLES): AppDefinition[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => {
    const name = `app${String(i + 1).padStart(width, '0')}`;
    return {
      name,
      description: `Application ${i + 1}`,
      roles: roles.map((role) => ({ name: role, description: `Role ${role} in ${name}`, routes: defaultRoleRoutes(role) })),
    };
  });
}

export const appsConfig: AppsConfig = {
  appName: 'apps',
  environment: 'dev',
  region: 'us-east-1',
  api: { name: 'apps_api', stage: 'api', throttlingBurstLimit: 20, throttlingRateLimit: 10, manageAccountLogRole: false },
  logRetentionDays: 30,
  userPool: { deletionProtection: true },
  handler: { entry: 'lambdas/apps.ts', description: 'Answers which app and role the caller used' },
  quotas: { iamRolesPerAccount: QUOTAS.iamRolesDefault },
  apps: generateApps(10),
};

export function appsPrefix(config: AppsConfig): string {
  return `${config.appName}-${config.environment}`;
}

/** One Cognito group (and IAM role) per (app, role). */
export interface AppGroup {
  app: string;
  role: string;
  /** `<app>-<role>`, e.g. `app01-B`. */
  name: string;
  roleName: string;
  /** Running order of the config (apps in order, roles in order): distinct by construction. */
  precedence: number;
  description: string;
  /** Full routes, e.g. `{ method: 'GET', path: '/app01/b/*' }`. */
  routes: Array<{ method: HttpMethod; path: string }>;
  /** Where the group comes from in the config, for error messages. */
  field: string;
}

export function groupName(app: string, role: string): string {
  return `${app}-${role}`;
}

export function appGroups(config: AppsConfig): AppGroup[] {
  let precedence = 0;
  return config.apps.flatMap((app, i) =>
    app.roles.map((role, j) => ({
      app: app.name,
      role: role.name,
      name: groupName(app.name, role.name),
      roleName: `${appsPrefix(config)}-${groupName(app.name, role.name)}`,
      precedence: precedence++,
      description: role.description,
      routes: role.routes.map((key) => {
        const [method, path] = splitRoute(key);
        return { method, path: `/${app.name}${path}` };
      }),
      field: `apps[${i}].roles[${j}]`,
    })),
  );
}

/** HTTP methods the API must serve: one method on `/{app}/{proxy+}` each. */
export function appMethods(config: AppsConfig): HttpMethod[] {
  return [...new Set(appGroups(config).flatMap((group) => group.routes.map((route) => route.method)))].sort();
}

/** The IAM resource form of a route: `GET/app01/b/*`. */
export function routeArnSuffix(route: { method: HttpMethod; path: string }): string {
  return `${route.method}${route.path}`;
}

/** IAM roles the stack creates: one per group, the identity pool's default role, the Lambda's, maybe the log role. */
export function appsRoleCount(config: AppsConfig): number {
  return appGroups(config).length + 2 + (config.api.manageAccountLogRole ? 1 : 0);
}

function splitRoute(key: RouteKey): [HttpMethod, string] {
  const space = key.indexOf(' ');
  return [key.slice(0, space) as HttpMethod, key.slice(space + 1)];
}

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const APP = /^[a-z][a-z0-9]{0,19}$/;
const ROLE = /^[A-Za-z0-9]{1,20}$/;
// Literal segments, optionally ending in /* (the subtree). No {params}: IAM grants name real paths.
const ROUTE_PATH = /^(\/[A-Za-z0-9._~-]+)+(\/\*)?$/;
/** A stand-in execution ARN as long as a real one, for sizing policies before synth. */
const EXECUTION_ARN = (region: string) => `arn:aws:execute-api:${region}:123456789012:a1b2c3d4e5`;

/**
 * Throws ConfigError naming the field on the first problem, including every AWS quota the config would exceed at
 * apply time. `policies` sizes each role's policy exactly as it will be rendered.
 */
export function validateAppsConfig(config: AppsConfig, policies: PolicyVersion): void {
  if (!NAME.test(config.appName)) throw new ConfigError('apps.appName', `"${config.appName}" must match ${NAME}`);
  if (!NAME.test(config.environment)) throw new ConfigError('apps.environment', `"${config.environment}" must match ${NAME}`);
  if (!REGION.test(config.region)) throw new ConfigError('apps.region', `"${config.region}" is not an AWS region name`);
  if (!STAGE.test(config.api.stage)) throw new ConfigError('apps.api.stage', `"${config.api.stage}" must match ${STAGE}`);
  const throttling = throttlingProblem(config.api);
  if (throttling) throw new ConfigError(`apps.${throttling[0]}`, throttling[1]);
  const retention = retentionProblem(config.logRetentionDays);
  if (retention) throw new ConfigError('apps.logRetentionDays', retention);
  const quota = config.quotas.iamRolesPerAccount;
  if (!Number.isInteger(quota) || quota < 1 || quota > QUOTAS.iamRolesMax) {
    throw new ConfigError('apps.quotas.iamRolesPerAccount', `${quota} is not a possible IAM roles quota (1 to ${QUOTAS.iamRolesMax})`);
  }
  if (config.apps.length === 0) throw new ConfigError('apps.apps', 'declare at least one app');

  const appNames = new Map<string, number>();
  config.apps.forEach((app, i) => {
    const field = `apps.apps[${i}]`;
    if (!APP.test(app.name)) throw new ConfigError(`${field}.name`, `"${app.name}" must match ${APP}`);
    const same = appNames.get(app.name);
    if (same !== undefined) throw new ConfigError(`${field}.name`, `duplicate app "${app.name}" (also apps.apps[${same}])`);
    appNames.set(app.name, i);
    if (app.roles.length === 0) throw new ConfigError(`${field}.roles`, 'declare at least one role');
    // IAM role names (and so group names here) are unique without regard to case.
    const roleNames = new Map<string, number>();
    app.roles.forEach((role, j) => {
      const at = `${field}.roles[${j}]`;
      if (!ROLE.test(role.name)) throw new ConfigError(`${at}.name`, `"${role.name}" must match ${ROLE}`);
      const key = role.name.toLowerCase();
      const sameRole = roleNames.get(key);
      if (sameRole !== undefined) {
        throw new ConfigError(`${at}.name`, `duplicate role "${role.name}" in ${app.name} (also ${field}.roles[${sameRole}]; IAM role names ignore case)`);
      }
      roleNames.set(key, j);
      if (role.routes.length === 0) throw new ConfigError(`${at}.routes`, 'grant at least one route');
      const seen = new Set<string>();
      role.routes.forEach((route, k) => {
        const [method, path] = splitRoute(route);
        if (!METHODS.has(method)) throw new ConfigError(`${at}.routes[${k}]`, `"${route}" does not start with an HTTP method`);
        if (!ROUTE_PATH.test(path)) {
          throw new ConfigError(`${at}.routes[${k}]`, `"${path}" must be literal segments under the app, optionally ending in /*`);
        }
        if (seen.has(route)) throw new ConfigError(`${at}.routes[${k}]`, `duplicate route "${route}"`);
        seen.add(route);
      });
    });
  });

  const groups = appGroups(config);
  if (groups.length > QUOTAS.groupsPerUserPool) {
    throw new ConfigError(
      'apps.apps',
      `${groups.length} (app, role) groups; a Cognito user pool holds at most ${QUOTAS.groupsPerUserPool.toLocaleString('en')} groups`,
    );
  }
  const roles = appsRoleCount(config);
  if (roles > quota) {
    throw new ConfigError(
      'apps.apps',
      `${roles} IAM roles (${groups.length} group roles, the identity pool's default role, the Lambda's${config.api.manageAccountLogRole ? ', the API Gateway log role' : ''}) ` +
        `exceed the account's quota of ${quota.toLocaleString('en')} (apps.quotas.iamRolesPerAccount; AWS grants at most ${QUOTAS.iamRolesMax.toLocaleString('en')}), ` +
        'before counting the roles the account already has',
    );
  }
  for (const group of groups) {
    if (group.name.length > QUOTAS.groupName) {
      throw new ConfigError(`apps.${group.field}.name`, `group name "${group.name}" is longer than Cognito's ${QUOTAS.groupName} characters`);
    }
    if (group.roleName.length > QUOTAS.roleName) {
      throw new ConfigError(
        `apps.${group.field}.name`,
        `role name "${group.roleName}" is ${group.roleName.length} characters; IAM allows ${QUOTAS.roleName}`,
      );
    }
    const size = renderPolicy(policies.templates.groupPermissions, {
      executionArn: EXECUTION_ARN(config.region),
      stage: config.api.stage,
      group: group.name,
      routes: group.routes.map(routeArnSuffix),
    }).replace(/\s/g, '').length;
    if (size > QUOTAS.roleInlinePolicy) {
      throw new ConfigError(
        `apps.${group.field}.routes`,
        `${group.routes.length} routes make role ${group.roleName}'s policy about ${size} characters; IAM allows ` +
          `${QUOTAS.roleInlinePolicy.toLocaleString('en')} per role (use a subtree, e.g. "GET /b/*", instead of listing paths)`,
      );
    }
  }
}
