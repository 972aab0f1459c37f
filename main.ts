import type { App } from 'cdktf';
import { buildApp } from './stacks/app';
import { isInputError } from './stacks/input-error';
import { enforceAfterSynth } from './guardrails/enforce';

// Entry point for `cdktf synth|deploy` (cdktf.json "app"). See README for the settings it reads.
function synthesize(): App {
  try {
    const app = buildApp();
    app.synth();
    return app;
  } catch (error) {
    if (!isInputError(error)) throw error;
    // The same one line as `npm start` prints; buildApp has already removed the stacks it refused.
    console.error(error.message);
    process.exit(1);
  }
}

// Guardrails (guardrails/RULES.md): an unsuppressed error exits non-zero and removes the synth output it refused.
void enforceAfterSynth(synthesize());
