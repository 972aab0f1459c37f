import { AppConfig, routeKey } from './config';
import { listPolicyVersions } from '../policies/loader';

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
// API Gateway path parts: plain segments, {param}, or a trailing greedy {proxy+}.
const PATH = /^\/$|^(\/([A-Za-z0-9._~-]+|\{[A-Za-z0-9_]+\}|\{[A-Za-z0-9_]+\+\}))+$/;
// Cognito group names are one IAM-role-name-safe token here, because each names a role.
const GROUP = /^[A-Za-z0-9+=,.@_-]{1,40}$/;

/** Throws ConfigError on the first problem; stacks call it before any construct exists, so nothing is written. */
export function validateConfig(config: AppConfig, policiesRoot: string): void {
  if (!NAME.test(config.appName)) throw new ConfigError('appName', `"${config.appName}" must match ${NAME}`);
  if (!NAME.test(config.environment)) {
    throw new ConfigError('environment', `"${config.environment}" must match ${NAME}`);
  }
  if (!REGION.test(config.region)) throw new ConfigError('region', `"${config.region}" is not an AWS region name`);
  if (!REGION.test(config.state.region)) {
    throw new ConfigError('state.region', `"${config.state.region}" is not an AWS region name`);
  }
  if (!STAGE.test(config.api.stage)) throw new ConfigError('api.stage', `"${config.api.stage}" must match ${STAGE}`);

  if (config.policyVersion !== undefined) {
    const versions = listPolicyVersions(policiesRoot);
    if (!versions.includes(config.policyVersion)) {
      throw new ConfigError(
        'policyVersion',
        `unknown policy version "${config.policyVersion}" (have: ${versions.join(', ') || 'none'})`,
      );
    }
  }

  const routeIndex = new Map<string, number>();
  config.routes.forEach((route, i) => {
    if (!PATH.test(route.path)) {
      throw new ConfigError(`routes[${i}].path`, `"${route.path}" is not an API Gateway resource path`);
    }
    if (!(route.handler in config.handlers)) {
      throw new ConfigError(`routes[${i}].handler`, `unknown handler "${route.handler}"`);
    }
    const key = routeKey(route);
    const first = routeIndex.get(key);
    if (first !== undefined) throw new ConfigError(`routes[${i}]`, `duplicate route "${key}" (also routes[${first}])`);
    routeIndex.set(key, i);
  });

  const groupIndex = new Map<string, number>();
  const precedenceIndex = new Map<number, number>();
  config.groups.forEach((group, i) => {
    if (!GROUP.test(group.name)) throw new ConfigError(`groups[${i}].name`, `"${group.name}" must match ${GROUP}`);
    const sameName = groupIndex.get(group.name);
    if (sameName !== undefined) {
      throw new ConfigError(`groups[${i}].name`, `duplicate group "${group.name}" (also groups[${sameName}])`);
    }
    groupIndex.set(group.name, i);

    if (!Number.isInteger(group.precedence) || group.precedence < 0) {
      throw new ConfigError(`groups[${i}].precedence`, 'must be a non-negative integer');
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

    group.routes.forEach((key, j) => {
      if (!routeIndex.has(key)) throw new ConfigError(`groups[${i}].routes[${j}]`, `undeclared route "${key}"`);
    });
  });
}
