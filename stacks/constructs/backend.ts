import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { DeploySettings } from '../settings';

/**
 * State in a file at the project root (git-ignored), not inside cdktf.out where a clean would delete it.
 * Terraform runs in cdktf.out/stacks/<name>, three levels down.
 */
export function useLocalState(stack: TerraformStack, stackName: string): void {
  new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
}

/**
 * Remote S3 state with S3-native locking. cdktf 0.21's S3Backend has no `useLockfile`, so it is added as an
 * override; the key is per stack so stacks never share a state file.
 */
export function useStateBackend(stack: TerraformStack, stackName: string, appName: string, settings: DeploySettings) {
  if (settings.localState) {
    useLocalState(stack, stackName);
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
