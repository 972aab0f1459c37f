import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildApp, STACKS, StackName } from '../stacks/app';
import { checkTerraformVersion, terraformEnv } from '../terraform/cli';
import { stackDir } from '../terraform/stacks-dir';
import { E2E_CREDENTIALS, E2E_REGION } from '../e2e/aws-call';
import { compareAppliedState } from '../e2e/applied-state';
import { deployStack, DeployContext, seconds, StackPlan, StackReport } from '../e2e/deploy-stack';
import { inventory } from '../e2e/leftovers';
import { MotoServer, startMoto } from '../e2e/moto-server';
import { emptyVersionedBucket, Endpoints, remoteStateOf, remoteStateProblems, stateObjectFacts, watchLock } from '../e2e/remote-state';
import { MOTO_CANNOT_CHECK, wirePath } from '../e2e/wire-path';
import { runningTerraform } from '../e2e/tf';

/** Everything the e2e writes (git-ignored); emptied at the start of each run. */
const E2E_FOLDER = resolve('.e2e');
/** The state bucket the state stack creates in moto, and office's S3 backend uses. */
const E2E_STATE_BUCKET = 'e2e-office-rbac-tfstate';

let moto: MotoServer | undefined;
/** The temporary Terraform CLI config terraformEnv() wrote for TF_PROVIDER_MIRROR, removed at the end. */
let cliConfigFolder: string | undefined;

/**
 * `npm run e2e [-- stack…]`: every stack (default all five) applied to moto with the real Terraform CLI and
 * provider, checked, destroyed. office runs on the S3 backend inside the applied state stack.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const wanted = pickStacks(process.argv.slice(2));
  const baseEnv = terraformEnv();
  if (baseEnv.TF_CLI_CONFIG_FILE && baseEnv.TF_CLI_CONFIG_FILE !== process.env.TF_CLI_CONFIG_FILE) cliConfigFolder = dirname(baseEnv.TF_CLI_CONFIG_FILE);
  log(`terraform ${await checkTerraformVersion(baseEnv)}`);

  rmSync(E2E_FOLDER, { recursive: true, force: true });
  const tls = join(E2E_FOLDER, 'tls');
  mkdirSync(tls, { recursive: true });
  moto = await startMoto(tls);
  log(`moto ${moto.version} (pid ${moto.pid}) on ${moto.https} and ${moto.http}; shims: ${moto.shims.join(', ')}`);

  const outdir = join(E2E_FOLDER, 'cdktf.out');
  let start = performance.now();
  buildApp({ outdir, settings: { stateBucket: E2E_STATE_BUCKET, stateRegion: E2E_REGION, localState: false } }).synth();
  log(`synth      all stacks → ${outdir} (${seconds(performance.now() - start)})`);

  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    // The provider and the S3 backend (aws-sdk-go-base) trust the run's throw-away CA for moto's HTTPS endpoint.
    AWS_CA_BUNDLE: moto.caFile,
    AWS_ACCESS_KEY_ID: E2E_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: E2E_CREDENTIALS.secretAccessKey,
    AWS_REGION: E2E_REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const context: DeployContext = { env, https: moto.https, http: moto.http, outFolder: E2E_FOLDER, log };
  const plan = (stack: StackName, extra: Partial<StackPlan> = {}): StackPlan => ({ stack, dir: stackDir(outdir, stack), backend: 'local', ...extra });

  const endpoints = { https: moto.https, http: moto.http, ca: readFileSync(moto.caFile, 'utf8') };
  const office = officePlan(plan, context, outdir, endpoints);
  const runs: Array<Promise<StackReport[]>> = [];
  if (wanted.includes(STACKS.state) || wanted.includes(STACKS.office)) {
    // office's state lives in the state stack's bucket: it is applied and destroyed while that stack is applied.
    const reports: StackReport[] = [];
    runs.push(
      deployStack(
        plan(STACKS.state, {
          whileApplied: async () => {
            if (wanted.includes(STACKS.office)) reports.push(await deployStack(office, context));
            // The README's step before destroying the state stack: empty the versioned bucket.
            const removed = await emptyVersionedBucket(endpoints, E2E_STATE_BUCKET);
            log(`state: emptied s3://${E2E_STATE_BUCKET} (${removed} object versions and delete markers)`);
          },
        }),
        context,
      ).then((state) => [state, ...reports]),
    );
  }
  for (const stack of wanted.filter((s) => s !== STACKS.state && s !== STACKS.office)) runs.push(deployStack(plan(stack), context).then((r) => [r]));
  const settled = await Promise.allSettled(runs);
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason instanceof Error ? s.reason.message : String(s.reason)] : []));
  if (failures.length) throw new Error(failures.join('\n\n'));

  const left = Object.entries(await inventory(moto.http)).filter(([, ids]) => ids.length > 0);
  if (left.length) throw new Error(`after every destroy moto still lists: ${left.map(([kind, ids]) => `${kind} ${ids.join(', ')}`).join('; ')}`);
  log('moto lists nothing at all: user pools, identity pools, tables, log groups, functions, REST APIs, roles, buckets');

  const reports = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
  console.log('');
  console.log(reportTable(reports));
  console.log('\nNot checked on moto (the simulator decides these):');
  for (const line of MOTO_CANNOT_CHECK) console.log(`  - ${line}`);
  console.log(`\ne2e: ${reports.length} stacks applied, unchanged on a second plan, destroyed, in ${seconds(performance.now() - started)}`);
}

/** office: on the S3 backend (encrypt, use_lockfile), with the lock watched, the client's wire path and the applied state. */
function officePlan(
  plan: (stack: StackName, extra: Partial<StackPlan>) => StackPlan,
  context: DeployContext,
  outdir: string,
  endpoints: Endpoints,
): StackPlan {
  const dir = stackDir(outdir, STACKS.office);
  const remote = remoteStateOf(join(dir, 'cdk.tf.json'));
  let lockSeen = 0;
  return plan(STACKS.office, {
    backend: 's3',
    saveShowJson: true,
    duringApply: async (applying) => {
      lockSeen = await watchLock(endpoints, remote, applying);
    },
    whileApplied: async (applied) => {
      const problems = remoteStateProblems(await stateObjectFacts(endpoints, remote), lockSeen);
      if (problems.length) throw new Error(`office on the S3 backend: ${problems.join('; ')}`);
      context.log(
        `office: state s3://${remote.bucket}/${remote.key} is there, SSE-S3 encrypted and versioned; the lock file was seen ` +
          `${lockSeen} times during apply and is gone; plain HTTP is refused (403)`,
      );
      await wirePath(applied, { http: moto!.http, env: context.env, outdir, log: context.log });
      context.log(await compareAppliedState({ stack: STACKS.office, synthDir: dir, appliedStateFile: applied.showJsonFile! }));
    },
  });
}

