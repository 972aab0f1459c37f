import { compilePolicy, type PolicyKind } from '../access/iam';
import { ACCESS_TYPES, INERT_TYPES, DATA_TYPES } from './types';
import { awsManagedPolicy, isAwsManagedArn } from './managed-policies';
import type {
  ApiResource,
  AppClient,
  Authorizer,
  AttachedPolicy,
  CustomerPolicy,
  DeclaredSuppression,
  Doc,
  Group,
  IdentityPool,
  Integration,
  LambdaFunction,
  LambdaPermission,
  MappingRule,
  Method,
  Node,
  PolicyHolder,
  RestApi,
  Role,
  RoleMapping,
  RolesAttachment,
  Stage,
  UserPool,
} from './objects';
import { Resolver } from './resolver';
import { isObject, type RawBlock, type StackSource, type Value, type ValueObject } from './source';
import { Unreadable, UnreadableStack } from './unreadable';
import { blockList, bool, num, singleBlock, str, stringList, stringMap } from './values';

/**
 * One synthesized stack (or applied state) read once into linked access objects. Every consumer (the simulator's
 * hops, the guardrails, the matrix) asks this model; none reads the JSON again. A part that can affect access and
 * cannot be read is recorded in `problems` with its address and field, and the object it belonged to is left out:
 * callers must report `problems` (`assertReadable` does) rather than trust a partial model.
 */
export class StackModel {
  readonly name: string;
  readonly file: string;
  readonly dir: string;
  readonly region: string;
  readonly problems: Unreadable[] = [];
  readonly nodes: Node[] = [];
  readonly roles: Role[] = [];
  readonly policies: CustomerPolicy[] = [];
  readonly identityPools: IdentityPool[] = [];
  readonly userPools: UserPool[] = [];
  readonly apis: RestApi[] = [];
  readonly functions: LambdaFunction[] = [];
  readonly buckets: PolicyHolder[] = [];
  readonly tables: PolicyHolder[] = [];
  readonly keys: PolicyHolder[] = [];
  private readonly resolver: Resolver;
  private readonly byAddress = new Map<string, { node: Node; block: RawBlock }>();

  constructor(readonly source: StackSource) {
    this.name = source.name;
    this.file = source.file;
    this.dir = source.dir;
    this.region = source.region;
    this.resolver = new Resolver(source);
    for (const block of source.blocks) {
      if (block.mode === 'data') {
        if (!DATA_TYPES.has(block.type)) this.problem(new Unreadable(block.address, '', `data source ${block.type} is not known offline`));
        continue;
      }
      const node = this.guard(() => nodeOf(block, source.file));
      if (!node) continue;
      this.nodes.push(node);
      this.byAddress.set(block.address, { node, block });
      if (!ACCESS_TYPES.has(block.type) && !INERT_TYPES.has(block.type)) {
        this.problem(new Unreadable(block.address, '', `resource type ${block.type} can grant or change access and the model does not read it`));
      }
    }
    this.readIam();
    this.readCognito();
    this.readApis();
    this.readFunctions();
    this.readHolders();
  }

  /** Refuses a model with unreadable parts: the simulator never answers from a partial stack. */
  assertReadable(): this {
    if (this.problems.length > 0) throw new UnreadableStack(this.name, this.problems);
    return this;
  }

  node(address: string): Node | undefined {
    return this.byAddress.get(address)?.node;
  }

  ofType(type: string): Node[] {
    return this.nodes.filter((node) => node.type === type);
  }

  /**
   * A resolved argument of any resource, for checks outside the access objects (logging, encryption, ...).
   * Throws Unreadable when it cannot be read.
   */
  read(node: Node, field: string): Value | undefined {
    const entry = this.byAddress.get(node.address);
    if (!entry || entry.block.body[field] === undefined || entry.block.body[field] === null) return undefined;
    return this.resolver.attr(entry.block, field);
  }

  readBool(node: Node, field: string): boolean | undefined {
    return bool(this.read(node, field), node.address, field);
  }

  readNumber(node: Node, field: string): number | undefined {
    return num(this.read(node, field), node.address, field);
  }

