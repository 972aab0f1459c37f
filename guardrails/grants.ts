import type { PolicyKind } from '../access/iam';
import { isReadOnly, type IamCatalogue } from './iam-catalogue';
import type { PolicyDocument, PolicyStatement } from './policy';
import { parsePolicy, type ParsedPolicy } from './policy';
import { blocks, type TfResource, type TfStack } from './stack';

/** Resource types whose `policy` argument is an identity policy (it grants to the principal it is attached to). */
export const IDENTITY_POLICY_TYPES = ['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/** Every identity policy document of a stack, with the resource and field to report. */
export function identityPolicies(stack: TfStack): Array<{ resource: TfResource; field: string; parsed: ParsedPolicy }> {
  const out: Array<{ resource: TfResource; field: string; parsed: ParsedPolicy }> = [];
  for (const type of IDENTITY_POLICY_TYPES) {
    for (const resource of stack.ofType(type)) out.push({ resource, field: 'policy', parsed: parsePolicy(resource.body.policy) });
  }
  for (const role of stack.ofType('aws_iam_role')) {
    blocks(role.body.inline_policy).forEach((inline, i) => {
      if (inline.policy !== undefined) {
        out.push({ resource: role, field: `inline_policy[${i}].policy`, parsed: parsePolicy(inline.policy) });
      }
    });
  }
  return out;
}

/**
 * The actions of an Allow statement that are not read-only (access level other than Read/List), as far as the
 * catalogue knows; `*`, `NotAction` and computed actions count as write. Unknown actions match nothing and are
 * left to IAM-007.
 */
export function writeActions(statement: PolicyStatement, doc: PolicyDocument, catalogue: IamCatalogue): string[] {
  if (statement.notAction) return [`NotAction ${statement.actions.join(', ')} (every other action)`];
  const out: string[] = [];
  for (const action of statement.actions) {
    if (action === '*' || doc.isComputed(action)) {
      out.push(doc.display(action));
      continue;
    }
    const matched = catalogue.expand(action);
    if (matched === undefined) {
      out.push(action);
      continue;
    }
    const writes = matched.filter((info) => !isReadOnly(info.accessLevel));
    if (writes.length === 0) continue;
    if (/[*?]/.test(action)) out.push(`${action} (${writes.length} write actions, e.g. ${writes[0]?.id})`);
    else out.push(writes[0]?.id ?? action);
  }
  return out;
}

/** Whether every write action listed is one AWS supports only with `"Resource": "*"`. */
export function onlyWildcardResourceActions(statement: PolicyStatement, catalogue: IamCatalogue): boolean {
  if (statement.notAction) return false;
  return statement.actions.every((action) => {
    const matched = catalogue.expand(action);
    return matched !== undefined && matched.length > 0 && matched.every((info) => isReadOnly(info.accessLevel) || info.wildcardOnly);
  });
}

/**
 * Resources whose `policy` argument is an IAM resource policy. An allowlist, because other `policy` arguments
 * hold other JSON (an ECR lifecycle policy, for one).
 */
export const RESOURCE_POLICY_TYPES: ReadonlySet<string> = new Set([
  'aws_s3_bucket_policy',
  'aws_sqs_queue_policy',
  'aws_sqs_queue',
  'aws_sns_topic_policy',
  'aws_sns_topic',
  'aws_kms_key',
  'aws_api_gateway_rest_api_policy',
  'aws_api_gateway_rest_api',
  'aws_secretsmanager_secret_policy',
  'aws_secretsmanager_secret',
  'aws_ecr_repository_policy',
  'aws_efs_file_system_policy',
]);

/** Where a policy document sits, and how IAM reads it there. */
export function policyFields(resource: TfResource): Array<{ field: string; value: unknown; kind: PolicyKind }> {
  const out: Array<{ field: string; value: unknown; kind: PolicyKind }> = [];
  if (resource.type === 'aws_iam_role') {
    if (resource.body.assume_role_policy !== undefined) {
      out.push({ field: 'assume_role_policy', value: resource.body.assume_role_policy, kind: 'trust' });
    }
    blocks(resource.body.inline_policy).forEach((inline, i) => {
      if (inline.policy !== undefined) out.push({ field: `inline_policy[${i}].policy`, value: inline.policy, kind: 'identity' });
    });
    return out;
  }
  if (resource.body.policy === undefined) return out;
  if (IDENTITY_POLICY_TYPES.includes(resource.type)) out.push({ field: 'policy', value: resource.body.policy, kind: 'identity' });
  else if (RESOURCE_POLICY_TYPES.has(resource.type)) out.push({ field: 'policy', value: resource.body.policy, kind: 'resource' });
  return out;
}
