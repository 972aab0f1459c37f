import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compilePolicy, PolicyError, type PolicyKind } from '../../access/iam';
import { loadPolicyVersion, POLICIES_ROOT, PolicyTemplateError, TEMPLATES, type TemplateName } from '../../policies/loader';
import { IamCatalogue } from '../iam-catalogue';
import { isObject } from '../../model';
import { PolicyDocument } from '../statements';
import { vocabularyOf, vocabularyProblems, walkStrings } from '../vocabulary';

/** One problem in a policy template, named by file and JSON field path. */
export interface LintFinding {
  /** e.g. `policies/v1/group-permissions.json` (relative to the working directory). */
  file: string;
  /** e.g. `Statement[0].Action`; `json` or `file` for whole-file problems. */
  field: string;
  message: string;
}

export function formatLintFinding(finding: LintFinding): string {
  return `${finding.file}: ${finding.field}: ${finding.message}`;
}

/** How IAM reads each template once deployed. */
const KINDS: Record<TemplateName, PolicyKind> = {
  trust: 'trust',
  serviceTrust: 'trust',
  stateBucket: 'resource',
  groupPermissions: 'identity',
  defaultAuthenticated: 'identity',
  lambdaExecution: 'identity',
  rowsOwnRows: 'identity',
  rowsReadAll: 'identity',
  marketplaceOwnPrefix: 'identity',
  marketplaceReadPrefixes: 'identity',
  marketplaceSignup: 'identity',
};

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** A stand-in of the right shape for a `{{placeholder}}`, so the evaluator sees a realistic document. */
function sample(name: string): string {
  if (name === 'identityPoolId') return 'us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b';
  if (name === 'executionArn') return 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5';
  if (name === 'service') return 'lambda.amazonaws.com';
  if (name === 'routes') return 'GET/user';
  // A list of one service's actions, e.g. {{dynamodbActions}}: any action of that service stands in.
  const service = /^([a-z0-9]+)Actions$/.exec(name)?.[1];
  if (service) return `${service}:*`;
  if (/Arn$/.test(name)) return `arn:aws:${name.replace(/Arn$/, '').toLowerCase()}:us-east-1:123456789012:sample`;
  return `sample-${name}`;
}

function withSamples(node: unknown): unknown {
  if (typeof node === 'string') return node.replace(PLACEHOLDER, (_, name: string) => sample(name));
  if (Array.isArray(node)) return node.map(withSamples);
  if (isObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withSamples(v)]));
  return node;
}

function kindOf(file: string, doc: PolicyDocument): PolicyKind {
  const known = (Object.keys(TEMPLATES) as TemplateName[]).find((name) => TEMPLATES[name].file === file);
  if (known) return KINDS[known];
  const withPrincipal = doc.statements.some((s) => s.principal !== undefined);
  if (!withPrincipal) return 'identity';
  return doc.statements.some((s) => s.actions.some((a) => /^sts:AssumeRole/i.test(a))) ? 'trust' : 'resource';
}

/** Paths as policies/loader.ts shows them (relative to the working directory), so both report the same file. */
function displayPath(path: string): string {
  return relative(process.cwd(), path) || path;
}

/**
 * Lints every template of one policy version (policies/vN/*.json): the loader's own checks (required files and
 * placeholders), IAM's structural rules (via the access/iam evaluator), that every action exists (a wildcard must
 * match at least one real action), that every condition key exists and applies to the statement's actions, and
 * that policy variables appear only under Version 2012-10-17. Returns no findings when the version is clean.
 */
export async function lintPolicyVersion(version: string, root: string = POLICIES_ROOT): Promise<LintFinding[]> {
  const dir = join(root, version);
  if (!existsSync(dir)) return [{ file: displayPath(dir), field: 'version', message: `no such policy version "${version}"` }];
  const findings: LintFinding[] = [];

  try {
    loadPolicyVersion(version, root);
  } catch (error) {
    if (!(error instanceof PolicyTemplateError)) throw error;
    findings.push({ file: error.file, field: error.field, message: error.message.slice(`${error.file}: ${error.field}: `.length) });
  }

  const documents: Array<{ file: string; name: string; doc: PolicyDocument }> = [];
  for (const name of readdirSync(dir).filter((entry) => entry.endsWith('.json')).sort()) {
    const file = displayPath(join(dir, name));
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      // The loader reports the same problem for known templates; report it once.
      if (!findings.some((f) => f.file === file && f.field === 'json')) {
        findings.push({ file, field: 'json', message: `invalid JSON: ${(error as Error).message}` });
      }
      continue;
    }
    if (!isObject(json)) {
      findings.push({ file, field: '', message: 'the policy must be a JSON object' });
      continue;
    }
    documents.push({ file, name, doc: new PolicyDocument(json) });
  }

  const services = new Set<string>();
  const keys = new Set<string>();
  for (const { doc } of documents) {
    const needs = vocabularyOf(doc);
    needs.services.forEach((s) => services.add(s));
    needs.keys.forEach((k) => keys.add(k));
  }
  const catalogue = await IamCatalogue.load(services, keys);

  for (const { file, name, doc } of documents) {
    const kind = kindOf(name, doc);
    try {
      compilePolicy(withSamples(doc.document), file, kind);
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      const head = `policy "${error.policy}": ${error.field ? `${error.field}: ` : ''}`;
      findings.push({ file, field: error.field, message: error.message.startsWith(head) ? error.message.slice(head.length) : error.message });
    }
    for (const problem of vocabularyProblems(doc, catalogue, kind)) findings.push({ file, ...problem });
    // Placeholders outside strings the loader walks would be left unrendered in the deployed policy.
    walkStrings(doc.document, '', (text, field) => {
      if (/\{\{(?!\s*[A-Za-z][A-Za-z0-9]*\s*\}\})/.test(text)) {
        findings.push({ file, field, message: `malformed placeholder in "${text}": expected {{name}}` });
      }
    });
  }
  return findings;
}
