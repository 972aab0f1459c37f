import { readFileSync } from 'node:fs';
import { awsCall, xmlValues } from './aws-call';

export interface RemoteState {
  bucket: string;
  key: string;
  /** S3-native locking (`use_lockfile`): Terraform writes `<key>.tflock` while it holds the lock. */
  lockKey: string;
}

/** The S3 backend the synthesized stack declares, with `encrypt` and `use_lockfile` on as the stacks require. */
export function remoteStateOf(stackFile: string): RemoteState {
  const json = JSON.parse(readFileSync(stackFile, 'utf8')) as { terraform?: { backend?: { s3?: Record<string, unknown> } } };
  const s3 = json.terraform?.backend?.s3;
  if (!s3 || typeof s3.bucket !== 'string' || typeof s3.key !== 'string') throw new Error(`${stackFile}: terraform.backend.s3 with bucket and key is missing`);
  if (s3.encrypt !== true) throw new Error(`${stackFile}: terraform.backend.s3.encrypt is not true`);
  if (s3.use_lockfile !== true) throw new Error(`${stackFile}: terraform.backend.s3.use_lockfile is not true`);
  return { bucket: s3.bucket, key: s3.key, lockKey: `${s3.key}.tflock` };
}

export interface Endpoints {
  https: string;
  http: string;
  ca: string;
}

function head(endpoints: Endpoints, bucket: string, key: string) {
  return awsCall({ endpoint: endpoints.https, ca: endpoints.ca, service: 's3', method: 'HEAD', path: `/${bucket}/${key}` });
}

/**
 * Polls for the lock object while `applying` runs: resolves with how many polls saw it. The lock must appear at
 * least once (Terraform holds it for the whole apply) and be gone once apply ends.
 */
export async function watchLock(endpoints: Endpoints, state: RemoteState, applying: Promise<unknown>): Promise<number> {
  let done = false;
  void applying.then(
    () => (done = true),
    () => (done = true),
  );
  let seen = 0;
  while (!done) {
    if ((await head(endpoints, state.bucket, state.lockKey)).status === 200) seen++;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return seen;
}

/** What the S3 backend left in the bucket once apply ended; each fact is checked by the caller. */
export interface StateObjectFacts {
  /** HEAD of the state object over TLS. */
  status: number;
  encryption: string | undefined;
  versionId: string | undefined;
  /** HEAD of the lock object after apply: 404 once Terraform released the lock. */
  lockStatus: number;
  /** GET of the state object over plain HTTP: the bucket's TLS-only Deny must refuse it (403). */
  plainHttpStatus: number;
}

export async function stateObjectFacts(endpoints: Endpoints, state: RemoteState): Promise<StateObjectFacts> {
  const object = await head(endpoints, state.bucket, state.key);
  const lock = await head(endpoints, state.bucket, state.lockKey);
  const plain = await awsCall({ endpoint: endpoints.http, service: 's3', path: `/${state.bucket}/${state.key}` });
  const header = (name: string) => {
    const value = object.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    status: object.status,
    encryption: header('x-amz-server-side-encryption'),
    versionId: header('x-amz-version-id'),
    lockStatus: lock.status,
    plainHttpStatus: plain.status,
  };
}

/** Every fact the remote-backend proof needs, as failures in words; empty when the backend behaved. */
export function remoteStateProblems(facts: StateObjectFacts, lockSeen: number): string[] {
  const problems: string[] = [];
  if (facts.status !== 200) problems.push(`the state object is not in the bucket (HEAD ${facts.status})`);
  // encrypt = true makes the backend ask for SSE-S3 on every PutObject (Terraform, "Backend Type: s3", encrypt).
  if (facts.encryption !== 'AES256') problems.push(`the state object is not encrypted with SSE-S3 (x-amz-server-side-encryption: ${facts.encryption ?? 'none'})`);
  if (!facts.versionId || facts.versionId === 'null') problems.push('the state object has no version id: the bucket is not versioned');
  if (lockSeen === 0) problems.push('the lock file never appeared during apply (use_lockfile)');
  if (facts.lockStatus !== 404) problems.push(`the lock file is still there after apply (HEAD ${facts.lockStatus})`);
  if (facts.plainHttpStatus !== 403) problems.push(`a plain-HTTP GET of the state object got ${facts.plainHttpStatus}, not 403 (TLS-only bucket policy)`);
  return problems;
}

/**
 * Deletes every object version and delete marker of a versioned bucket over TLS, as the README's "Empty" step asks
 * before `terraform destroy` of the state stack (the bucket has no force_destroy, and S3 refuses to delete a
 * non-empty bucket). Returns how many versions were deleted.
 */
export async function emptyVersionedBucket(endpoints: Endpoints, bucket: string): Promise<number> {
  const listed = await awsCall({ endpoint: endpoints.https, ca: endpoints.ca, service: 's3', path: `/${bucket}`, query: { versions: '' } });
  if (listed.status !== 200) throw new Error(`ListObjectVersions ${bucket}: HTTP ${listed.status} ${listed.body.slice(0, 200)}`);
  const entries = [...listed.body.matchAll(/<(Version|DeleteMarker)>([\s\S]*?)<\/\1>/g)].map((m) => ({
    key: xmlValues(m[2]!, 'Key')[0]!,
    versionId: xmlValues(m[2]!, 'VersionId')[0]!,
  }));
  for (const { key, versionId } of entries) {
    const deleted = await awsCall({ endpoint: endpoints.https, ca: endpoints.ca, service: 's3', method: 'DELETE', path: `/${bucket}/${key}`, query: { versionId } });
    if (deleted.status !== 204) throw new Error(`DeleteObject ${bucket}/${key} version ${versionId}: HTTP ${deleted.status}`);
  }
  return entries.length;
}
