import { buildApp } from './stacks/app';
import { enforceAfterSynth } from './guardrails/enforce';

// Entry point for `cdktf synth|deploy` (cdktf.json "app"). See README for the settings it reads.
const app = buildApp();
app.synth();
// Guardrails (guardrails/RULES.md): an unsuppressed error exits non-zero and removes the synth output it refused.
void enforceAfterSynth(app);
