import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyVersion, renderPolicy } from '../policies/loader';
import { appGroups, appMethods, AppsConfig, appsPrefix, routeArnSuffix } from './apps-config';
import { DeploySettings } from './settings';
import { apiGatewayAccountLogRole } from './constructs/api-gateway-account';
import { configureAppStack } from './constructs/app-stack';
import { groupWithRole } from './constructs/group-role';
import { NodeFunction } from './constructs/node-function';
import { IamRestApi } from './constructs/rest-api';
import { cognitoRbac, rbacOutputs } from './constructs/cognito-rbac';

export interface AppsStackProps {
  config: AppsConfig;
  settings: DeploySettings;
  policies: PolicyVersion;
}

/** Every app route goes through this one resource: API Gateway's size stays constant, IAM decides per path. */
export const APPS_ROUTE_PATH = '/{app}/{proxy+}';

/**
 * One user pool for many apps: a Cognito group and an IAM role per (app, role), one identity pool with Token
 * mapping, and one REST API `apps_api` (AWS_IAM) whose single method per HTTP verb on `/{app}/{proxy+}` is backed
 * by one shared Lambda. Each group's role may invoke only its app's routes for that role; an app's client asks the
 * identity pool for that app's role with CustomRoleArn.
 */
export class AppsStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AppsStackProps) {
    super(scope, id);
    const { config, settings, policies } = props;
    const prefix = appsPrefix(config);

    configureAppStack(this, id, config, settings);

    const fn = new NodeFunction(this, 'fn-apps', {
      functionName: `${prefix}-handler`,
      entry: config.handler.entry,
      description: config.handler.description,
      logRetentionDays: config.logRetentionDays,
      policies,
    }).function;

    // The log role's trust names this account, read from the function's ARN: the API's own ARN would depend on the role.
    const accountLogRole = config.api.manageAccountLogRole ? apiGatewayAccountLogRole(this, prefix, policies, fn.arn) : undefined;
    const api = new IamRestApi(this, 'apps-api', {
      name: config.api.name,
      stage: config.api.stage,
      logRetentionDays: config.logRetentionDays,
      throttlingBurstLimit: config.api.throttlingBurstLimit,
      throttlingRateLimit: config.api.throttlingRateLimit,
      accountLogRole,
      routes: appMethods(config).map((method) => ({ method, path: APPS_ROUTE_PATH, function: fn })),
    });

    const { users, identities } = cognitoRbac(this, prefix, policies, { deletionProtection: config.userPool.deletionProtection });

    const roleArns: Record<string, string> = {};
    for (const group of appGroups(config)) {
      const { role } = groupWithRole(this, {
        users,
        identities,
        group: group.name,
        description: group.description,
        precedence: group.precedence,
        roleName: group.roleName,
        policyId: 'invoke',
        policyName: 'invoke-app-role-routes',
        policy: renderPolicy(policies.templates.groupPermissions, {
          executionArn: api.api.executionArn,
          stage: config.api.stage,
          group: group.name,
          routes: group.routes.map(routeArnSuffix),
        }),
      });
      roleArns[group.name] = role.arn;
    }

    rbacOutputs(this, config.region, { users, identities }, {
      api_invoke_url: api.stage.invokeUrl,
      // What each app's client passes as CustomRoleArn: the role of the user's group in that app.
      group_role_arns: roleArns,
    });
  }
}
