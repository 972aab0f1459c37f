import { ReaderError, TfResource, TfStack } from '../terraform-reader';

/** One policy document as resolved text: what IAM would store, with `$${...}` already turned into `${...}`. */
export interface PolicyDocument {
  label: string;
  text: string;
}

/** The documents that decide what a role's sessions may do, in the order and with the labels of roleView. */
export interface RolePolicyDocuments {
  identity: PolicyDocument[];
  boundaries: PolicyDocument[];
}

/**
 * The text behind roleView's compiled policies: inline policies (both forms), attached customer policies and the
 * permissions boundary, each resolved by the stack (stand-in values, Terraform escapes undone). AWS managed
 * policies are not in the stack, so, as offline, a role that has one cannot be simulated.
 */
export function rolePolicyDocuments(stack: TfStack, role: TfResource): RolePolicyDocuments {
  const name = stack.attr(role, 'name');
  const resolve = (text: string, label: string): PolicyDocument => ({ label, text: stack.resolveString(text, label) });

  const identity: PolicyDocument[] = [];
  for (const [i, inline] of ((role.body.inline_policy ?? []) as Array<Record<string, string>>).entries()) {
    if (inline.policy) identity.push(resolve(inline.policy, `${role.address}.inline_policy[${i}]`));
  }
  for (const policy of stack.resources('aws_iam_role_policy')) {
    if (stack.attr(policy, 'role') === name) identity.push(resolve(String(policy.body.policy), policy.address));
  }
  const attached = stack
    .resources('aws_iam_role_policy_attachment')
    .filter((a) => stack.attr(a, 'role') === name)
    .map((a) => stack.attr(a, 'policy_arn'));
  const managed = stack.resolveValue(role.body.managed_policy_arns ?? [], `${role.address}.managed_policy_arns`) as string[];
  for (const policyArn of [...attached, ...managed]) identity.push(customerPolicy(stack, policyArn, role));

  const boundaryArn = stack.optional(role, 'permissions_boundary');
  return { identity, boundaries: boundaryArn ? [customerPolicy(stack, boundaryArn, role)] : [] };
}

function customerPolicy(stack: TfStack, policyArn: string, role: TfResource): PolicyDocument {
  const policy = stack.findBy('aws_iam_policy', 'arn', policyArn);
  if (!policy) {
    throw new ReaderError(`${role.address}: policy ${policyArn} is not in this stack (AWS managed policies cannot be evaluated offline)`);
  }
  return { label: policy.address, text: stack.resolveString(String(policy.body.policy), policy.address) };
}
