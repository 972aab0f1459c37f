import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { HttpMethod, routeKey } from '../config';
import { suppress } from '../suppress';

export interface ApiRoute {
  method: HttpMethod;
  path: string;
  function: LambdaFunction;
}

export interface IamRestApiProps {
  name: string;
  stage: string;
  routes: ApiRoute[];
  logRetentionDays: number;
  throttlingBurstLimit: number;
  throttlingRateLimit: number;
  /**
   * The account-level CloudWatch role setting, when this stack manages it: API Gateway refuses a stage's access log
   * and INFO execution logging ("CloudWatch Logs role ARN must be set in account settings to enable logging") until it
   * is set, so the stage and its method settings wait for it.
   */
  accountLogRole?: ApiGatewayAccount;
}

/** Fields of API Gateway's access log, as JSON so it can be queried. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  userArn: '$context.identity.userArn',
  cognitoIdentityId: '$context.identity.cognitoIdentityId',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  errorMessage: '$context.error.message',
});

/** API Gateway's ARN form of a path: path parameters match any one value. */
export function arnPath(path: string): string {
  return path.replace(/\{[^}]+\}/g, '*').replace(/^\//, '');
}

/** A REST API whose every method requires SigV4 (AWS_IAM) and proxies to one Lambda. */
export class IamRestApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;

  constructor(scope: Construct, id: string, props: IamRestApiProps) {
    super(scope, id);
    this.api = new ApiGatewayRestApi(this, 'api', {
      name: props.name,
      endpointConfiguration: { types: ['REGIONAL'] },
    });
    this.api.overrideLogicalId(props.name);

    const resources = new Map<string, ApiGatewayResource>();
    const resourceFor = (path: string): string => {
      if (path === '/') return this.api.rootResourceId;
      const existing = resources.get(path);
      if (existing) return existing.id;
      const cut = path.lastIndexOf('/');
      const resource = new ApiGatewayResource(this, `resource${path}`, {
        restApiId: this.api.id,
        parentId: resourceFor(path.slice(0, cut) || '/'),
        pathPart: path.slice(cut + 1),
      });
      resources.set(path, resource);
      return resource.id;
    };

    const fingerprint: unknown[] = [];
    const dependsOn = props.routes.flatMap((route) => {
      const key = routeKey(route);
      const method = new ApiGatewayMethod(this, `${key} method`, {
        restApiId: this.api.id,
        resourceId: resourceFor(route.path),
        httpMethod: route.method,
        authorization: 'AWS_IAM',
      });
      const integration = new ApiGatewayIntegration(this, `${key} integration`, {
        restApiId: this.api.id,
        resourceId: method.resourceId,
        httpMethod: method.httpMethod,
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: route.function.invokeArn,
      });
      const permission = new LambdaPermission(this, `${key} permission`, {
        statementId: 'AllowApiGatewayInvoke',
        action: 'lambda:InvokeFunction',
        functionName: route.function.functionName,
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${this.api.executionArn}/*/${route.method}/${arnPath(route.path)}`,
      });
      fingerprint.push({ key, authorization: 'AWS_IAM', integration: 'AWS_PROXY', function: route.function.friendlyUniqueId });
      // The deployment (and so the live stage) waits for the permission too: before it, every call would get 500.
      return [integration, permission];
    });

    // A deployment is a snapshot: redeploy whenever any method or integration changes.
    const deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: this.api.id,
      triggers: { redeployment: createHash('sha1').update(JSON.stringify(fingerprint)).digest('hex') },
      lifecycle: { createBeforeDestroy: true },
      dependsOn,
    });

    const accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${props.name}/${props.stage}/access`,
      retentionInDays: props.logRetentionDays,
    });
    this.stage = new ApiGatewayStage(this, 'stage', {
      restApiId: this.api.id,
      deploymentId: deployment.id,
      stageName: props.stage,
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      ...(props.accountLogRole ? { dependsOn: [props.accountLogRole] } : {}),
    });
    suppress(this.stage, 'APIG-006', 'WAF is a cost decision (web ACL plus per-rule and per-request charges); every method already requires SigV4 (AWS_IAM) and the stage is throttled (APIG-004)');
    new ApiGatewayMethodSettings(this, 'method-settings', {
      restApiId: this.api.id,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        throttlingBurstLimit: props.throttlingBurstLimit,
        throttlingRateLimit: props.throttlingRateLimit,
        metricsEnabled: true,
        loggingLevel: 'INFO',
        dataTraceEnabled: false,
      },
      ...(props.accountLogRole ? { dependsOn: [props.accountLogRole] } : {}),
    });
  }
}
