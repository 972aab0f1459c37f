import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

const ID = 'caller-identity';

/**
 * The account the stack deploys to, as a Terraform token (`data.aws_caller_identity.caller-identity.account_id`).
 * One data source per stack, created on first use. Service trust policies pin aws:SourceAccount to it.
 */
export function callerAccountId(scope: Construct): string {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(ID);
  return (existing instanceof DataAwsCallerIdentity ? existing : new DataAwsCallerIdentity(stack, ID)).accountId;
}
