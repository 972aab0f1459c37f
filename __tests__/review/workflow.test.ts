import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../access/synth-cache';

/**
 * .github/workflows/access.yml must not rot: every `run` step calls npm, every npm script it names exists in
 * package.json, and every subcommand and flag it passes is one our own tests use.
 */
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

const workflow = parse(readFileSync(join(PROJECT_ROOT, '.github/workflows/access.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const scripts = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

function testSources(dir = join(PROJECT_ROOT, '__tests__')): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? testSources(path) : path.endsWith('.ts') ? readFileSync(path, 'utf8') : ''))
    .join('\n');
}

/** `npm ci …`, `npm test`, `npm start` or `npm run [--silent] NAME [-- ARGS]`, without shell redirections. */
function npmCall(run: string): { script: string; args: string[] } {
  const words = run.replace(/\s*>.*$/, '').trim().split(/\s+/);
  expect(words[0]).toBe('npm');
  if (words[1] === 'ci') return { script: 'ci', args: [] };
  if (words[1] === 'test' || words[1] === 'start') return { script: words[1], args: words.slice(2) };
  expect(words[1]).toBe('run');
  const rest = words.slice(2).filter((w) => w !== '--silent');
  const dashes = rest.indexOf('--');
  return { script: rest[0]!, args: dashes < 0 ? [] : rest.slice(dashes + 1) };
}

test('every run step calls npm, and every script it names exists in package.json', () => {
  const runs = steps.filter((s) => s.run !== undefined).map((s) => npmCall(s.run!));
  expect(runs.map((r) => r.script)).toEqual(['ci', 'test', 'start', 'access', 'check']);
  for (const { script } of runs.filter((r) => r.script !== 'ci')) expect(Object.keys(scripts)).toContain(script);
});

test('every subcommand and flag the workflow passes is exercised by our tests', () => {
  const sources = testSources();
  for (const { args } of steps.filter((s) => s.run !== undefined).map((s) => npmCall(s.run!))) {
    // Values (a ref, a format name) are the workflow's own; commands and flags must be tested here.
    for (const arg of args.filter((a) => a.startsWith('--') || /^[a-z]+$/.test(a))) expect(sources).toContain(`'${arg}'`);
  }
});

test('Terraform comes from HashiCorp\'s setup action, without the wrapper that rewrites its output', () => {
  const terraform = steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))!;
  expect(terraform.with).toMatchObject({ terraform_wrapper: false });
  // Before any npm step: npm test and npm start run the real terraform.
  expect(steps.indexOf(terraform)).toBeLessThan(steps.findIndex((s) => s.run !== undefined));
});

test('the review is posted from the file the review step writes, and the SARIF upload reads the file check writes', () => {
  const review = steps.find((s) => s.run?.includes('access -- review'))!;
  const comment = steps.find((s) => s.uses?.startsWith('marocchino/sticky-pull-request-comment@'))!;
  expect(review.run).toMatch(new RegExp(`> ${comment.with!.path as string}$`));
  const sarif = steps.find((s) => s.run?.includes('check -- --sarif'))!;
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  expect(sarif.run).toMatch(new RegExp(`> ${upload.with!.sarif_file as string}$`));
});
