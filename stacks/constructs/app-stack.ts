import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DeploySettings } from '../settings';
import { useStateBackend } from './backend';

export interface AppIdentity {
  appName: string;
  environment: string;
  region: string;
}

/** What every app stack starts with: the AWS provider, tagging everything with the app, and remote state. */
export function configureAppStack(stack: TerraformStack, id: string, app: AppIdentity, settings: DeploySettings): void {
  new AwsProvider(stack, 'aws', {
    region: app.region,
    defaultTags: [{ tags: { app: app.appName, environment: app.environment, 'managed-by': 'cdktf' } }],
  });
  useStateBackend(stack, id, app.appName, settings);
}
