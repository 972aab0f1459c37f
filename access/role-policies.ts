import { CompiledPolicy, compilePolicy } from './iam';
import { ReaderError, TfResource, TfStack } from './terraform-reader';

/** One IAM role with every policy that decides what its sessions may do, compiled once. */
export interface RoleView {
  role: TfResource;
  arn: string;
  name: string;
  trust: CompiledPolicy;
  identity: CompiledPolicy[];
  boundaries: CompiledPolicy[];
}

/** Reads the role's trust policy, inline policies (both forms), attached customer policies and boundary. */
export function roleView(stack: TfStack, role: TfResource): RoleView {
  const name = stack.attr(role, 'name');
  const arn = stack.attr(role, 'arn');
  const compile = (text: string, label: string, kind: 'identity' | 'trust' | 'boundary') =>
    compilePolicy(stack.resolveString(text, label), label, kind);

  const identity: CompiledPolicy[] = [];
  for (const [i, inline] of ((role.body.inline_policy ?? []) as Array<Record<string, string>>).entries()) {
    if (inline.policy) identity.push(compile(inline.policy, `${role.address}.inline_policy[${i}]`, 'identity'));
  }
  for (const policy of stack.resources('aws_iam_role_policy')) {
    if (stack.attr(policy, 'role') === name) identity.push(compile(String(policy.body.policy), policy.address, 'identity'));
  }
  const attached = stack
    .resources('aws_iam_role_policy_attachment')
    .filter((a) => stack.attr(a, 'role') === name)
    .map((a) => stack.attr(a, 'policy_arn'));
  const managed = (stack.resolveValue(role.body.managed_policy_arns ?? [], `${role.address}.managed_policy_arns`) as string[]);
  for (const policyArn of [...attached, ...managed]) identity.push(customerPolicy(stack, policyArn, role, 'identity'));

  const boundaryArn = stack.optional(role, 'permissions_boundary');
  const boundaries = boundaryArn ? [customerPolicy(stack, boundaryArn, role, 'boundary')] : [];
  return {
    role,
    arn,
    name,
    trust: compile(String(role.body.assume_role_policy), `${role.address}.assume_role_policy`, 'trust'),
    identity,
    boundaries,
  };
}

function customerPolicy(stack: TfStack, policyArn: string, role: TfResource, kind: 'identity' | 'boundary'): CompiledPolicy {
  const policy = stack.findBy('aws_iam_policy', 'arn', policyArn);
  if (!policy) {
    throw new ReaderError(`${role.address}: policy ${policyArn} is not in this stack (AWS managed policies cannot be evaluated offline)`);
  }
  return compilePolicy(stack.resolveString(String(policy.body.policy), policy.address), policy.address, kind);
}
