import { TerraformResource, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * Suppressions of guardrail findings, declared next to the construct they excuse. Each one is written into the
 * synthesized resource under `"//": { "suppressions": [...] }`: Terraform ignores `//` keys in JSON configuration
 * (cdktf already keeps its own metadata there), and the guardrails engine reads them from the same file that
 * gets deployed, so a suppression can never drift away from its resource.
 */
export interface Suppression {
  rule: string;
  reason: string;
}

/** Where in a resource's JSON body the list lives (a path for `addOverride`). */
export const SUPPRESSIONS_OVERRIDE = '//.suppressions';
/** Rule ids look like RBAC-001: the families of guardrails/rules. */
export const RULE_ID = /^(RBAC|APIG|LAMBDA|IAM|S3|DDB|COG|KMS)-\d{3}$/;
export const MIN_REASON_LENGTH = 10;

export class SuppressionError extends Error {
  constructor(resource: string, detail: string) {
    super(`suppress(${resource}): ${detail}`);
    this.name = 'SuppressionError';
  }
}

const declared = new WeakMap<TerraformResource, Suppression[]>();

/**
 * Accepts one guardrail finding on this resource. The finding still shows in `npm run check`, marked suppressed,
 * with the reason; it no longer fails synth. The reason must say why the risk is accepted (at least 10 characters).
 */
export function suppress(resource: TerraformResource, ruleId: string, reason: string): void {
  const name = `${resource.terraformResourceType}.${resource.node.id}`;
  if (!RULE_ID.test(ruleId)) {
    throw new SuppressionError(name, `"${ruleId}" is not a guardrail rule id (expected e.g. RBAC-001, IAM-002)`);
  }
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length < MIN_REASON_LENGTH) {
    throw new SuppressionError(
      name,
      `reason for ${ruleId} must be at least ${MIN_REASON_LENGTH} characters saying why the risk is accepted (got "${text}")`,
    );
  }
  const list = declared.get(resource) ?? [];
  if (list.some((entry) => entry.rule === ruleId)) {
    throw new SuppressionError(name, `${ruleId} is already suppressed on this resource`);
  }
  list.push({ rule: ruleId, reason: text });
  declared.set(resource, list);
  // The override holds the whole list, so several suppressions on one resource accumulate.
  resource.addOverride(SUPPRESSIONS_OVERRIDE, list.map((entry) => ({ ...entry })));
}

/**
 * Every suppression the code under `scope` (an App, or one stack) declares, as `<stack> <address> <rule>`. The
 * guardrails honour a suppression in the synthesized JSON only when the code declares the same one, so a
 * suppression written into cdk.tf.json by hand silences nothing.
 */
export function codeSuppressions(scope: IConstruct): Set<string> {
  const out = new Set<string>();
  for (const construct of scope.node.findAll()) {
    if (!(construct instanceof TerraformResource)) continue;
    const list = declared.get(construct);
    if (!list) continue;
    const stack = TerraformStack.of(construct).node.id;
    const address = `${construct.terraformResourceType}.${construct.friendlyUniqueId}`;
    for (const entry of list) out.add(suppressionKey(stack, address, entry.rule));
  }
  return out;
}

/** How codeSuppressions names one suppression; the guardrails engine looks findings up the same way. */
export function suppressionKey(stack: string, address: string, rule: string): string {
  return `${stack} ${address} ${rule}`;
}
