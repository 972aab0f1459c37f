import { isObject, strings, type TfStack } from './stack';
import { parseRef, scanTemplate, type TfRef } from './template';

/**
 * IAM policy documents as they sit in cdk.tf.json: JSON text whose strings may hold Terraform interpolations
 * (`${aws_s3_bucket.b.arn}`) and escaped IAM policy variables (`$${aws:username}`, which IAM sees as `${aws:username}`).
 * Interpolations are kept as opaque markers so rules can resolve them structurally, and can be replaced by
 * plausible concrete values when a real-looking document is needed (the evaluator, size limits).
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = /\uE000(\d+)\uE001/g;

export interface PolicyCondition {
  operator: string;
  key: string;
  values: string[];
  /** JSON path, e.g. `Statement[0].Condition.StringEquals.aws:SourceArn`. */
  path: string;
}

export interface PolicyStatement {
  index: number;
  path: string;
  sid?: string;
  effect: string;
  actions: string[];
  notAction: boolean;
  resources: string[];
  notResource: boolean;
  /** `Principal` or `NotPrincipal` as written, or undefined. */
  principal: unknown;
  notPrincipal: boolean;
  conditions: PolicyCondition[];
}

export class PolicyDocument {
  readonly version: string | undefined;
  readonly statements: PolicyStatement[];

  constructor(
    /** The parsed document; interpolations appear as markers inside its strings. */
    readonly document: Record<string, unknown>,
    private readonly interpolations: readonly string[],
  ) {
    this.version = typeof document.Version === 'string' ? document.Version : undefined;
    const raw = document.Statement;
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    this.statements = list.filter(isObject).map((statement, index) => {
      const path = Array.isArray(raw) ? `Statement[${index}]` : 'Statement';
      const conditions: PolicyCondition[] = [];
      if (isObject(statement.Condition)) {
        for (const [operator, keys] of Object.entries(statement.Condition)) {
          if (!isObject(keys)) continue;
          for (const [key, value] of Object.entries(keys)) {
            const values = (Array.isArray(value) ? value : [value]).map((v) => String(v));
            conditions.push({ operator, key, values, path: `${path}.Condition.${operator}.${key}` });
          }
        }
      }
      return {
        index,
        path,
        sid: typeof statement.Sid === 'string' ? statement.Sid : undefined,
        effect: String(statement.Effect),
        actions: strings(statement.Action ?? statement.NotAction),
        notAction: statement.Action === undefined && statement.NotAction !== undefined,
        resources: strings(statement.Resource ?? statement.NotResource),
        notResource: statement.Resource === undefined && statement.NotResource !== undefined,
        principal: statement.Principal ?? statement.NotPrincipal,
        notPrincipal: statement.Principal === undefined && statement.NotPrincipal !== undefined,
        conditions,
      };
    });
  }

  /** The Terraform reference when a value is exactly one `${type.name.attr}` interpolation. */
  refOf(value: string): TfRef | undefined {
    const match = /^\uE000(\d+)\uE001$/.exec(value);
    return match ? parseRef(this.interpolations[Number(match[1])] ?? '') : undefined;
  }

  /** Every Terraform reference a value holds. */
  refsIn(value: string): TfRef[] {
    return [...value.matchAll(MARKER)]
      .map((m) => parseRef(this.interpolations[Number(m[1])] ?? ''))
      .filter((ref): ref is TfRef => ref !== undefined);
  }

  /** Whether a value holds any Terraform interpolation (so its final text is known only at apply time). */
  isComputed(value: string): boolean {
    return value.includes(OPEN);
  }

  /** A value as written in the Terraform JSON: `${aws_s3_bucket.b.arn}/*`. */
  display(value: string): string {
    return value.replace(MARKER, (_, i: string) => `\${${this.interpolations[Number(i)]}}`);
  }

  /** The document with each interpolation replaced by a plausible value of the right shape (ARN, pool id, ...). */
  concrete(stack?: TfStack): Record<string, unknown> {
    const replace = (value: unknown): unknown => {
      if (typeof value === 'string') {
        return value.replace(MARKER, (_, i: string) => plausibleValue(this.interpolations[Number(i)] ?? '', stack));
      }
      if (Array.isArray(value)) return value.map(replace);
      if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [replace(k) as string, replace(v)]));
      return value;
    };
    return replace(this.document) as Record<string, unknown>;
  }

  /** Size as IAM counts it: the JSON text without whitespace, interpolations replaced by plausible values. */
  size(stack?: TfStack): number {
    return JSON.stringify(this.concrete(stack)).replace(/\s/g, '').length;
  }
}

