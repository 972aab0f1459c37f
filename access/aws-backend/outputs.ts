import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingTerraformMessage, terraform, TerraformError, terraformEnv } from '../../terraform/cli';

/** The string-valued outputs of a deployed stack, as `terraform output -json` prints them (name → value). */
export type TerraformOutputs = Readonly<Record<string, string>>;

export class OutputsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputsError';
  }
}

/**
 * Parses `terraform output -json`: `{ "<name>": { "value": ..., "type": ..., "sensitive": ... } }`. Only string
 * values are kept (every output the cross-check reads is a string); `{}` means nothing is deployed in that state.
 */
export function parseTerraformOutputs(text: string, source = 'terraform output -json'): TerraformOutputs {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new OutputsError(`${source}: not JSON (${(error as Error).message})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new OutputsError(`${source}: expected a JSON object of outputs`);
  const outputs: Record<string, string> = {};
  for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
    if (entry === null || typeof entry !== 'object' || !('value' in entry)) {
      throw new OutputsError(`${source}: output "${name}" has no "value"`);
    }
    const value = (entry as { value: unknown }).value;
    if (typeof value === 'string') outputs[name] = value;
  }
  return outputs;
}

const OUTPUT_ARGS = ['output', '-no-color', '-json'];

/** First line: where, and Terraform's own `Error:` line (e.g. "Backend initialization required"); then all it said. */
function failure(stackDir: string, said: string): string {
  const lines = said
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.replace(/^[\s│╷╵]+/, '').trimEnd());
  const error = lines.find((line) => line.startsWith('Error:')) ?? lines.find((line) => line !== '') ?? 'no message';
  return `terraform output failed in ${stackDir}: ${error}\n${said.trim()}`;
}

/** `terraform output -json` in a synthesized stack's folder (e.g. cdktf.out/stacks/office), where its state is configured. */
export async function readTerraformOutputs(stackDir: string, env: NodeJS.ProcessEnv = process.env): Promise<TerraformOutputs> {
  if (!existsSync(stackDir)) throw new OutputsError(`${stackDir}: no such folder (synthesize the stack first)`);
  let stdout: string;
  try {
    ({ stdout } = await terraform(OUTPUT_ARGS, stackDir, terraformEnv(env)));
  } catch (error) {
    if (error instanceof TerraformError) throw new OutputsError(failure(stackDir, error.message.replace(/^terraform output failed in [^\n]*\n/, '')));
    throw error;
  }
  return parseTerraformOutputs(stdout, `terraform output -json in ${stackDir}`);
}

/** The same, synchronously: for deciding at test-definition time whether a deployed stack exists. */
export function readTerraformOutputsSync(stackDir: string, env: NodeJS.ProcessEnv = process.env): TerraformOutputs {
  if (!existsSync(stackDir)) throw new OutputsError(`${stackDir}: no such folder (synthesize the stack first)`);
  let stdout: string;
  try {
    stdout = execFileSync('terraform', OUTPUT_ARGS, {
      cwd: stackDir,
      env: terraformEnv(env),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
    if (e.code === 'ENOENT') throw new OutputsError(missingTerraformMessage());
    throw new OutputsError(failure(stackDir, e.stderr || e.stdout || e.message));
  }
  return parseTerraformOutputs(stdout, `terraform output -json in ${stackDir}`);
}
