import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyVersion, renderPolicy } from '../policies/loader';
import { AppConfig, resourcePrefix, routeKey } from './config';
import { DeploySettings } from './settings';
import { apiGatewayAccountLogRole } from './constructs/api-gateway-account';
import { configureAppStack } from './constructs/app-stack';
import { groupWithRole } from './constructs/group-role';
import { NodeFunction } from './constructs/node-function';
import { arnPath, IamRestApi } from './constructs/rest-api';
import { cognitoRbac, rbacOutputs, roleArnOutputs } from './constructs/cognito-rbac';

export interface OfficeStackProps {
  config: AppConfig;
  settings: DeploySettings;
  policies: PolicyVersion;
}

/** Cognito groups → identity pool → one IAM role per group → office_api (AWS_IAM) → one Lambda per route. */
export class OfficeStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: OfficeStackProps) {
    super(scope, id);
    const { config, settings, policies } = props;
    const prefix = resourcePrefix(config);

    configureAppStack(this, id, config, settings);

    const functions = new Map(
      Object.entries(config.handlers).map(([name, handler]) => [
        name,
        new NodeFunction(this, `fn-${name}`, {
          functionName: `${prefix}-${name}`,
          entry: handler.entry,
          description: handler.description,
          logRetentionDays: config.logRetentionDays,
          policies,
        }).function,
      ]),
    );

    // The log role's trust names this account, read from a function ARN: the API's own ARN would depend on the role.
    const sameAccountArn = [...functions.values()][0]!.arn;
    const accountLogRole = config.api.manageAccountLogRole ? apiGatewayAccountLogRole(this, prefix, policies, sameAccountArn) : undefined;
    const api = new IamRestApi(this, 'office-api', {
      name: config.api.name,
      stage: config.api.stage,
      logRetentionDays: config.logRetentionDays,
      throttlingBurstLimit: config.api.throttlingBurstLimit,
      throttlingRateLimit: config.api.throttlingRateLimit,
      accountLogRole,
      routes: config.routes.map((route) => ({ ...route, function: functions.get(route.handler)! })),
    });

    const { users, identities } = cognitoRbac(this, prefix, policies, { deletionProtection: config.userPool.deletionProtection });

    const routes = new Map(config.routes.map((route) => [routeKey(route), route]));
    const groupRoles = config.groups.map((group) => {
      const { role } = groupWithRole(this, {
        users,
        identities,
        group: group.name,
        description: group.description,
        precedence: group.precedence,
        roleName: `${prefix}-${group.name}`,
        policyId: 'invoke',
        policyName: 'invoke-group-routes',
        policy: renderPolicy(policies.templates.groupPermissions, {
          executionArn: api.api.executionArn,
          stage: config.api.stage,
          group: group.name,
          routes: group.routes.map((key) => {
            const route = routes.get(key)!;
            return `${route.method}/${arnPath(route.path)}`;
          }),
        }),
      });
      return { group: group.name, role };
    });

    rbacOutputs(this, config.region, { users, identities }, { api_invoke_url: api.stage.invokeUrl, ...roleArnOutputs(groupRoles) });
  }
}
