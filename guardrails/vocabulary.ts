import { IamCatalogue, isGlobalKey, isSessionKey, keyValidFor, serviceOf, type ActionInfo } from './iam-catalogue';
import { isObject } from '../model';
import type { PolicyDocument } from './statements';
import type { PolicyKind } from '../access/iam';

/** A problem in one field of a policy document. */
export interface FieldProblem {
  /** JSON path inside the document, e.g. `Statement[0].Action[1]`. */
  field: string;
  message: string;
}

export const VARIABLES_VERSION = '2012-10-17';
/** `${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, and the escapes `${*}`, `${?}`, `${$}`. */
const VARIABLE = /\$\{([^}]*)\}/g;
const ESCAPES = new Set(['*', '?', '$']);

/** What a policy's actions and condition keys need from the catalogue. */
export function vocabularyOf(doc: PolicyDocument): { services: Set<string>; keys: Set<string> } {
  const services = new Set<string>();
  const keys = new Set<string>();
  for (const statement of doc.statements) {
    for (const action of statement.actions) {
      const service = serviceOf(action);
      if (service) services.add(service);
    }
    for (const condition of statement.conditions) keys.add(condition.key);
  }
  walkStrings(doc.document, '', (text) => {
    for (const match of text.matchAll(VARIABLE)) {
      const key = variableKey(match[1] ?? '');
      if (key) keys.add(key);
    }
  });
  return { services, keys };
}

/** The key a policy variable reads (`aws:username` for `${aws:username, 'x'}`), or undefined for an escape. */
function variableKey(inner: string): string | undefined {
  const key = inner.split(',')[0]?.trim() ?? '';
  return ESCAPES.has(key) ? undefined : key;
}

/**
 * Checks a policy against AWS's vocabulary: every action exists (a wildcard must match at least one real action),
 * every condition key exists and applies to the statement's actions, and policy variables are used only under
 * Version 2012-10-17. The catalogue must already hold what `vocabularyOf` lists. `kind` is how IAM reads the
 * document ('trust' makes the identity-pool keys apply only to sts:AssumeRoleWithWebIdentity).
 */
export function vocabularyProblems(doc: PolicyDocument, catalogue: IamCatalogue, kind?: PolicyKind): FieldProblem[] {
  // On a role session from an identity pool the cognito-identity keys are set for every request; in a trust policy
  // they exist only for sts:AssumeRoleWithWebIdentity, which the catalogue says, so there they are checked as usual.
  const sessionKey = (key: string) => kind !== 'trust' && isSessionKey(key);
  const problems: FieldProblem[] = [];
  for (const statement of doc.statements) {
    const actionField = statement.notAction ? 'NotAction' : 'Action';
    const raw = (doc.document.Statement as unknown[] | Record<string, unknown>) ?? [];
    const rawStatement = Array.isArray(raw) ? raw[statement.index] : raw;
    const listed = isObject(rawStatement) && Array.isArray(rawStatement[actionField]);

    const matched: ActionInfo[] = [];
    let everyAction = statement.notAction;
    statement.actions.forEach((action, i) => {
      const field = `${statement.path}.${actionField}${listed ? `[${i}]` : ''}`;
      if (action === '*') {
        everyAction = true;
        return;
      }
      const service = serviceOf(action);
      if (!service) return; // The evaluator rejects actions without a service prefix.
      if (catalogue.hasService(service) === false) {
        problems.push({ field, message: `unknown service prefix "${service}" in action "${action}"` });
        return;
      }
      const actions = catalogue.expand(action) ?? [];
      if (actions.length === 0) {
        problems.push({
          field,
          message: /[*?]/.test(action)
            ? `"${action}" matches no ${service} action`
            : `unknown action "${action}" (no such action in service ${service})`,
        });
      }
      matched.push(...actions);
    });

    for (const condition of statement.conditions) {
      const key = condition.key;
      if (isGlobalKey(key) || sessionKey(key)) continue;
      if (catalogue.keyExists(key) === false) {
        problems.push({ field: condition.path, message: `unknown condition key "${key}": this condition can never match` });
        continue;
      }
      if (statement.notAction || everyAction || matched.length === 0) continue;
      if (!matched.some((action) => keyValidFor(key, action))) {
        const names = [...new Set(matched.map((action) => action.id))].slice(0, 4).join(', ');
        problems.push({
          field: condition.path,
          message: `condition key "${key}" is never set for ${names}: this statement can never match`,
        });
      }
    }
  }

  walkStrings(doc.document, '', (text, field) => {
    for (const match of text.matchAll(VARIABLE)) {
      if (doc.version !== VARIABLES_VERSION) {
        problems.push({
          field,
          message: `policy variable "${match[0]}" needs "Version": "${VARIABLES_VERSION}" (without it IAM reads it as literal text)`,
        });
        continue;
      }
      const key = variableKey(match[1] ?? '');
      if (key === undefined || isGlobalKey(key) || sessionKey(key)) continue;
      if (catalogue.keyExists(key) === false) {
        problems.push({ field, message: `policy variable "${match[0]}" names an unknown key: it never resolves` });
      }
    }
  });
  return problems;
}

/** Visits every string (keys included) of a JSON value with its path. */
export function walkStrings(node: unknown, field: string, visit: (text: string, field: string) => void): void {
  if (typeof node === 'string') visit(node, field);
  else if (Array.isArray(node)) node.forEach((item, i) => walkStrings(item, `${field}[${i}]`, visit));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      const child = field ? `${field}.${key}` : key;
      visit(key, child);
      walkStrings(value, child, visit);
    }
  }
}
