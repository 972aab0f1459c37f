import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { DeploySettings } from '../settings';

/**
 * Remote S3 state with S3-native locking. cdktf 0.21's S3Backend has no `useLockfile`, so it is added as an
 * override; the key is per stack so stacks never share a state file.
 */
export function useStateBackend(stack: TerraformStack, stackName: string, appName: string, settings: DeploySettings) {
  if (settings.localState) {
    new LocalBackend(stack, { path: `terraform.${stackName}.tfstate` });
    return;
  }
  new S3Backend(stack, {
    bucket: settings.stateBucket,
    key: `${appName}/${stackName}.tfstate`,
    region: settings.stateRegion,
    encrypt: true,
  });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
