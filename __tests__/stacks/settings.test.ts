import { App } from 'cdktf';
import { officeFixture } from '../fixtures/configs';
import { resolveSettings } from '../../stacks/settings';
import { synth } from '../support/synth';

describe('deploy settings: environment first, then cdktf context, then config defaults', () => {
  test('defaults come from config', () => {
    expect(resolveSettings(officeFixture, undefined, {})).toEqual({
      stateBucket: 'office-rbac-tfstate',
      stateRegion: 'us-east-1',
      localState: false,
      policyVersion: undefined,
    });
  });

  test('cdktf context overrides config', () => {
    const app = new App({ context: { stateBucket: 'ctx-bucket', stateRegion: 'eu-west-1', localState: true, policyVersion: 'v1' } });
    expect(resolveSettings(officeFixture, app, {})).toEqual({
      stateBucket: 'ctx-bucket',
      stateRegion: 'eu-west-1',
      localState: true,
      policyVersion: 'v1',
    });
  });

  test('environment overrides context', () => {
    const app = new App({ context: { stateBucket: 'ctx-bucket', localState: 'true' } });
    const env = { TF_STATE_BUCKET: 'env-bucket', TF_STATE_REGION: 'us-west-2', TF_STATE_LOCAL: '0', POLICY_VERSION: 'v1' };
    expect(resolveSettings(officeFixture, app, env)).toEqual({
      stateBucket: 'env-bucket',
      stateRegion: 'us-west-2',
      localState: false,
      policyVersion: 'v1',
    });
  });
});

test('the local-state switch gives the office stack a local backend instead of S3', () => {
  const office = synth({ only: ['office'], settings: { localState: true } }).stack('office');
  expect(office.terraform.backend).toEqual({ local: { path: '../../../terraform.office.tfstate' } });
});

test('the S3 backend takes bucket and region from settings, with a key per stack', () => {
  const office = synth({ only: ['office'], settings: { stateBucket: 'acme-state', stateRegion: 'eu-central-1' } }).stack('office');
  expect(office.terraform.backend).toEqual({
    s3: { bucket: 'acme-state', key: 'office/office.tfstate', region: 'eu-central-1', encrypt: true, use_lockfile: true },
  });
});
