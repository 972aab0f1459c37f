/**
 * One side of `access -- review`, run as its own process so both sides synthesize and simulate in parallel:
 *   tsx access/review/side.ts ROOT OTHER_ROOT OUTDIR SNAPSHOT_FILE
 * Synthesizes ROOT's code and config into OUTDIR (without the guardrail gate: a refused stack is still reviewed),
 * runs every exhaustive matrix (asking OTHER_ROOT's routes and probes too), every scenario of ROOT and the
 * guardrails, and writes the Snapshot as JSON. Any failure is one line on stderr and exit status 2.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { IConstruct } from 'constructs';
import type { CodeSuppressions } from '../../guardrails/engine';
import { synthesizedStackFiles } from '../../guardrails/files';
import { decidedBy, intentsFrom, runMatrix, type Configs, type Intent } from '../exhaustive';
import { scenarioFiles } from '../run-all';
import { runScenario } from '../run-scenario';
import { loadScenario } from '../scenario';
import { Simulator } from '../simulate';
import { guardrailFindings } from './findings';
import type { Snapshot, StackSnapshot } from './snapshot';

type BuildApp = (options: { outdir: string; settings?: { policyVersion?: string } }) => IConstruct & { synth(): void };

/**
 * A tree's config modules, loaded by path from that tree (tsx compiles them on the fly). `require` is untyped: the
 * values are taken as this tree's config shapes, which the base's configs share unless the change rewrote them.
 */
function configsOf(root: string): Configs {
  return {
    office: require(join(root, 'stacks/config')).officeConfig,
    apps: require(join(root, 'stacks/apps-config')).appsConfig,
    marketplace: require(join(root, 'stacks/marketplace-config')).marketplaceConfig,
    rows: require(join(root, 'stacks/rows-config')).rowsConfig,
  };
}

/** Synthesizes the tree; returns the suppressions its code declares, when the tree declares them in code. */
function synth(root: string, outdir: string, policyVersion?: string): CodeSuppressions | undefined {
  const { buildApp } = require(join(root, 'stacks/app')) as { buildApp: BuildApp };
  const { codeSuppressions } = require(join(root, 'stacks/suppress')) as { codeSuppressions?: (scope: IConstruct) => CodeSuppressions };
  const app = buildApp({ outdir, ...(policyVersion ? { settings: { policyVersion } } : {}) });
  app.synth();
  return codeSuppressions?.(app);
}

function sharedOf(other: Intent | undefined) {
  if (!other) return {};
  return other.kind === 'http' ? { routes: other.groups.flatMap((g) => g.routes) } : { probes: other.probes };
}

async function side(root: string, otherRoot: string, outdir: string): Promise<Snapshot> {
  const declared = synth(root, outdir);
  const scenarios = scenarioFiles(join(root, 'scenarios')).map(loadScenario);
  for (const version of new Set(scenarios.flatMap((s) => (s.policyVersion ? [s.policyVersion] : [])))) {
    synth(root, join(outdir, '.access', version), version);
  }
  const intents = intentsFrom(configsOf(root));
  const others = intentsFrom(configsOf(otherRoot));
  const findings = await guardrailFindings(outdir, declared);
  const stacks: Record<string, StackSnapshot> = {};
  for (const file of synthesizedStackFiles(outdir)) {
    const name = basename(dirname(file));
    const intent = intents.get(name);
    const cells = intent ? (await runMatrix(Simulator.fromOutdir(outdir, name), intent, sharedOf(others.get(name)))).cells : [];
    stacks[name] = {
      cells,
      scenarios: [],
      findings: findings
        .filter((r) => r.stack === name)
        .map((r) => ({ rule: r.rule, severity: r.severity, resource: r.resource, message: r.message, suppressed: r.suppressed !== undefined })),
    };
  }
  for (const scenario of scenarios) {
    const run = await runScenario(scenario, scenario.policyVersion ? join(outdir, '.access', scenario.policyVersion) : outdir);
    const target = stacks[scenario.stack];
    if (!target) continue;
    const file = scenario.file.slice(root.length + 1);
    for (const cell of run.results) {
      target.scenarios.push({
        caller: `${file} ${cell.user}`,
        request: cell.request,
        outcome: String(cell.outcome),
        granted: cell.outcome === 'allowed' || (typeof cell.outcome === 'number' && cell.outcome >= 200 && cell.outcome < 300),
        role: cell.role,
        decidedBy: decidedBy(cell.matched, cell.steps, cell.reason),
      });
    }
  }
  return { stacks };
}

const [root, otherRoot, outdir, snapshotFile] = process.argv.slice(2);
if (!root || !otherRoot || !outdir || !snapshotFile) {
  console.error('usage: tsx access/review/side.ts ROOT OTHER_ROOT OUTDIR SNAPSHOT_FILE');
  process.exit(2);
}
side(root, otherRoot, outdir).then(
  (snapshot) => writeFileSync(snapshotFile, JSON.stringify(snapshot)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
