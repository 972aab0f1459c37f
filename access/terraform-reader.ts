import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT_ID, standInChars, standInUuid } from '../model/stand-ins';

/** An expression the simulator cannot evaluate offline. It never guesses a value. */
export class ReaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReaderError';
  }
}

export interface TfResource {
  type: string;
  name: string;
  /** `type.name`, as Terraform addresses it. */
  address: string;
  body: Record<string, unknown>;
}

type Computed = (resource: TfResource, stack: TfStack) => Record<string, () => string>;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Attributes AWS computes, per resource type, shaped like the real ones. Anything else must be in the resource's
 * own configuration.
 */
const COMPUTED: Record<string, Computed> = {
  aws_cognito_user_pool: (r, s) => {
    const id = `${s.region}_${standInChars(r.address, 9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
    return {
      id: () => id,
      arn: () => `arn:aws:cognito-idp:${s.region}:${ACCOUNT_ID}:userpool/${id}`,
      endpoint: () => `cognito-idp.${s.region}.amazonaws.com/${id}`,
    };
  },
  aws_cognito_user_pool_client: (r) => ({ id: () => standInChars(r.address, 26) }),
  aws_cognito_identity_pool: (r, s) => {
    const id = `${s.region}:${standInUuid(r.address)}`;
    return { id: () => id, arn: () => `arn:aws:cognito-identity:${s.region}:${ACCOUNT_ID}:identitypool/${id}` };
  },
  aws_cognito_user_group: (r, s) => ({ id: () => `${s.attr(r, 'user_pool_id')}/${s.attr(r, 'name')}` }),
  aws_iam_role: (r, s) => ({
    id: () => s.attr(r, 'name'),
    arn: () => `arn:aws:iam::${ACCOUNT_ID}:role${s.optional(r, 'path') ?? '/'}${s.attr(r, 'name')}`,
    unique_id: () => `AROA${standInChars(r.address, 17, UPPER)}`,
  }),
  aws_iam_policy: (r, s) => {
    const arn = () => `arn:aws:iam::${ACCOUNT_ID}:policy${s.optional(r, 'path') ?? '/'}${s.attr(r, 'name')}`;
    return { id: arn, arn, policy_id: () => `ANPA${standInChars(r.address, 17, UPPER)}` };
  },
  aws_api_gateway_rest_api: (r, s) => {
    const id = standInChars(r.address, 10);
    return {
      id: () => id,
      root_resource_id: () => standInChars(`${r.address}/`, 10),
      execution_arn: () => `arn:aws:execute-api:${s.region}:${ACCOUNT_ID}:${id}`,
      arn: () => `arn:aws:apigateway:${s.region}::/restapis/${id}`,
    };
  },
  aws_api_gateway_resource: (r) => ({ id: () => standInChars(r.address, 6) }),
  aws_api_gateway_method: (r) => ({ id: () => `agm-${standInChars(r.address, 10)}` }),
  aws_api_gateway_integration: (r) => ({ id: () => `agi-${standInChars(r.address, 10)}` }),
  aws_api_gateway_deployment: (r) => ({ id: () => standInChars(r.address, 6) }),
  aws_api_gateway_stage: (r, s) => {
    const api = () => s.resolveString(String(r.body.rest_api_id), `${r.address}.rest_api_id`);
    return {
      id: () => `ags-${api()}-${s.attr(r, 'stage_name')}`,
      invoke_url: () => `https://${api()}.execute-api.${s.region}.amazonaws.com/${s.attr(r, 'stage_name')}`,
      execution_arn: () => `arn:aws:execute-api:${s.region}:${ACCOUNT_ID}:${api()}/${s.attr(r, 'stage_name')}`,
      arn: () => `arn:aws:apigateway:${s.region}::/restapis/${api()}/stages/${s.attr(r, 'stage_name')}`,
    };
  },
  aws_lambda_function: (r, s) => {
    const arn = () => `arn:aws:lambda:${s.region}:${ACCOUNT_ID}:function:${s.attr(r, 'function_name')}`;
    return {
      id: () => s.attr(r, 'function_name'),
      arn,
      qualified_arn: () => `${arn()}:$LATEST`,
      invoke_arn: () => `arn:aws:apigateway:${s.region}:lambda:path/2015-03-31/functions/${arn()}/invocations`,
    };
  },
  aws_cloudwatch_log_group: (r, s) => ({
    id: () => s.attr(r, 'name'),
    arn: () => `arn:aws:logs:${s.region}:${ACCOUNT_ID}:log-group:${s.attr(r, 'name')}`,
  }),
  aws_s3_bucket: (r, s) => ({
    id: () => s.attr(r, 'bucket'),
    arn: () => `arn:aws:s3:::${s.attr(r, 'bucket')}`,
    bucket_regional_domain_name: () => `${s.attr(r, 'bucket')}.s3.${s.region}.amazonaws.com`,
  }),
  aws_dynamodb_table: (r, s) => ({
    id: () => s.attr(r, 'name'),
    arn: () => `arn:aws:dynamodb:${s.region}:${ACCOUNT_ID}:table/${s.attr(r, 'name')}`,
  }),
};

