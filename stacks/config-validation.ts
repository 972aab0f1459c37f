import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, resourcePrefix, routeKey } from './config';
import { listPolicyVersions } from '../policies/loader';
import {
  BUCKET_NAME,
  caseCollision,
  FUNCTION_NAME,
  MAX_FUNCTION_DESCRIPTION,
  MAX_GROUP_DESCRIPTION,
  MAX_GROUP_PRECEDENCE,
  MAX_ROLE_NAME,
  retentionProblem,
  throttlingProblem,
} from './aws-rules';

/** A config mistake, named by its field path so the user can find it. */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`invalid config: ${field}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
export const NAME = /^[a-z][a-z0-9-]{0,20}$/;
export const STAGE = /^[A-Za-z0-9_]{1,128}$/;
// API Gateway path parts: plain segments, {param}, or a greedy {proxy+} (which must come last: see below).
const PATH = /^\/$|^(\/([A-Za-z0-9._~-]+|\{[A-Za-z0-9_]+\}|\{[A-Za-z0-9_]+\+\}))+$/;
// Each group names an IAM role (`<prefix>-<group>`) and a Terraform output (`role_arn_<group>`), so its name must
// suit both: Terraform identifiers take letters, digits, "_" and "-" only (Cognito and IAM would take more).
const GROUP = /^[A-Za-z0-9_-]{1,40}$/;
/** The project root: handler entries are relative to it. */
const PROJECT_ROOT = join(__dirname, '..');

/** Throws ConfigError on the first problem; stacks call it before any construct exists, so nothing is written. */
export function validateConfig(config: AppConfig, policiesRoot: string, projectRoot: string = PROJECT_ROOT): void {
  if (!NAME.test(config.appName)) throw new ConfigError('appName', `"${config.appName}" must match ${NAME}`);
  if (!NAME.test(config.environment)) {
    throw new ConfigError('environment', `"${config.environment}" must match ${NAME}`);
  }
  if (!REGION.test(config.region)) throw new ConfigError('region', `"${config.region}" is not an AWS region name`);
  if (!REGION.test(config.state.region)) {
    throw new ConfigError('state.region', `"${config.state.region}" is not an AWS region name`);
  }
  if (!BUCKET_NAME.test(config.state.bucket) || config.state.bucket.includes('..')) {
    throw new ConfigError('state.bucket', `"${config.state.bucket}" is not an S3 bucket name (3-63 lowercase letters, digits, "-" or ".")`);
  }
  if (!STAGE.test(config.api.stage)) throw new ConfigError('api.stage', `"${config.api.stage}" must match ${STAGE}`);
  const throttling = throttlingProblem(config.api);
  if (throttling) throw new ConfigError(...throttling);
  const retention = retentionProblem(config.logRetentionDays);
  if (retention) throw new ConfigError('logRetentionDays', retention);

  if (config.policyVersion !== undefined) {
    const versions = listPolicyVersions(policiesRoot);
    if (!versions.includes(config.policyVersion)) {
      throw new ConfigError(
        'policyVersion',
        `unknown policy version "${config.policyVersion}" (have: ${versions.join(', ') || 'none'})`,
      );
    }
  }

  const prefix = resourcePrefix(config);
  validateHandlers(config, prefix, projectRoot);
  const routeIndex = validateRoutes(config);
  validateGroups(config, prefix, routeIndex);
}

function validateHandlers(config: AppConfig, prefix: string, projectRoot: string): void {
  for (const [key, handler] of Object.entries(config.handlers)) {
    const functionName = `${prefix}-${key}`;
    if (!FUNCTION_NAME.test(functionName)) {
      throw new ConfigError(`handlers.${key}`, `Lambda function name "${functionName}" must be 1-64 letters, digits, "-" or "_"`);
    }
    if (!existsSync(join(projectRoot, handler.entry))) {
      throw new ConfigError(`handlers.${key}.entry`, `no such file "${handler.entry}" (paths are relative to the project root)`);
    }
    if (handler.description.length > MAX_FUNCTION_DESCRIPTION) {
      throw new ConfigError(`handlers.${key}.description`, `${handler.description.length} characters; Lambda allows ${MAX_FUNCTION_DESCRIPTION}`);
    }
  }
}

/** Checks every route and returns route key → index. */
function validateRoutes(config: AppConfig): Map<string, number> {
  const routeIndex = new Map<string, number>();
  // Per parent resource path, its variable child part ({id} or {proxy+}) and the route that declared it.
  const variableChild = new Map<string, { part: string; route: number }>();
  config.routes.forEach((route, i) => {
    if (!PATH.test(route.path)) {
      const spaces = /\s/.test(route.path) ? ' (it contains whitespace)' : '';
      throw new ConfigError(`routes[${i}].path`, `"${route.path}" is not an API Gateway resource path${spaces}`);
    }
    if (!(route.handler in config.handlers)) {
      throw new ConfigError(`routes[${i}].handler`, `unknown handler "${route.handler}"`);
    }
    const parts = route.path.split('/').slice(1);
    parts.forEach((part, j) => {
      // API Gateway cannot create a child under a greedy resource: {proxy+} matches everything below it.
      if (part.endsWith('+}') && j < parts.length - 1) {
        throw new ConfigError(`routes[${i}].path`, `"${route.path}": the greedy "${part}" must be the last path part`);
      }
      if (!part.startsWith('{')) return;
      const parent = `/${parts.slice(0, j).join('/')}`;
      const sibling = variableChild.get(parent);
      // API Gateway allows one variable path part per parent resource ("A sibling ... already has a variable path part").
      if (sibling && sibling.part !== part) {
        throw new ConfigError(
          `routes[${i}].path`,
          `"${part}" under "${parent}" is a sibling of "${sibling.part}" (routes[${sibling.route}]); API Gateway allows one variable path part per resource`,
        );
      }
      if (!sibling) variableChild.set(parent, { part, route: i });
    });
    const key = routeKey(route);
    const first = routeIndex.get(key);
    if (first !== undefined) throw new ConfigError(`routes[${i}]`, `duplicate route "${key}" (also routes[${first}])`);
    routeIndex.set(key, i);
  });
  return routeIndex;
}

function validateGroups(config: AppConfig, prefix: string, routeIndex: Map<string, number>): void {
  // The stack's other roles: a group whose role name equals one of them (ignoring case) fails at apply.
  const otherRoles = new Map<string, string>([
    [`${prefix}-authenticated-default`.toLowerCase(), "the identity pool's default role"],
    ...Object.keys(config.handlers).map((key): [string, string] => [`${prefix}-${key}-exec`.toLowerCase(), `handler ${key}'s execution role`]),
  ]);
  if (config.api.manageAccountLogRole) otherRoles.set(`${prefix}-apigateway-cloudwatch`, "API Gateway's CloudWatch role");

  const precedenceIndex = new Map<number, number>();
  config.groups.forEach((group, i) => {
    if (/\s/.test(group.name)) {
      throw new ConfigError(`groups[${i}].name`, `"${group.name}" contains whitespace; Cognito group and IAM role names allow none`);
    }
    if (!GROUP.test(group.name)) throw new ConfigError(`groups[${i}].name`, `"${group.name}" must match ${GROUP}`);
    const roleName = `${prefix}-${group.name}`;
    if (roleName.length > MAX_ROLE_NAME) {
      throw new ConfigError(`groups[${i}].name`, `role name "${roleName}" is ${roleName.length} characters; IAM allows ${MAX_ROLE_NAME}`);
    }
    const collides = otherRoles.get(roleName.toLowerCase());
    if (collides) throw new ConfigError(`groups[${i}].name`, `its role "${roleName}" would be the same IAM role as ${collides}`);
    if (group.description.length > MAX_GROUP_DESCRIPTION) {
      throw new ConfigError(`groups[${i}].description`, `${group.description.length} characters; Cognito allows ${MAX_GROUP_DESCRIPTION}`);
    }

    if (!Number.isInteger(group.precedence) || group.precedence < 0 || group.precedence > MAX_GROUP_PRECEDENCE) {
      throw new ConfigError(`groups[${i}].precedence`, `must be an integer from 0 to ${MAX_GROUP_PRECEDENCE} (Cognito's maximum)`);
    }
    // Every group carries its own role, so a tie would leave Cognito without a preferred role.
    const samePrecedence = precedenceIndex.get(group.precedence);
    if (samePrecedence !== undefined) {
      throw new ConfigError(
        `groups[${i}].precedence`,
        `precedence ${group.precedence} is also used by groups[${samePrecedence}] with a different role; ` +
          'Cognito would then issue no preferred role and the identity pool would deny both',
      );
    }
    precedenceIndex.set(group.precedence, i);

    if (group.routes.length === 0) {
      throw new ConfigError(`groups[${i}].routes`, 'grants nothing: give the group at least one route (or remove it)');
    }
    group.routes.forEach((key, j) => {
      if (!routeIndex.has(key)) throw new ConfigError(`groups[${i}].routes[${j}]`, `undeclared route "${key}"`);
    });
  });

  const names = config.groups.map((g) => g.name);
  const exact = names.findIndex((name, i) => names.indexOf(name) !== i);
  if (exact !== -1) {
    throw new ConfigError(`groups[${exact}].name`, `duplicate group "${names[exact]}" (also groups[${names.indexOf(names[exact]!)}])`);
  }
  const collision = caseCollision(names);
  if (collision) {
    const [first, second] = collision;
    throw new ConfigError(
      `groups[${second}].name`,
      `"${names[second]}" differs from groups[${first}] "${names[first]}" only by case; IAM role names ignore case, so both would be one role`,
    );
  }
}
