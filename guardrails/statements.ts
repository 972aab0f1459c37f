import { isObject } from '../model';

/**
 * A read-only view of a policy document's statements as written (after the model resolved every reference), for
 * the rules that report *where* a document says something: wildcard actions (IAM-001), writes on every resource
 * (IAM-002), unknown actions and keys (IAM-007). What a document *allows* is asked of access/iam's evaluator.
 */
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

  constructor(readonly document: Record<string, unknown>) {
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

  allows(): PolicyStatement[] {
    return this.statements.filter((statement) => statement.effect === 'Allow');
  }
}

export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Where a statement sits, for messages: `Statement[0] (Sid X)`. */
export function where(statement: PolicyStatement): string {
  return `${statement.path}${statement.sid ? ` (Sid ${statement.sid})` : ''}`;
}

const patterns = new Map<string, RegExp>();

/** Matches an IAM wildcard pattern (`*`, `?`) against a value, case-insensitively as actions are. */
export function wildcardMatch(pattern: string, value: string): boolean {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(
      `^${pattern
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('')}$`,
      'i',
    );
    patterns.set(pattern, regex);
  }
  return regex.test(value);
}
