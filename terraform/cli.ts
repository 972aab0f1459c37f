import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectCacheDir } from './project-cache';

/** The oldest Terraform this project supports: S3 native locking (`use_lockfile`) is GA from 1.10. */
export const MIN_TERRAFORM = [1, 10] as const;

export class TerraformError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerraformError';
  }
}

export interface TerraformResult {
  stdout: string;
  stderr: string;
}

/**
 * Environment for every terraform call. A provider mirror given by TF_PROVIDER_MIRROR (a folder laid out as
 * `registry.terraform.io/hashicorp/aws/<version>/<os_arch>/`) becomes a CLI config; otherwise TF_CLI_CONFIG_FILE
 * or Terraform's own defaults apply, so without a mirror `terraform init` uses the public registry.
 */
export function terraformEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
  const mirror = base.TF_PROVIDER_MIRROR;
  if (mirror) {
    if (!existsSync(mirror)) throw new TerraformError(`TF_PROVIDER_MIRROR=${mirror}: no such folder`);
    env.TF_CLI_CONFIG_FILE = mirrorCliConfig(mirror);
  } else if (env.TF_CLI_CONFIG_FILE && !existsSync(env.TF_CLI_CONFIG_FILE)) {
    // A dangling TF_CLI_CONFIG_FILE only produces a warning on every call; drop it.
    delete env.TF_CLI_CONFIG_FILE;
  }
  return env;
}

/**
 * The CLI config that installs every registry.terraform.io provider from `mirror` and nothing from the network. One
 * file per mirror path, kept in the project cache: each call reuses it instead of leaving a temp folder behind.
 */
export function mirrorCliConfig(mirror: string): string {
  const content =
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n` +
    `    include = ["registry.terraform.io/*/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n`;
  const name = `terraformrc-${createHash('sha256').update(mirror).digest('hex').slice(0, 16)}`;
  const file = join(projectCacheDir('terraform'), name);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== content) writeFileSync(file, content);
  return file;
}

/** Runs one terraform command; a non-zero exit becomes a TerraformError carrying Terraform's own message. */
export function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    execFile('terraform', args, { cwd, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve({ stdout, stderr });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(new TerraformError(missingTerraformMessage()));
      }
      const hint =
        args[0] === 'init' && !env.TF_PROVIDER_MIRROR
          ? '\nNo provider mirror is set: offline, point TF_PROVIDER_MIRROR at a folder holding registry.terraform.io/hashicorp/aws/<version>/<os_arch>/ (see README).'
          : '';
      const output = args.includes('-json') ? diagnosticsText(stdout) || stderr : stderr || stdout;
      reject(new TerraformError(`terraform ${args[0]} failed in ${cwd}:\n${output}${hint}`));
    });
  });
}

/**
 * The error and warning diagnostics of a `-json` run (Terraform's machine-readable UI), as Terraform prints them
 * without -json: "Error: summary", the detail, and where (file:line, the block). Lines that are not JSON are kept.
 */
export function diagnosticsText(jsonLines: string): string {
  const texts: string[] = [];
  for (const line of jsonLines.split('\n')) {
    if (!line.trim()) continue;
    let message: { type?: string; diagnostic?: Diagnostic };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      texts.push(line);
      continue;
    }
    const d = message.diagnostic;
    if (message.type !== 'diagnostic' || !d) continue;
    const where = d.range ? ` (${d.range.filename}:${d.range.start.line}${d.snippet?.context ? `, ${d.snippet.context}` : ''})` : '';
    texts.push(`${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}${where}${d.detail ? `\n  ${d.detail}` : ''}`);
  }
  return texts.join('\n');
}

interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  range?: { filename: string; start: { line: number } };
  snippet?: { context?: string | null };
}

export function missingTerraformMessage(): string {
  return `terraform not found on PATH: install Terraform >= ${MIN_TERRAFORM.join('.')} (https://developer.hashicorp.com/terraform/install)`;
}

/** Fails with an install hint when terraform is missing or older than MIN_TERRAFORM. */
export async function checkTerraformVersion(env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await terraform(['version', '-json'], process.cwd(), env);
  const version = (JSON.parse(stdout) as { terraform_version: string }).terraform_version;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < MIN_TERRAFORM[0] || (major === MIN_TERRAFORM[0] && minor < MIN_TERRAFORM[1])) {
    throw new TerraformError(`terraform ${version} is too old: install Terraform >= ${MIN_TERRAFORM.join('.')}`);
  }
  return version;
}