/** `$${` (an escaped literal `${`), a `${...}` without nested braces, or any other `${` (which is refused). */
const INTERPOLATION = /\$\$\{|\$\{([^{}]*)\}|\$\{/g;
const REFERENCE = /^([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z_][a-z0-9_]*)$/;
const FUNCTION = /^([a-z][a-z0-9_]*)\((.*)\)$/s;

/** One synthesized stack (cdk.tf.json), with Terraform references resolved to deterministic stand-in values. */
export class TfStack {
  readonly region: string;
  private readonly byType = new Map<string, TfResource[]>();
  private readonly resolving = new Set<string>();
  private readonly cache = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly json: Record<string, unknown>,
  ) {
    const resources = (json.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    for (const [type, named] of Object.entries(resources)) {
      this.byType.set(
        type,
        Object.entries(named).map(([name, body]) => ({ type, name, address: `${type}.${name}`, body })),
      );
    }
    const providers = ((json.provider ?? {}) as Record<string, Array<Record<string, unknown>>>).aws ?? [];
    const region = providers.find((p) => p.alias === undefined)?.region;
    if (typeof region !== 'string') throw new ReaderError(`${name}: provider.aws has no region`);
    this.region = region;
  }

  static load(dir: string, name: string): TfStack {
    const file = join(dir, 'cdk.tf.json');
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ReaderError(`${file}: ${(error as Error).message}`);
    }
    return new TfStack(name, dir, json);
  }

  resources(type: string): TfResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resource a resolved attribute value belongs to, e.g. the role whose arn is this ARN. */
  findBy(type: string, attribute: string, value: string): TfResource | undefined {
    return this.resources(type).find((r) => this.attr(r, attribute) === value);
  }

  /** A resource attribute as a string: computed for the type, else the resolved configuration value. */
  attr(resource: TfResource, attribute: string): string {
    const key = `${resource.address}.${attribute}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    if (this.resolving.has(key)) throw new ReaderError(`cannot resolve \${${key}}: it refers to itself`);
    this.resolving.add(key);
    try {
      const computed = COMPUTED[resource.type]?.(resource, this)[attribute];
      let value: string;
      if (computed) value = computed();
      else if (attribute in resource.body && isScalar(resource.body[attribute])) {
        value = this.resolveString(String(resource.body[attribute]), key);
      } else {
        throw new ReaderError(`cannot resolve \${${key}}: "${attribute}" is not known offline for ${resource.type}`);
      }
      this.cache.set(key, value);
      return value;
    } finally {
      this.resolving.delete(key);
    }
  }

  /** Like attr, for attributes that may be absent from the configuration. */
  optional(resource: TfResource, attribute: string): string | undefined {
    const value = resource.body[attribute];
    return value === undefined || value === null ? undefined : this.resolveString(String(value), `${resource.address}.${attribute}`);
  }

  /** Resolves every `${...}` in a string; `$${...}` is Terraform's escape for a literal `${...}`. */
  resolveString(text: string, field: string): string {
    return text.replace(INTERPOLATION, (whole: string, expression: string | undefined, offset: number) => {
      if (whole === '$${') return '${';
      if (expression !== undefined) return this.evaluate(expression.trim(), field);
      // Nested braces (e.g. `${jsonencode({...})}`) or no closing brace: never pass it through as a literal.
      throw new ReaderError(`${field}: ${interpolationAt(text, offset)}: unsupported expression`);
    });
  }

  /** Deeply resolves strings inside a configuration value. */
  resolveValue(value: unknown, field: string): unknown {
    if (typeof value === 'string') return this.resolveString(value, field);
    if (Array.isArray(value)) return value.map((item, i) => this.resolveValue(item, `${field}[${i}]`));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => key !== '//')
          .map(([key, item]) => [key, this.resolveValue(item, `${field}.${key}`)]),
      );
    }
    return value;
  }

  private evaluate(expression: string, field: string): string {
    const reference = REFERENCE.exec(expression);
    if (reference) {
      const [, type, name, attribute] = reference as unknown as [string, string, string, string];
      const resource = this.resources(type).find((r) => r.name === name);
      if (!resource) throw new ReaderError(`${field}: \${${expression}}: no resource ${type}.${name} in stack ${this.name}`);
      return this.attr(resource, attribute);
    }
    const call = FUNCTION.exec(expression);
    if (call && call[1] === 'filebase64sha256') {
      let path: unknown;
      try {
        path = JSON.parse(call[2] as string);
      } catch {
        path = undefined;
      }
      if (typeof path !== 'string') throw new ReaderError(`${field}: \${${expression}}: expected one string argument`);
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(this.dir, path));
      } catch (error) {
        throw new ReaderError(`${field}: \${${expression}}: ${(error as Error).message}`);
      }
      return createHash('sha256').update(bytes).digest('base64');
    }
    if (call) throw new ReaderError(`${field}: \${${expression}}: unsupported function ${call[1]}()`);
    throw new ReaderError(`${field}: \${${expression}}: unsupported expression`);
  }
}

/** The `${...}` starting at `start`, up to its matching brace (or the end of the text if it has none). */
function interpolationAt(text: string, start: number): string {
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