  readString(node: Node, field: string): string | undefined {
    return str(this.read(node, field), node.address, field);
  }

  readBlocks(node: Node, field: string): ValueObject[] {
    return blockList(this.read(node, field), node.address, field);
  }

  readBlock(node: Node, field: string): ValueObject | undefined {
    return singleBlock(this.read(node, field), node.address, field);
  }

  /** An attribute AWS assigns (an id, an ARN) or a configured one, as a string. */
  attr(node: Node, name: string): string {
    const entry = this.byAddress.get(node.address);
    if (!entry) throw new Unreadable(node.address, name, 'not a resource of this stack');
    return this.resolver.string(entry.block, name);
  }

  /** A stack output's value, resolved. */
  output(name: string): Value | undefined {
    const value = this.source.outputs[name];
    return value === undefined ? undefined : this.resolver.resolve(value, { address: `output.${name}`, field: 'value' });
  }

  role(arn: string): Role | undefined {
    return this.roles.find((role) => role.arn === arn);
  }

  roleNamed(name: string): Role | undefined {
    return this.roles.find((role) => role.roleName === name);
  }

  fn(nameOrArn: string): LambdaFunction | undefined {
    // Lambda accepts a function name, its ARN, a qualified ARN or a partial ARN (`123456789012:function:name`).
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.split(':')[6] : nameOrArn.includes(':function:') ? nameOrArn.split(':')[2] : nameOrArn;
    return this.functions.find((f) => f.functionName === name);
  }

  /** The identity pools that accept tokens from this user pool (any of its app clients). */
  poolsFederating(userPool: UserPool): IdentityPool[] {
    return this.identityPools.filter((pool) => pool.cognitoProviders.some((p) => p.providerName === userPool.endpoint));
  }

  userPoolOf(provider: { providerName: string }): UserPool | undefined {
    return this.userPools.find((pool) => pool.endpoint === provider.providerName);
  }

  private problem(error: Unreadable): void {
    this.problems.push(error);
  }

  /** The object of `candidates` whose id the block's `field` names; a dangling link is an Unreadable. */
  private linked<T extends { id: string }>(block: RawBlock, field: string, candidates: readonly T[], what: string, type: string): T {
    const id = this.string(block, field);
    const found = candidates.find((candidate) => candidate.id === id);
    if (!found) throw this.missing(block, field, `${what} ${JSON.stringify(id)}`, type);
    return found;
  }

  /**
   * A link to another resource that is not there. When a resource of that type could not be read itself, its own
   * problem is the cause, and this one says so instead of claiming the target is absent.
   */
  private missing(block: RawBlock, field: string, what: string, type: string): Unreadable {
    const unread = this.problems.some((problem) => problem.address.startsWith(`${type}.`));
    return new Unreadable(block.address, field, unread ? `names ${what}, which could not be read (see the ${type} problem)` : `names ${what}, which is not in this stack`);
  }

