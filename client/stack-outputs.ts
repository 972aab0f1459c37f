import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { terraform, terraformEnv } from '../terraform/cli';
import { stackDir } from '../terraform/stacks-dir';
import { isLoopback } from './aws-clients';
import { ClientError } from './errors';
import { withoutSecrets } from './password';

/** What the client needs from a deployed stack: the outputs OfficeStack declares. */
export interface StackOutputs {
  stack: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  /** `https://<api>.execute-api.<region>.amazonaws.com/<stage>` */
  apiInvokeUrl: string;
  /** Group name → its role ARN, from the `role_arn_<Group>` outputs. */
  groupRoles: Record<string, string>;
}

export const REQUIRED_OUTPUTS = ['region', 'user_pool_id', 'user_pool_client_id', 'identity_pool_id', 'api_invoke_url'] as const;
export const ROLE_OUTPUT_PREFIX = 'role_arn_';

/** Runs `terraform output -json` in a stack folder, with this environment, and returns its stdout. */
export type OutputsReader = (dir: string, env: Record<string, string | undefined>) => Promise<string>;

export interface ReadOutputsOptions {
  stack: string;
  /** cdktf's output folder; default `cdktf.out`. */
  outdir?: string;
  /** A file with `terraform output -json` or `cdktf deploy --outputs-file` content, instead of asking Terraform. */
  outputsFile?: string;
  /** For tests: replaces the terraform call. */
  runTerraform?: OutputsReader;
  /** The command's environment (default process.env); Terraform gets it without the client's secrets. */
  env?: Record<string, string | undefined>;
}

/** The stack's outputs, from an outputs file or from `terraform output -json` in `<outdir>/stacks/<stack>`. */
export async function readStackOutputs(options: ReadOutputsOptions): Promise<StackOutputs> {
  const { stack } = options;
  if (options.outputsFile) {
    const file = resolve(options.outputsFile);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ClientError('outputs', `cannot read the outputs file ${file}: ${(error as Error).message}`);
    }
    return parseOutputs(parseJson(text, file), file, stack);
  }

  const dir = stackDir(resolve(options.outdir ?? 'cdktf.out'), stack);
  if (!existsSync(dir)) {
    throw new ClientError(
      'outputs',
      `${dir} does not exist: deploy the stack first (npx cdktf deploy ${stack}), or pass --outputs <file>`,
    );
  }
  const run = options.runTerraform ?? terraformOutputJson;
  let stdout: string;
  try {
    stdout = await run(dir, withoutSecrets(options.env ?? process.env));
  } catch (error) {
    const said = terraformSaid(error);
    const hint = /Backend initialization required/i.test(said)
      ? `Terraform has not been initialized there: deploy from this machine (npx cdktf deploy ${stack}), or run terraform init in ${dir}`
      : `Has it been deployed (npx cdktf deploy ${stack}), with AWS credentials for its state bucket?`;
    throw new ClientError(
      'outputs',
      `could not read the outputs of stack "${stack}" with \`terraform output -json\` in ${dir}. ${hint}\n${said}`,
      { cause: error },
    );
  }
  return parseOutputs(parseJson(stdout, `terraform output -json in ${dir}`), `terraform output -json in ${dir}`, stack);
}

async function terraformOutputJson(dir: string, env: Record<string, string | undefined>): Promise<string> {
  const { stdout } = await terraform(['output', '-json', '-no-color'], dir, terraformEnv(env));
  return stdout;
}

