import { E2E_CREDENTIALS } from './aws-call';

/**
 * The e2e-only override: Terraform merges it into a copy of the synthesized stack (cdk.tf.json stays as synthesized),
 * so what moto receives is exactly what users deploy, except for these lines.
 */
export const E2E_OVERRIDE_FILE = 'zz_e2e_override.tf.json';

/** Every service the stacks call, sent to moto. */
const SERVICES = ['apigateway', 'cloudwatchlogs', 'cognitoidentity', 'cognitoidp', 'dynamodb', 'iam', 'kms', 'lambda', 's3', 'sts'] as const;

/**
 * Settings that exist only so `terraform destroy` can run: deletion protection is a deployed safeguard, and the
 * guardrails (COG-004) keep it on in the stacks; the e2e turns it off here, and only here.
 */
export const DESTROY_ENABLERS: Record<string, Record<string, unknown>> = {
  aws_cognito_user_pool: { deletion_protection: 'INACTIVE' },
  aws_dynamodb_table: { deletion_protection_enabled: false },
};

interface SynthesizedStack {
  terraform?: { backend?: Record<string, Record<string, unknown>> };
  resource?: Record<string, Record<string, unknown>>;
}

export interface OverrideOptions {
  /** moto's HTTPS endpoint. */
  endpoint: string;
  /** 's3': keep the stack's S3 backend (encrypt, use_lockfile, key…) and point it at moto; 'local': a local file. */
  backend: 's3' | 'local';
}

export function e2eOverride(stack: SynthesizedStack, options: OverrideOptions): object {
  const endpoints = Object.fromEntries(SERVICES.map((service) => [service, options.endpoint]));
  const resource: Record<string, Record<string, unknown>> = {};
  for (const [type, settings] of Object.entries(DESTROY_ENABLERS)) {
    for (const name of Object.keys(stack.resource?.[type] ?? {})) (resource[type] ??= {})[name] = settings;
  }
  const s3 = stack.terraform?.backend?.s3;
  if (options.backend === 's3' && !s3) throw new Error('e2e override: the stack has no S3 backend to point at moto');
  const backend =
    options.backend === 's3'
      ? {
          s3: {
            ...s3,
            endpoints: { s3: options.endpoint, sts: options.endpoint, iam: options.endpoint },
            use_path_style: true,
            access_key: E2E_CREDENTIALS.accessKeyId,
            secret_key: E2E_CREDENTIALS.secretAccessKey,
          },
        }
      : { local: { path: 'terraform.tfstate' } };
  return {
    terraform: { backend },
    provider: {
      aws: {
        access_key: E2E_CREDENTIALS.accessKeyId,
        secret_key: E2E_CREDENTIALS.secretAccessKey,
        s3_use_path_style: true,
        skip_metadata_api_check: true,
        endpoints,
      },
    },
    ...(Object.keys(resource).length ? { resource } : {}),
  };
}
