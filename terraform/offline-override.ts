/**
 * The test-only override that lets `terraform plan` run with no AWS account: local state instead of S3, and the
 * provider's credential, account-ID, region and metadata checks off. It is written only into a copy of a stack,
 * never into cdktf.out, so what users deploy is untouched.
 */
export const OFFLINE_OVERRIDE_FILE = 'zz_offline_override.tf.json';

export function offlineOverride(): object {
  return {
    terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    provider: {
      aws: {
        access_key: 'offline-plan-only',
        secret_key: 'offline-plan-only',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
      },
    },
  };
}
