import { buildApp } from './stacks/app';

// Entry point for `cdktf synth|deploy` (cdktf.json "app"). See README for the settings it reads.
buildApp().synth();
