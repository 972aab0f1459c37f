import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeSuppressions } from '../../guardrails/engine';
import { buildApp } from '../../stacks/app';
import { codeSuppressions } from '../../stacks/suppress';

let declared: CodeSuppressions | undefined;

/** The suppressions the project's code declares with suppress(): the default app, built once in memory. */
export function declaredByCode(): CodeSuppressions {
  if (!declared) {
    const outdir = mkdtempSync(join(tmpdir(), 'declared-'));
    try {
      declared = codeSuppressions(buildApp({ outdir }));
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }
  return declared;
}