  /** Runs a read; an Unreadable becomes a problem and the read yields undefined. */
  private guard<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      this.problem(error);
      return undefined;
    }
  }

  private blocksOf(type: string): RawBlock[] {
    return this.source.blocks.filter((block) => block.mode === 'resource' && block.type === type && this.byAddress.has(block.address));
  }

  private nodeFor(block: RawBlock): Node {
    return (this.byAddress.get(block.address) as { node: Node }).node;
  }

  /** A configured argument, resolved; absent or null (Terraform's "unset") reads as undefined. */
  private value(block: RawBlock, field: string): Value | undefined {
    return block.body[field] === undefined || block.body[field] === null ? undefined : this.resolver.attr(block, field);
  }

  private string(block: RawBlock, field: string): string {
    const value = str(this.value(block, field), block.address, field);
    if (value === undefined) throw new Unreadable(block.address, field, 'required and not set');
    return value;
  }

  /** An optional string argument; "" is unset too, as state writes unset strings. */
  private optional(block: RawBlock, field: string): string | undefined {
    const value = str(this.value(block, field), block.address, field);
    return value === '' ? undefined : value;
  }

  /** A policy-valued argument, resolved, parsed and compiled. */
  private doc(address: string, field: string, value: Value | undefined, kind: PolicyKind): Doc {
    if (typeof value !== 'string') {
      throw new Unreadable(address, field, `expected a JSON policy document string, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
    }
    const base = { address, field, kind, text: value };
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch (error) {
      return { ...base, json: undefined, compiled: undefined, error: `not valid JSON: ${(error as Error).message}` };
    }
    try {
      const compiled = compilePolicy(json, `${address}.${field}`, kind);
      return { ...base, json: isObject(json) ? json : undefined, compiled, error: undefined };
    } catch (error) {
      return { ...base, json: isObject(json) ? json : undefined, compiled: undefined, error: (error as Error).message };
    }
  }

  private readIam(): void {
    for (const block of this.blocksOf('aws_iam_policy')) {
      this.guard(() => {
        const node = this.nodeFor(block);
        this.policies.push({
          ...node,
          policyName: this.string(block, 'name'),
          arn: this.resolver.string(block, 'arn'),
          doc: this.doc(block.address, 'policy', this.value(block, 'policy'), 'identity'),
        });
      });
    }
    const attached = (arn: string, from: string, field: string, kind: 'identity' | 'boundary'): AttachedPolicy => {
      const customer = this.policies.find((policy) => policy.arn === arn);
      if (customer) {
        const doc = kind === 'identity' ? customer.doc : this.doc(customer.address, 'policy', customer.doc.text, kind);
        return { arn, from, field, doc, awsManaged: false };
      }
      const document = isAwsManagedArn(arn) ? awsManagedPolicy(arn) : undefined;
      const doc = document ? this.doc(arn, 'document', JSON.stringify(document), kind) : undefined;
      return { arn, from, field, doc, awsManaged: isAwsManagedArn(arn) };
    };
    for (const block of this.blocksOf('aws_iam_role')) {
      this.guard(() => {
        const node = this.nodeFor(block);
        const roleName = this.string(block, 'name');
        const inline = blockList(this.value(block, 'inline_policy'), block.address, 'inline_policy')
          .filter((entry) => entry.policy !== undefined && entry.policy !== '')
          .map((entry, i) => this.doc(block.address, `inline_policy[${i}].policy`, entry.policy, 'identity'));
        const managed = stringList(this.value(block, 'managed_policy_arns'), block.address, 'managed_policy_arns').map((arn, i) =>
          attached(arn, block.address, `managed_policy_arns[${i}]`, 'identity'),
        );
        const boundaryArn = this.optional(block, 'permissions_boundary');
        this.roles.push({
          ...node,
          roleName,
          arn: this.resolver.string(block, 'arn'),
          uniqueId: this.resolver.string(block, 'unique_id'),
          trust: this.doc(block.address, 'assume_role_policy', this.value(block, 'assume_role_policy'), 'trust'),
          inline,
          managed,
          boundary: boundaryArn ? attached(boundaryArn, block.address, 'permissions_boundary', 'boundary') : undefined,
        });
      });
    }
    const roleFor = (block: RawBlock, field: string, value: string): Role => {
      const role = this.roleNamed(value) ?? this.role(value);
      if (!role) throw this.missing(block, field, `role ${JSON.stringify(value)}`, 'aws_iam_role');
      return role;
    };
    for (const block of this.blocksOf('aws_iam_role_policy')) {
      this.guard(() => {
        const role = roleFor(block, 'role', this.string(block, 'role'));
        const doc = this.doc(block.address, 'policy', this.value(block, 'policy'), 'identity');
        // Applied state lists this policy in the role's inline_policy too: keep one copy, named by its resource.
        role.inline = [...role.inline.filter((d) => !(d.address === role.address && d.text === doc.text)), doc];
      });
    }
    for (const block of this.blocksOf('aws_iam_role_policy_attachment')) {
      this.guard(() => {
        const role = roleFor(block, 'role', this.string(block, 'role'));
        const arn = this.string(block, 'policy_arn');
        // Applied state lists the attachment in the role's managed_policy_arns too: keep one, named by this resource.
        role.managed = [...role.managed.filter((m) => !(m.arn === arn && m.from === role.address)), attached(arn, block.address, 'policy_arn', 'identity')];
      });
    }
    for (const block of this.blocksOf('aws_iam_policy_attachment')) {
      this.guard(() => {
        for (const field of ['users', 'groups']) {
          if (stringList(this.value(block, field), block.address, field).length > 0) {
            throw new Unreadable(block.address, field, 'attaches the policy to IAM users or groups, which the model does not read');
          }
        }
        const arn = this.string(block, 'policy_arn');
        stringList(this.value(block, 'roles'), block.address, 'roles').forEach((name, i) => {
          roleFor(block, `roles[${i}]`, name).managed.push(attached(arn, block.address, 'policy_arn', 'identity'));
        });
      });
    }
    for (const block of this.blocksOf('aws_iam_role_policy_attachments_exclusive')) {
      this.guard(() => {
        const role = roleFor(block, 'role_name', this.string(block, 'role_name'));
        stringList(this.value(block, 'policy_arns'), block.address, 'policy_arns').forEach((arn, i) => {
          if (!role.managed.some((m) => m.arn === arn)) role.managed.push(attached(arn, block.address, `policy_arns[${i}]`, 'identity'));
        });
      });
    }
    for (const block of this.blocksOf('aws_iam_role_policies_exclusive')) {
      this.guard(() => {
        const role = roleFor(block, 'role_name', this.string(block, 'role_name'));
        const names = new Set(stringList(this.value(block, 'policy_names'), block.address, 'policy_names'));
        // Terraform removes every other inline policy on apply while aws_iam_role_policy adds it back: the plan
        // never settles, and which documents hold at a given moment is unknown.
        for (const policy of this.blocksOf('aws_iam_role_policy')) {
          const target = this.guard(() => roleFor(policy, 'role', this.string(policy, 'role')));
          const policyName = this.optional(policy, 'name');
          if (target === role && (policyName === undefined || !names.has(policyName))) {
            throw new Unreadable(block.address, 'policy_names', `does not list ${policy.address}: Terraform removes and re-adds it on every apply`);
          }
        }
      });
    }
  }

  private readCognito(): void {
    for (const block of this.blocksOf('aws_cognito_user_pool')) {
      this.guard(() => {
        const node = this.nodeFor(block);
        const lambda = singleBlock(this.value(block, 'lambda_config'), block.address, 'lambda_config') ?? {};
        const triggers: Record<string, string> = {};
        for (const [key, value] of Object.entries(lambda)) {
          if (value === '' || value === null) continue;
          if (typeof value === 'string') triggers[key] = value;
          else if (key === 'pre_token_generation_config') {
            const config = singleBlock(value, block.address, `lambda_config.${key}`);
            if (typeof config?.lambda_arn === 'string') triggers.pre_token_generation = config.lambda_arn;
          } else if (isObject(value) || Array.isArray(value)) {
            const config = singleBlock(value, block.address, `lambda_config.${key}`);
            if (typeof config?.lambda_arn === 'string') triggers[key] = config.lambda_arn;
          }
        }
        this.userPools.push({
          ...node,
          id: this.resolver.string(block, 'id'),
          arn: this.resolver.string(block, 'arn'),
          endpoint: this.resolver.string(block, 'endpoint'),
          clients: [],
          groups: [],
          triggers,
        });
      });
    }
    const poolOf = (block: RawBlock): UserPool => this.linked(block, 'user_pool_id', this.userPools, 'user pool', 'aws_cognito_user_pool');
    for (const block of this.blocksOf('aws_cognito_user_group')) {
      this.guard(() => {
        const pool = poolOf(block);
        const precedence = num(this.value(block, 'precedence'), block.address, 'precedence');
        const group: Group = {
          ...this.nodeFor(block),
          groupName: this.string(block, 'name'),
          userPoolId: pool.id,
          precedence: precedence ?? null,
          roleArn: this.optional(block, 'role_arn') ?? null,
        };
        pool.groups.push(group);
      });
    }
    for (const block of this.blocksOf('aws_cognito_user_pool_client')) {
      this.guard(() => {
        const pool = poolOf(block);
        const list = (field: string) => (field in block.body ? stringList(this.value(block, field), block.address, field) : undefined);
        const units = singleBlock(this.value(block, 'token_validity_units'), block.address, 'token_validity_units');
        const refresh = num(this.value(block, 'refresh_token_validity'), block.address, 'refresh_token_validity') ?? 30;
        const unit = typeof units?.refresh_token === 'string' ? units.refresh_token : 'days';
        const perDay: Record<string, number> = { seconds: 86400, minutes: 1440, hours: 24, days: 1 };
        const factor = perDay[unit];
        if (factor === undefined) throw new Unreadable(block.address, 'token_validity_units.refresh_token', `unknown unit ${JSON.stringify(unit)}`);
        const client: AppClient = {
          ...this.nodeFor(block),
          id: this.resolver.string(block, 'id'),
          userPoolId: pool.id,
          readAttributes: list('read_attributes'),
          writeAttributes: list('write_attributes'),
          explicitAuthFlows: list('explicit_auth_flows') ?? [],
          refreshTokenValidityDays: refresh / factor,
          // Cognito turns token revocation on for new clients unless told otherwise.
          enableTokenRevocation: bool(this.value(block, 'enable_token_revocation'), block.address, 'enable_token_revocation') ?? true,
          preventUserExistenceErrors: this.optional(block, 'prevent_user_existence_errors'),
          generateSecret: bool(this.value(block, 'generate_secret'), block.address, 'generate_secret') ?? false,
        };
        pool.clients.push(client);
      });
    }
    for (const block of this.blocksOf('aws_cognito_identity_pool')) {
      this.guard(() => {
        const providers = blockList(this.value(block, 'cognito_identity_providers'), block.address, 'cognito_identity_providers');
        this.identityPools.push({
          ...this.nodeFor(block),
          id: this.resolver.string(block, 'id'),
          arn: this.resolver.string(block, 'arn'),
          poolName: this.string(block, 'identity_pool_name'),
          allowUnauthenticated: bool(this.value(block, 'allow_unauthenticated_identities'), block.address, 'allow_unauthenticated_identities') ?? false,
          allowClassicFlow: bool(this.value(block, 'allow_classic_flow'), block.address, 'allow_classic_flow') ?? false,
          cognitoProviders: providers.map((provider, i) => {
            const field = `cognito_identity_providers[${i}]`;
            const providerName = str(provider.provider_name, block.address, `${field}.provider_name`);
            const clientId = str(provider.client_id, block.address, `${field}.client_id`);
            if (!providerName || !clientId) throw new Unreadable(block.address, field, 'needs provider_name and client_id');
            return {
              providerName,
              clientId,
              serverSideTokenCheck: bool(provider.server_side_token_check, block.address, `${field}.server_side_token_check`) ?? false,
              field,
            };
          }),
          loginProviders: stringMap(this.value(block, 'supported_login_providers'), block.address, 'supported_login_providers'),
          openIdConnectProviderArns: stringList(this.value(block, 'openid_connect_provider_arns'), block.address, 'openid_connect_provider_arns'),
          samlProviderArns: stringList(this.value(block, 'saml_provider_arns'), block.address, 'saml_provider_arns'),
          developerProviderName: this.optional(block, 'developer_provider_name'),
          attachment: undefined,
          principalTags: [],
        });
      });
    }
    for (const block of this.blocksOf('aws_cognito_identity_pool_roles_attachment')) {
      this.guard(() => {
        const pool = this.linked(block, 'identity_pool_id', this.identityPools, 'identity pool', 'aws_cognito_identity_pool');
        if (pool.attachment) {
          throw new Unreadable(
            block.address,
            'identity_pool_id',
            `${pool.address} already has ${pool.attachment.address}: SetIdentityPoolRoles replaces the whole set, so the last one applied wins and the plan never settles`,
          );
        }
        const roles = stringMap(this.value(block, 'roles'), block.address, 'roles');
        for (const key of Object.keys(roles)) {
          if (key !== 'authenticated' && key !== 'unauthenticated') throw new Unreadable(block.address, `roles.${key}`, 'only authenticated and unauthenticated are role keys');
        }
        const mappings = blockList(this.value(block, 'role_mapping'), block.address, 'role_mapping').map((mapping, i): RoleMapping => {
          const field = `role_mapping[${i}]`;
          const type = mapping.type;
          if (type !== 'Token' && type !== 'Rules') throw new Unreadable(block.address, `${field}.type`, `expected Token or Rules, got ${JSON.stringify(type)}`);
          const ambiguous = mapping.ambiguous_role_resolution;
          if (ambiguous !== undefined && ambiguous !== 'AuthenticatedRole' && ambiguous !== 'Deny') {
            throw new Unreadable(block.address, `${field}.ambiguous_role_resolution`, `expected AuthenticatedRole or Deny, got ${JSON.stringify(ambiguous)}`);
          }
          const rules = blockList(mapping.mapping_rule, block.address, `${field}.mapping_rule`).map((rule, j): MappingRule => {
            const at = `${field}.mapping_rule[${j}]`;
            const matchType = rule.match_type;
            if (matchType !== 'Equals' && matchType !== 'NotEqual' && matchType !== 'StartsWith' && matchType !== 'Contains') {
              throw new Unreadable(block.address, `${at}.match_type`, `expected Equals, NotEqual, StartsWith or Contains, got ${JSON.stringify(matchType)}`);
            }
            const claim = str(rule.claim, block.address, `${at}.claim`);
            const value = str(rule.value, block.address, `${at}.value`);
            const roleArn = str(rule.role_arn, block.address, `${at}.role_arn`);
            if (claim === undefined || value === undefined || roleArn === undefined) throw new Unreadable(block.address, at, 'needs claim, value and role_arn');
            return { claim, matchType, value, roleArn, field: `${at}.role_arn` };
          });
          if (type === 'Rules' && rules.length === 0) throw new Unreadable(block.address, field, 'a Rules mapping needs at least one mapping_rule');
          const provider = str(mapping.identity_provider, block.address, `${field}.identity_provider`);
          if (!provider) throw new Unreadable(block.address, `${field}.identity_provider`, 'required');
          return { identityProvider: provider, type, ambiguousRoleResolution: ambiguous, rules, field };
        });
        const attachment: RolesAttachment = { ...this.nodeFor(block), identityPoolId: pool.id, roles, mappings };
        pool.attachment = attachment;
      });
    }
    for (const block of this.blocksOf('aws_cognito_identity_pool_provider_principal_tag')) {
      this.guard(() => {
        const pool = this.linked(block, 'identity_pool_id', this.identityPools, 'identity pool', 'aws_cognito_identity_pool');
        pool.principalTags.push({
          ...this.nodeFor(block),
          identityProviderName: this.string(block, 'identity_provider_name'),
          tags: stringMap(this.value(block, 'principal_tags'), block.address, 'principal_tags'),
          useDefaults: bool(this.value(block, 'use_defaults'), block.address, 'use_defaults') ?? true,
        });
      });
    }
  }

  private readApis(): void {
    for (const block of this.blocksOf('aws_api_gateway_rest_api')) {
      this.guard(() => {
        const policy = this.value(block, 'policy');
        this.apis.push({
          ...this.nodeFor(block),
          id: this.resolver.string(block, 'id'),
          rootResourceId: this.resolver.string(block, 'root_resource_id'),
          executionArn: this.resolver.string(block, 'execution_arn'),
          policy: policy === undefined || policy === '' ? undefined : this.doc(block.address, 'policy', policy, 'resource'),
          resources: [],
          methods: [],
          stages: [],
          authorizers: [],
        });
      });
    }
    const apiOf = (block: RawBlock): RestApi => this.linked(block, 'rest_api_id', this.apis, 'REST API', 'aws_api_gateway_rest_api');
    for (const block of this.blocksOf('aws_api_gateway_rest_api_policy')) {
      this.guard(() => {
        const api = apiOf(block);
        if (api.policy) {
          throw new Unreadable(block.address, 'policy', `${api.address} already has a resource policy (${api.policy.address}): the two overwrite each other on every apply`);
        }
        api.policy = this.doc(block.address, 'policy', this.value(block, 'policy'), 'resource');
      });
    }
    for (const block of this.blocksOf('aws_api_gateway_authorizer')) {
      this.guard(() => {
        const api = apiOf(block);
        const authorizer: Authorizer = {
          ...this.nodeFor(block),
          id: this.resolver.string(block, 'id'),
          authorizerType: this.optional(block, 'type') ?? 'TOKEN',
          providerArns: stringList(this.value(block, 'provider_arns'), block.address, 'provider_arns'),
        };
        api.authorizers.push(authorizer);
      });
    }
    for (const block of this.blocksOf('aws_api_gateway_resource')) {
      this.guard(() => {
        const api = apiOf(block);
        const resource: ApiResource = {
          ...this.nodeFor(block),
          id: this.resolver.string(block, 'id'),
          parentId: this.string(block, 'parent_id'),
          pathPart: this.string(block, 'path_part'),
        };
        api.resources.push(resource);
      });
    }
    const integrations = this.blocksOf('aws_api_gateway_integration').flatMap((block) => {
      const read = this.guard(() => ({
        key: `${this.string(block, 'rest_api_id')} ${this.string(block, 'resource_id')} ${this.string(block, 'http_method')}`,
        integration: { ...this.nodeFor(block), integrationType: this.string(block, 'type'), uri: this.optional(block, 'uri') } as Integration,
      }));
      return read ? [read] : [];
    });
    for (const block of this.blocksOf('aws_api_gateway_method')) {
      this.guard(() => {
        const api = apiOf(block);
        const resourceId = this.string(block, 'resource_id');
        if (resourceId !== api.rootResourceId && !api.resources.some((r) => r.id === resourceId)) {
          throw new Unreadable(block.address, 'resource_id', `names resource ${JSON.stringify(resourceId)}, which is not in ${api.address}`);
        }
        const httpMethod = this.string(block, 'http_method');
        const authorization = this.string(block, 'authorization');
        const authorizerId = this.optional(block, 'authorizer_id');
        const authorizer = authorizerId === undefined ? undefined : api.authorizers.find((a) => a.id === authorizerId);
        if (authorizerId !== undefined && !authorizer) {
          throw new Unreadable(block.address, 'authorizer_id', `names authorizer ${JSON.stringify(authorizerId)}, which is not in ${api.address}`);
        }
        if ((authorization === 'COGNITO_USER_POOLS' || authorization === 'CUSTOM') && !authorizer) {
          throw new Unreadable(block.address, 'authorizer_id', `authorization ${authorization} needs an authorizer`);
        }
        const method: Method = {
          ...this.nodeFor(block),
          restApiId: api.id,
          resourceId,
          httpMethod,
          authorization,
          authorizer,
          apiKeyRequired: bool(this.value(block, 'api_key_required'), block.address, 'api_key_required') ?? false,
          integration: integrations.find((i) => i.key === `${api.id} ${resourceId} ${httpMethod}`)?.integration,
        };
        api.methods.push(method);
      });
    }
    for (const block of this.blocksOf('aws_api_gateway_stage')) {
      this.guard(() => {
        const api = apiOf(block);
        const stage: Stage = { ...this.nodeFor(block), stageName: this.string(block, 'stage_name'), deploymentId: this.optional(block, 'deployment_id') };
        api.stages.push(stage);
      });
    }
  }

  private readFunctions(): void {
    for (const block of this.blocksOf('aws_lambda_function')) {
      this.guard(() => {
        this.functions.push({
          ...this.nodeFor(block),
          functionName: this.string(block, 'function_name'),
          arn: this.resolver.string(block, 'arn'),
          invokeArn: this.resolver.string(block, 'invoke_arn'),
          roleArn: this.string(block, 'role'),
          filename: this.optional(block, 'filename'),
          handler: this.optional(block, 'handler'),
          permissions: [],
        });
      });
    }
    for (const block of this.blocksOf('aws_lambda_permission')) {
      this.guard(() => {
        const functionName = this.string(block, 'function_name');
        const fn = this.fn(functionName);
        if (!fn) throw this.missing(block, 'function_name', `function ${JSON.stringify(functionName)}`, 'aws_lambda_function');
        const permission: LambdaPermission = {
          ...this.nodeFor(block),
          action: this.string(block, 'action'),
          functionName,
          principal: this.string(block, 'principal'),
          sourceArn: this.optional(block, 'source_arn'),
          sourceAccount: this.optional(block, 'source_account'),
          principalOrgId: this.optional(block, 'principal_org_id'),
          qualifier: this.optional(block, 'qualifier'),
          functionUrlAuthType: this.optional(block, 'function_url_auth_type'),
        };
        fn.permissions.push(permission);
      });
    }
  }

  private readHolders(): void {
    const holders = (type: string, nameField: string, list: PolicyHolder[], policyField?: string) => {
      for (const block of this.blocksOf(type)) {
        this.guard(() => {
          const policy = policyField ? this.value(block, policyField) : undefined;
          list.push({
            ...this.nodeFor(block),
            resourceName: this.resolver.string(block, nameField),
            arn: this.resolver.string(block, 'arn'),
            policy: policy === undefined || policy === '' ? undefined : this.doc(block.address, policyField as string, policy, 'resource'),
          });
        });
      }
    };
    holders('aws_s3_bucket', 'bucket', this.buckets, 'policy');
    holders('aws_dynamodb_table', 'name', this.tables);
    holders('aws_kms_key', 'key_id', this.keys, 'policy');
    const attach = (type: string, targetField: string, list: PolicyHolder[], match: (holder: PolicyHolder, value: string) => boolean) => {
      for (const block of this.blocksOf(type)) {
        this.guard(() => {
          const target = this.string(block, targetField);
          const holder = list.find((h) => match(h, target));
          if (!holder) throw new Unreadable(block.address, targetField, `names ${JSON.stringify(target)}, which is not in this stack`);
          if (holder.policy) {
            throw new Unreadable(block.address, 'policy', `${holder.address} already has a policy (${holder.policy.address}): the two overwrite each other on every apply`);
          }
          holder.policy = this.doc(block.address, 'policy', this.value(block, 'policy'), 'resource');
        });
      }
    };
    attach('aws_s3_bucket_policy', 'bucket', this.buckets, (h, v) => h.resourceName === v || h.arn === v);
    attach('aws_dynamodb_resource_policy', 'resource_arn', this.tables, (h, v) => h.arn === v);
    attach('aws_kms_key_policy', 'key_id', this.keys, (h, v) => h.resourceName === v || h.arn === v);
  }
}

function nodeOf(block: RawBlock, file: string): Node {
  const comment = block.comment;
  const metadata = comment && isObject(comment.metadata) ? comment.metadata : undefined;
  return {
    type: block.type,
    name: block.name,
    address: block.address,
    constructPath: typeof metadata?.path === 'string' ? metadata.path : undefined,
    suppressions: declaredSuppressions(comment, block.address, file),
  };
}

/** `"//": { "suppressions": [{ "rule", "reason" }] }`, as stacks/suppress.ts writes it. Malformed entries are errors. */
function declaredSuppressions(comment: ValueObject | undefined, address: string, file: string): DeclaredSuppression[] {
  const raw = comment?.suppressions;
  if (raw === undefined) return [];
  const field = '//.suppressions';
  if (!Array.isArray(raw)) throw new Unreadable(address, field, `expected a list of { "rule", "reason" } (in ${file})`);
  return raw.map((entry, i) => {
    if (!isObject(entry) || typeof entry.rule !== 'string' || typeof entry.reason !== 'string') {
      throw new Unreadable(address, `${field}[${i}]`, 'expected an object { "rule", "reason" } with string values');
    }
    return { rule: entry.rule, reason: entry.reason.trim() };
  });
}
