/**
 * The guardrail results as SARIF 2.1.0 (OASIS "Static Analysis Results Interchange Format Version 2.1.0"), for
 * GitHub code scanning and any SARIF viewer: one rule per guardrail with its text and help from the rule file, one
 * result per finding located in the synthesized JSON (and in the stack's source file where there is one), and
 * suppressions as SARIF suppressions with their reason.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Location, Log, ReportingDescriptor, Result as SarifResult } from 'sarif';
import { ENGINE_CHECKS } from './engine';
import { RULES } from './rules';
import { constructSource, declarationsIn } from './construct-source';
import { anchors } from './rules-doc';
import type { Result, Rule, Severity } from './types';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const RULES_DIR = join(__dirname, 'rules');
/** GitHub ranks security alerts by this property (0.1-10): errors high, warnings medium. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0' };

type Described = Pick<Rule, 'id' | 'severity' | 'title' | 'rationale'> & Partial<Pick<Rule, 'anchors'>>;

export interface SarifOptions {
  /** Paths in the log are relative to this folder (the repository root, %SRCROOT%); default the current directory. */
  root?: string;
  /** The tool's version; default this package's. */
  version?: string;
}

function ruleFile(id: string): string | undefined {
  const file = readdirSync(RULES_DIR).find((name) => name.startsWith(`${id}-`));
  return file && join(RULES_DIR, file);
}

function descriptor(rule: Described, root: string): ReportingDescriptor {
  const file = ruleFile(rule.id);
  const source = file ? relative(root, file).split('\\').join('/') : 'guardrails/engine.ts (ENGINE_CHECKS)';
  const others = rule.anchors ? anchors(rule as Rule) : '— (no equivalent)';
  return {
    id: rule.id,
    name: rule.id.replace('-', ''),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale}\nClosest rules elsewhere: ${others.replace(/<br>/g, ', ')}.\nRule: ${source}; all rules: guardrails/RULES.md.`,
      markdown: `${rule.rationale}\n\nClosest rules elsewhere: ${others}.\n\nRule: \`${source}\`; all rules: \`guardrails/RULES.md\`.`,
    },
    defaultConfiguration: { level: rule.severity },
    properties: { tags: ['security', 'iam', 'cognito'], 'security-severity': SECURITY_SEVERITY[rule.severity] },
  };
}

/** The 1-based line where the resource's body starts in a cdktf JSON file, if it can be found. */
function resourceLine(text: string, address: string): number | undefined {
  const dot = address.indexOf('.');
  const [type, name] = [address.slice(0, dot), address.slice(dot + 1)];
  const block = text.indexOf('"resource": {');
  const typeAt = block < 0 ? -1 : text.indexOf(`"${type}": {`, block);
  const at = typeAt < 0 ? -1 : text.indexOf(`"${name}": {`, typeAt);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

/** The construct path cdktf recorded for a resource (`//`.metadata.path). */
function constructPath(json: unknown, address: string): string | undefined {
  const dot = address.indexOf('.');
  const body = (json as { resource?: Record<string, Record<string, { '//'?: { metadata?: { path?: unknown } } }>> } | undefined)?.resource?.[
    address.slice(0, dot)
  ]?.[address.slice(dot + 1)];
  const path = body?.['//']?.metadata?.path;
  return typeof path === 'string' ? path : undefined;
}

export function toSarif(results: readonly Result[], options: SarifOptions = {}): Log {
  const root = resolve(options.root ?? process.cwd());
  const version = options.version ?? (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const rules: Described[] = [...RULES, ...ENGINE_CHECKS];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const texts = new Map<string, { text: string; json: unknown }>();
  const read = (file: string) => {
    if (!texts.has(file)) {
      const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        // unreadable input is reported by the engine; the location then has no line
      }
      texts.set(file, { text, json });
    }
    return texts.get(file)!;
  };
  const declarations = existsSync(join(root, 'stacks')) ? declarationsIn(root) : [];
  const sarifResults = results.map((result): SarifResult => {
    const json = relative(root, resolve(result.file)).split('\\').join('/');
    const { text, json: doc } = read(resolve(result.file));
    const line = resourceLine(text, result.resource);
    const inJson: Location = {
      physicalLocation: { artifactLocation: { uri: json, uriBaseId: '%SRCROOT%' }, ...(line ? { region: { startLine: line } } : {}) },
      logicalLocations: [{ name: result.resource, fullyQualifiedName: `${result.stack}.${result.resource}`, kind: 'resource' }],
    };
    const path = constructPath(doc, result.resource);
    const source = path === undefined ? undefined : constructSource(path, declarations);
    const inSource: Location | undefined = source && {
      physicalLocation: { artifactLocation: { uri: source.file, uriBaseId: '%SRCROOT%' }, region: { startLine: source.line } },
      message: {
        text: source.construct === path ? `declares ${path} (${result.resource})` : `declares ${source.construct}, which contains ${path} (${result.resource})`,
      },
    };
    const ruleIndex = index.get(result.rule);
    return {
      ruleId: result.rule,
      ...(ruleIndex === undefined ? {} : { ruleIndex }),
      level: result.severity,
      message: { text: `${result.message}${/[.!?]$/.test(result.message) ? '' : '.'} Fix: ${result.fix}` },
      // GitHub annotates the first location: the source when the stack has one, else the synthesized JSON.
      locations: inSource ? [inSource, inJson] : [inJson],
      partialFingerprints: { 'guardrailFinding/v1': `${result.rule}|${result.stack}|${result.resource}` },
      ...(result.suppressed ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: result.suppressed.reason }] } : {}),
    };
  });
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cognito-rbac-guardrails', version, rules: rules.map((rule) => descriptor(rule, root)) } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToUri(root)}/` } },
        results: sarifResults,
      },
    ],
  };
}

function pathToUri(path: string): string {
  return `file://${path.split('\\').join('/').replace(/^([A-Za-z]):/, '/$1:')}`;
}