/** The first lines of Terraform's error, without colours: the rest is boilerplate. */
function terraformSaid(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\x1b\[[0-9;]*m/g, '');
  const lines = text.split('\n').map((line) => line.replace(/^[│╷╵\s]+/, '').trimEnd()).filter(Boolean);
  return lines.slice(0, 3).join('\n');
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ClientError('outputs', `${source} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * Accepts Terraform's shape (`{ "name": { "value": …, "type": …, "sensitive": … } }`), a flat `{ "name": "value" }`
 * and cdktf's outputs file (`{ "<stack>": { "name": "value" } }`).
 */
export function parseOutputs(raw: unknown, source: string, stack: string): StackOutputs {
  if (!isRecord(raw)) throw new ClientError('outputs', `${source}: expected a JSON object of outputs`);
  let outputs: Record<string, unknown> = raw;
  if (isRecord(raw[stack]) && !('value' in raw[stack])) outputs = raw[stack];
  const values = new Map<string, string>();
  for (const [name, entry] of Object.entries(outputs)) {
    const value = isRecord(entry) && 'value' in entry ? entry.value : entry;
    if (typeof value === 'string' && value !== '') values.set(name, value);
  }
  if (values.size === 0) {
    throw new ClientError(
      'outputs',
      `stack "${stack}" has no outputs (${source}): it is not deployed yet; run npx cdktf deploy ${stack}`,
    );
  }
  const missing = REQUIRED_OUTPUTS.filter((name) => !values.has(name));
  if (missing.length > 0) {
    const list = missing.map((name) => `"${name}"`).join(', ');
    throw new ClientError(
      'outputs',
      `stack "${stack}" has no output ${list} (${source}): redeploy it with this version of the code ` +
        `(npx cdktf deploy ${stack})`,
    );
  }
  const groupRoles: Record<string, string> = {};
  for (const [name, value] of values) {
    if (name.startsWith(ROLE_OUTPUT_PREFIX)) groupRoles[name.slice(ROLE_OUTPUT_PREFIX.length)] = value;
  }
  const get = (name: (typeof REQUIRED_OUTPUTS)[number]): string => values.get(name)!;
  const region = get('region');
  return {
    stack,
    region,
    userPoolId: get('user_pool_id'),
    userPoolClientId: get('user_pool_client_id'),
    identityPoolId: get('identity_pool_id'),
    apiInvokeUrl: checkedInvokeUrl(get('api_invoke_url').replace(/\/+$/, ''), region, source),
    groupRoles,
  };
}

/**
 * A REST API stage's default endpoint, `https://{restapi_id}.execute-api.{region}.amazonaws.com/{stage_name}` (API
 * Gateway Developer Guide, "Invoking a REST API"; `.amazonaws.com.cn` in China), in the stack's region. Anything
 * else would receive the SigV4-signed request with the role's session token. Plain http only to a loopback host,
 * where tests run a stand-in API.
 */
function checkedInvokeUrl(value: string, region: string, source: string): string {
  const refuse = (why: string) =>
    new ClientError(
      'outputs',
      `${source}: output "api_invoke_url" ${why}; expected https://<api-id>.execute-api.${region}.amazonaws.com/<stage>`,
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse('is not a URL');
  }
  if (url.username || url.password || url.search || url.hash) throw refuse('carries a user name, password, query or fragment');
  if (!/^\/[^/]+$/.test(url.pathname)) throw refuse('does not end with exactly one path segment, the stage');
  if (isLoopback(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:')) return value;
  if (url.protocol !== 'https:') throw refuse(`uses ${url.protocol.replace(/:$/, '')}, not https`);
  const host = /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(url.hostname);
  if (!host || url.port) throw refuse(`is not an API Gateway execute-api host (${url.host})`);
  if (host[1] !== region) throw refuse(`is in region ${host[1]}, but the stack's output "region" is ${region}`);
  return value;
}

/** The role ARN of a group, from its `role_arn_<Group>` output; names the stack's groups when it is missing. */
export function groupRoleArn(outputs: StackOutputs, group: string): string {
  const arn = outputs.groupRoles[group];
  if (arn) return arn;
  const known = Object.keys(outputs.groupRoles);
  // The name is not repeated: it came from the command line, where a secret may have been typed by mistake.
  throw new ClientError(
    'outputs',
    `--role is not a group of stack "${outputs.stack}" (it has no ${ROLE_OUTPUT_PREFIX}<Group> output for it): ` +
      (known.length ? `its groups are ${known.join(', ')}` : 'it declares no group roles'),
  );
}

/** The group whose role this is (by ARN or role name), if the stack declares it. */
export function groupOfRole(outputs: StackOutputs, role: string): string | undefined {
  const name = roleName(role);
  return Object.entries(outputs.groupRoles).find(([, arn]) => arn === role || roleName(arn) === name)?.[0];
}

/** `arn:aws:iam::1:role/path/name` or `arn:aws:sts::1:assumed-role/name/session` → `name`. */
export function roleName(arnOrName: string): string {
  const assumed = /:assumed-role\/([^/]+)\//.exec(arnOrName);
  if (assumed) return assumed[1]!;
  const role = /:role\/(?:.*\/)?([^/]+)$/.exec(arnOrName);
  return role ? role[1]! : arnOrName;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
