import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { OutputsError, readTerraformOutputsSync, TerraformOutputs } from './outputs';

export type Availability = { enabled: true; outputs: TerraformOutputs; credentials: string } | { enabled: false; reason: string };

/**
 * Where the standard SDK chain would find credentials, judged from the environment and files alone (no network,
 * so instance metadata is not probed: on EC2/ECS without any of these, export AWS_PROFILE or keys).
 */
export function credentialSource(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'AWS_ACCESS_KEY_ID';
  if (env.AWS_PROFILE) return `AWS_PROFILE=${env.AWS_PROFILE}`;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return 'AWS_WEB_IDENTITY_TOKEN_FILE';
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return 'container credentials';
  for (const file of [env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'), env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config')]) {
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Whether the AWS backend can run: ACCESS_BACKEND=aws, credentials in sight, a synthesized stack and its deployed
 * outputs. Checked in that order; nothing runs (not even terraform) unless ACCESS_BACKEND=aws and credentials are
 * there, and nothing here calls AWS itself (terraform may read remote state).
 */
export function awsBackendAvailability(
  stackDir: string,
  env: NodeJS.ProcessEnv = process.env,
  readOutputs: (dir: string, env: NodeJS.ProcessEnv) => TerraformOutputs = readTerraformOutputsSync,
): Availability {
  if (env.ACCESS_BACKEND !== 'aws') return { enabled: false, reason: `ACCESS_BACKEND is ${env.ACCESS_BACKEND ? `"${env.ACCESS_BACKEND}"` : 'not set'}` };
  const credentials = credentialSource(env);
  if (!credentials) return { enabled: false, reason: 'no AWS credentials in the environment or ~/.aws' };
  if (!existsSync(join(stackDir, 'cdk.tf.json'))) return { enabled: false, reason: `${stackDir} has no cdk.tf.json (synthesize first)` };
  let outputs: TerraformOutputs;
  try {
    outputs = readOutputs(stackDir, env);
  } catch (error) {
    if (error instanceof OutputsError) return { enabled: false, reason: `no deployed outputs: ${error.message.split('\n')[0]}` };
    throw error;
  }
  if (Object.keys(outputs).length === 0) return { enabled: false, reason: `terraform output in ${stackDir} is empty: the stack is not deployed` };
  return { enabled: true, outputs, credentials };
}
