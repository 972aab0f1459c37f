import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The folder that holds policies/v1, policies/v2, ... */
export const POLICIES_ROOT = __dirname;

/**
 * Every template a version folder must hold, with the placeholders it must use (so, for example, a trust policy
 * can never lose its identity-pool pin) and the ones it may use.
 */
export const TEMPLATES = {
  trust: { file: 'trust.json', required: ['identityPoolId'], optional: [] },
  groupPermissions: { file: 'group-permissions.json', required: ['executionArn', 'routes'], optional: ['stage', 'group'] },
  defaultAuthenticated: { file: 'default-authenticated.json', required: [], optional: [] },
  serviceTrust: { file: 'service-trust.json', required: ['service', 'account'], optional: [] },
  lambdaExecution: { file: 'lambda-execution.json', required: ['logGroupArn'], optional: [] },
  stateBucket: { file: 'state-bucket.json', required: ['bucketArn'], optional: [] },
  rowsOwnRows: { file: 'rows-own-rows.json', required: ['tableArn', 'dynamodbActions'], optional: [] },
  rowsReadAll: { file: 'rows-read-all.json', required: ['tableArn', 'dynamodbActions'], optional: [] },
  marketplaceOwnPrefix: { file: 'marketplace-own-prefix.json', required: ['bucketArn', 'prefix'], optional: [] },
  marketplaceReadPrefixes: { file: 'marketplace-read-prefixes.json', required: ['bucketArn', 'prefixes'], optional: [] },
  marketplaceSignup: { file: 'marketplace-signup.json', required: ['userPoolArn', 'tableArn'], optional: [] },
} as const satisfies Record<string, { file: string; required: readonly string[]; optional: readonly string[] }>;

export type TemplateName = keyof typeof TEMPLATES;
/** A placeholder value: a string (often a Terraform token), or a list that expands the string holding it. */
export type PlaceholderValue = string | readonly string[];

export class PolicyTemplateError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field}: ${detail}`);
    this.name = 'PolicyTemplateError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface PolicyTemplate {
  name: TemplateName;
  file: string;
  document: Json;
}

export interface PolicyVersion {
  version: string;
  templates: Record<TemplateName, PolicyTemplate>;
}

const VERSION_DIR = /^v(\d+)$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Version folders in numeric order: v2 before v10. */
export function listPolicyVersions(root: string = POLICIES_ROOT): string[] {
  return readdirSync(root)
    .filter((name) => VERSION_DIR.test(name) && statSync(join(root, name)).isDirectory())
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

export function newestPolicyVersion(root: string = POLICIES_ROOT): string {
  const versions = listPolicyVersions(root);
  const newest = versions[versions.length - 1];
  if (newest === undefined) throw new PolicyTemplateError(displayPath(root), 'versions', 'no policies/vN folder found');
  return newest;
}

/** Reads and checks every template of one version; throws PolicyTemplateError naming the file. */
export function loadPolicyVersion(version: string, root: string = POLICIES_ROOT): PolicyVersion {
  const dir = join(root, version);
  if (!VERSION_DIR.test(version) || !existsSync(dir)) {
    const have = existsSync(root) ? listPolicyVersions(root).join(', ') : '';
    throw new PolicyTemplateError(displayPath(dir), 'version', `no such policy version "${version}" (have: ${have || 'none'})`);
  }
  const templates = {} as Record<TemplateName, PolicyTemplate>;
  for (const name of Object.keys(TEMPLATES) as TemplateName[]) {
    templates[name] = loadTemplate(name, join(dir, TEMPLATES[name].file));
  }
  return { version, templates };
}

function loadTemplate(name: TemplateName, path: string): PolicyTemplate {
  const file = displayPath(path);
  if (!existsSync(path)) throw new PolicyTemplateError(file, 'file', 'missing template');
  let document: Json;
  try {
    document = JSON.parse(readFileSync(path, 'utf8')) as Json;
  } catch (error) {
    throw new PolicyTemplateError(file, 'json', `invalid JSON: ${(error as Error).message}`);
  }
  const spec = TEMPLATES[name];
  const allowed = new Set<string>([...spec.required, ...spec.optional]);
  const used = new Set<string>();
  walkStrings(document, '', (text, field, isKey) => {
    for (const match of text.matchAll(PLACEHOLDER)) {
      const placeholder = match[1] as string;
      if (isKey) throw new PolicyTemplateError(file, field, `placeholder {{${placeholder}}} is not allowed in a key`);
      if (!allowed.has(placeholder)) {
        throw new PolicyTemplateError(
          file,
          field,
          `unknown placeholder {{${placeholder}}} (allowed: ${[...allowed].map((p) => `{{${p}}}`).join(', ') || 'none'})`,
        );
      }
      used.add(placeholder);
    }
  });
  for (const placeholder of spec.required) {
    if (!used.has(placeholder)) {
      throw new PolicyTemplateError(file, 'placeholders', `missing required placeholder {{${placeholder}}}`);
    }
  }
  return { name, file, document };
}

/**
 * Renders a template to the JSON text Terraform receives. IAM policy variables (`${...}`) are escaped as `$${...}`
 * so Terraform passes them through instead of reading them as its own interpolations.
 */
export function renderPolicy(template: PolicyTemplate, values: Readonly<Record<string, PlaceholderValue>>): string {
  return JSON.stringify(renderValue(template, template.document, values, ''));
}

function renderValue(
  template: PolicyTemplate,
  node: Json,
  values: Readonly<Record<string, PlaceholderValue>>,
  field: string,
): Json {
  if (typeof node === 'string') return renderString(template, node, values, field);
  if (Array.isArray(node)) {
    return node.flatMap((item, i) => {
      const rendered = renderValue(template, item, values, `${field}[${i}]`);
      return Array.isArray(rendered) && typeof item === 'string' ? rendered : [rendered];
    });
  }
  if (node !== null && typeof node === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) {
      out[escapeIamVariables(key)] = renderValue(template, value, values, field ? `${field}.${key}` : key);
    }
    return out;
  }
  return node;
}

/** A string holding a list placeholder becomes one string per item, e.g. one ARN per route. */
function renderString(
  template: PolicyTemplate,
  text: string,
  values: Readonly<Record<string, PlaceholderValue>>,
  field: string,
): string | string[] {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
  const lists = names.filter((name) => Array.isArray(values[name]));
  if (new Set(lists).size > 1) {
    throw new PolicyTemplateError(template.file, field, `more than one list placeholder in "${text}"`);
  }
  const substitute = (item?: string): string => {
    let out = '';
    let last = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
      const name = match[1] as string;
      const value = values[name];
      if (value === undefined) throw new PolicyTemplateError(template.file, field, `no value given for {{${name}}}`);
      out += escapeIamVariables(text.slice(last, match.index)) + (typeof value === 'string' ? value : item);
      last = (match.index ?? 0) + match[0].length;
    }
    return out + escapeIamVariables(text.slice(last));
  };
  const list = lists[0];
  if (list === undefined) return substitute();
  return (values[list] as readonly string[]).map((item) => substitute(item));
}

function escapeIamVariables(text: string): string {
  return text.split('${').join('$${');
}

function walkStrings(node: Json, field: string, visit: (text: string, field: string, isKey: boolean) => void): void {
  if (typeof node === 'string') visit(node, field, false);
  else if (Array.isArray(node)) node.forEach((item, i) => walkStrings(item, `${field}[${i}]`, visit));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const child = field ? `${field}.${key}` : key;
      visit(key, child, true);
      walkStrings(value, child, visit);
    }
  }
}

function displayPath(path: string): string {
  return relative(process.cwd(), path) || path;
}
