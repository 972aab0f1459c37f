import { AssetType, Fn, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { PolicyVersion, renderPolicy } from '../../policies/loader';
import { bundleHandler } from './bundle';
import { suppress } from '../suppress';
import { accountOf } from './account-of';

/** The newest Node.js runtime that hashicorp/aws 5.100.0 accepts (its validation list stops at nodejs22.x). */
export const NODE_RUNTIME = 'nodejs22.x';

export interface NodeFunctionProps {
  functionName: string;
  entry: string;
  description: string;
  logRetentionDays: number;
  policies: PolicyVersion;
  /** Environment variables of the function; none by default. */
  environment?: Record<string, string>;
  /** What bounds the function's load instead of reserved concurrency (the LAMBDA-005 waiver); default: the API throttle. */
  loadBound?: string;
}

const API_THROTTLE_BOUND = 'the API stage throttle (APIG-004) bounds load instead';

/**
 * A TypeScript Lambda with its own log group and a role that may write only its logs and traces. Grant more with
 * an IamRolePolicy on `role`.
 */
export class NodeFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    const asset = new TerraformAsset(this, 'code', {
      // Zipped by bundleHandler: an ARCHIVE asset would make cdktf spawn a Node process per function on every synth.
      path: bundleHandler(props.entry, props.functionName),
      type: AssetType.FILE,
    });
    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });
    const role = (this.role = new IamRole(this, 'role', {
      name: `${props.functionName}-exec`,
      assumeRolePolicy: renderPolicy(props.policies.templates.serviceTrust, { service: 'lambda.amazonaws.com', account: accountOf(logGroup.arn) }),
    }));
    const policy = new IamRolePolicy(this, 'execution', {
      name: 'logs-and-traces',
      role: role.id,
      policy: renderPolicy(props.policies.templates.lambdaExecution, { logGroupArn: logGroup.arn }),
    });
    suppress(policy, 'IAM-002', 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions: Resource "*" is the only valid value, and the statement holds only these two write-only trace actions');
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      description: props.description,
      role: role.arn,
      handler: 'index.handler',
      runtime: NODE_RUNTIME,
      architectures: ['arm64'],
      memorySize: 128,
      timeout: 5,
      filename: asset.path,
      sourceCodeHash: Fn.filebase64sha256(asset.path),
      tracingConfig: { mode: 'Active' },
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      ...(props.environment ? { environment: { variables: props.environment } } : {}),
      dependsOn: [logGroup, policy],
    });
    suppress(this.function, 'LAMBDA-005', `Lambda keeps 100 units of account concurrency unreserved and new accounts get a quota of 10, so any reservation fails the deploy; ${props.loadBound ?? API_THROTTLE_BOUND}`);
  }
}
