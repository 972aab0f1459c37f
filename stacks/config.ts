/**
 * The one declaration of the app: stacks, tests and the access simulator all read it from here.
 * Adding a group or a route is a one-line change below.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** A route key as API Gateway's ARNs spell it: "GET /user". */
export type RouteKey = `${HttpMethod} /${string}`;

export interface RouteConfig {
  method: HttpMethod;
  path: string;
  /** Key into `handlers`. */
  handler: string;
}

export interface HandlerConfig {
  /** TypeScript entry bundled by esbuild at synth time, relative to the project root. */
  entry: string;
  description: string;
}

export interface GroupConfig {
  name: string;
  /** Lower wins the `cognito:preferred_role` claim (Cognito: "the group with the lowest precedence value"). */
  precedence: number;
  routes: RouteKey[];
  description: string;
}

/** A REST API with AWS_IAM methods, as every app with an API declares it. */
export interface ApiConfig {
  name: string;
  stage: string;
  throttlingBurstLimit: number;
  throttlingRateLimit: number;
  /**
   * API Gateway writes execution logs only once the account has a CloudWatch role (one per account and region):
   * true where this stack manages that role, false where another stack already does.
   */
  manageAccountLogRole: boolean;
}

export interface StateConfig {
  /** S3 bucket that holds Terraform state; globally unique, so override it with TF_STATE_BUCKET. */
  bucket: string;
  region: string;
}

export interface AppConfig {
  appName: string;
  environment: string;
  region: string;
  /** Folder under policies/; undefined deploys the newest. */
  policyVersion?: string;
  api: ApiConfig;
  logRetentionDays: number;
  userPool: { deletionProtection: boolean };
  state: StateConfig;
  handlers: Record<string, HandlerConfig>;
  routes: RouteConfig[];
  groups: GroupConfig[];
}

export const officeConfig: AppConfig = {
  appName: 'office',
  environment: 'dev',
  region: 'us-east-1',
  api: { name: 'office_api', stage: 'api', throttlingBurstLimit: 20, throttlingRateLimit: 10, manageAccountLogRole: true },
  logRetentionDays: 30,
  userPool: { deletionProtection: true },
  state: { bucket: 'office-rbac-tfstate', region: 'us-east-1' },
  handlers: {
    user: { entry: 'lambdas/user.ts', description: 'Answers "Hello user"' },
    admin: { entry: 'lambdas/admin.ts', description: 'Answers "Hello admin"' },
  },
  routes: [
    { method: 'GET', path: '/user', handler: 'user' },
    { method: 'GET', path: '/admin', handler: 'admin' },
  ],
  groups: [
    { name: 'Admin', precedence: 0, routes: ['GET /user', 'GET /admin'], description: 'Office administrators' },
    { name: 'User', precedence: 1, routes: ['GET /user'], description: 'Office staff' },
  ],
};

export function routeKey(route: Pick<RouteConfig, 'method' | 'path'>): RouteKey {
  return `${route.method} ${route.path}` as RouteKey;
}

/** Prefix for every physical name, so two environments can share an account. */
export function resourcePrefix(config: AppConfig): string {
  return `${config.appName}-${config.environment}`;
}