function pickStacks(args: string[]): StackName[] {
  const all = Object.values(STACKS);
  const unknown = args.filter((arg) => !all.includes(arg as StackName));
  if (unknown.length) throw new Error(`unknown stack ${unknown.join(', ')}: the stacks are ${all.join(', ')}`);
  const picked = args.length ? (args as StackName[]) : all;
  // office keeps its state in the state stack's bucket, so it never runs without it.
  return picked.includes(STACKS.office) && !picked.includes(STACKS.state) ? [STACKS.state, ...picked] : picked;
}

function reportTable(reports: StackReport[]): string {
  const header = ['stack', 'resources', 'outputs', 'init', 'apply', 'plan', 'destroy'];
  const rows = reports.map((r) => [r.stack, String(r.resources), String(r.outputs.length), seconds(r.ms.init), seconds(r.ms.apply), seconds(r.ms.plan), seconds(r.ms.destroy)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function log(message: string): void {
  console.log(`[e2e] ${message}`);
}

/** Stops moto and any Terraform still running, each by its PID. */
async function cleanUp(): Promise<void> {
  for (const pid of runningTerraform) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await moto?.stop();
  if (cliConfigFolder) rmSync(cliConfigFolder, { recursive: true, force: true });
}

// Last resort for any exit path (an uncaught error included): moto never outlives the run.
process.on('exit', () => {
  if (moto && !moto.stopped()) process.kill(moto.pid, 'SIGKILL');
});

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    console.error(`[e2e] ${signal}: stopping moto (pid ${moto?.pid ?? 'not started'}) and Terraform`);
    void cleanUp().finally(() => process.exit(code));
  });
}

main()
  .then(cleanUp)
  .catch(async (error: unknown) => {
    await cleanUp();
    console.error(`[e2e] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
