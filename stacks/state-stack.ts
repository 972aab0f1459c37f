import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { PolicyVersion } from '../policies/loader';
import { AppConfig } from './config';
import { DeploySettings } from './settings';
import { useLocalState } from './constructs/backend';
import { privateBucket } from './constructs/private-bucket';

export interface StateStackProps {
  config: AppConfig;
  settings: DeploySettings;
  policies: PolicyVersion;
}

/** Days an overwritten state version is kept: long enough to roll back a bad apply. */
export const NONCURRENT_STATE_DAYS = 90;

/** The S3 bucket that holds every other stack's state. Its own state stays local: it must exist first. */
export class StateStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id);
    const { config, settings, policies } = props;
    new AwsProvider(this, 'aws', {
      region: settings.stateRegion,
      defaultTags: [{ tags: { app: config.appName, environment: config.environment, 'managed-by': 'cdktf' } }],
    });
    useLocalState(this, id);

    const bucket = privateBucket(this, {
      bucketName: settings.stateBucket,
      idPrefix: '',
      noncurrentVersionDays: NONCURRENT_STATE_DAYS,
      lifecycleRuleId: 'expire-old-state-versions',
      policies,
    });
    new TerraformOutput(this, 'state_bucket', { value: bucket.bucket });
  }
}