export type ParsedPolicy =
  | { ok: true; policy: PolicyDocument }
  /** `computed`: the whole document is produced by Terraform (e.g. `${data.aws_iam_policy_document.x.json}`). */
  | { ok: false; reason: 'computed' | 'invalid'; detail: string };

/** Parses a policy attribute's value. Never throws. */
export function parsePolicy(value: unknown): ParsedPolicy {
  if (isObject(value)) return { ok: true, policy: new PolicyDocument(value, []) };
  if (typeof value !== 'string') return { ok: false, reason: 'invalid', detail: 'expected a JSON policy document string' };
  const parts = scanTemplate(value);
  if (parts.length === 1 && parts[0]?.kind === 'interpolation') {
    return { ok: false, reason: 'computed', detail: `computed by Terraform: \${${parts[0].expr}}` };
  }
  const interpolations: string[] = [];
  let text = '';
  for (const part of parts) {
    if (part.kind === 'literal') text += part.text;
    else {
      text += `${OPEN}${interpolations.length}${CLOSE}`;
      interpolations.push(part.expr);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'invalid', detail: `not valid JSON: ${(error as Error).message}` };
  }
  if (!isObject(parsed)) return { ok: false, reason: 'invalid', detail: 'the policy must be a JSON object' };
  return { ok: true, policy: new PolicyDocument(parsed, interpolations) };
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/**
 * A value of the right shape for a Terraform expression, used only where a concrete document is needed. Names come
 * from the referenced resource's literal arguments when it has them, so sizes are close to what AWS will see.
 */
export function plausibleValue(expr: string, stack?: TfStack): string {
  const ref = parseRef(expr);
  if (!ref) return 'tf-computed-value';
  const body = stack?.get(ref.address)?.body;
  const literal = (field: string): string | undefined => {
    const value = body?.[field];
    return typeof value === 'string' && !value.includes('${') ? value : undefined;
  };
  const name = literal('name') ?? literal('function_name') ?? literal('bucket') ?? literal('table_name') ?? ref.name;
  switch (ref.attr) {
    case 'execution_arn':
      return `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5`;
    case 'arn':
      return arnFor(ref.type, name);
    case 'invoke_arn':
      return `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arnFor('aws_lambda_function', name)}/invocations`;
    case 'account_id':
      return ACCOUNT;
    case 'partition':
      return 'aws';
    case 'region':
      return REGION;
    case 'endpoint':
      return `cognito-idp.${REGION}.amazonaws.com/${REGION}_AbCdEfGhI`;
    default:
      break;
  }
  if (ref.type === 'aws_cognito_identity_pool' && ref.attr === 'id') return `${REGION}:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b`;
  if (ref.type === 'aws_cognito_user_pool' && ref.attr === 'id') return `${REGION}_AbCdEfGhI`;
  if (ref.type === 'data.aws_region') return REGION;
  return name;
}

function arnFor(type: string, name: string): string {
  switch (type) {
    case 'aws_s3_bucket':
      return `arn:aws:s3:::${name}`;
    case 'aws_iam_role':
      return `arn:aws:iam::${ACCOUNT}:role/${name}`;
    case 'aws_iam_policy':
      return `arn:aws:iam::${ACCOUNT}:policy/${name}`;
    case 'aws_iam_user':
      return `arn:aws:iam::${ACCOUNT}:user/${name}`;
    case 'aws_cloudwatch_log_group':
      return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;
    case 'aws_lambda_function':
      return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
    case 'aws_dynamodb_table':
      return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
    case 'aws_sqs_queue':
      return `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
    case 'aws_sns_topic':
      return `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
    case 'aws_kms_key':
      return `arn:aws:kms:${REGION}:${ACCOUNT}:key/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b`;
    case 'aws_cognito_user_pool':
      return `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_AbCdEfGhI`;
    case 'aws_cognito_identity_pool':
      return `arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/${REGION}:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b`;
    case 'aws_api_gateway_rest_api':
      return `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5`;
    case 'aws_api_gateway_stage':
      return `arn:aws:apigateway:${REGION}::/restapis/a1b2c3d4e5/stages/${name}`;
    default: {
      const service = type.replace(/^(data\.)?aws_/, '').split('_')[0] ?? 'service';
      return `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`;
    }
  }
}

/** Principal values of one type (`Federated`, `Service`, `AWS`), `*` standing for everyone. */
export function principalValues(principal: unknown, type: string): string[] {
  if (principal === '*') return ['*'];
  if (!isObject(principal)) return [];
  return strings(principal[type]);
}

/** Matches an IAM wildcard pattern (`*`, `?`) against a value, case-insensitively as actions are. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    'i',
  );
  return regex.test(value);
}
