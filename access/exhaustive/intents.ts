import { ACCOUNT_ID } from '../../model/stand-ins';
import { appGroups } from '../../stacks/apps-config';
import { productImagesBucketName } from '../../stacks/marketplace-config';
import { LEADING_KEY_ACTIONS, READ_ACTIONS, rowsTableName } from '../../stacks/rows-config';
import type { ActionIntent, ActionProbe, Configs, HttpIntent, Intent } from './intent';

/** Each simulated stack's intent, by stack name (the folders under cdktf.out/stacks/). */
export function intentsFrom(configs: Configs): Map<string, Intent> {
  return new Map<string, Intent>([
    ['office', officeIntent(configs)],
    ['marketplace', marketplaceIntent(configs)],
    ['rows', rowsIntent(configs)],
    ['apps', appsIntent(configs)],
  ]);
}

/** The office app: each group may call exactly its `routes` on the config's stage (stacks/config.ts). */
function officeIntent({ office }: Configs): HttpIntent {
  return {
    kind: 'http',
    stack: 'office',
    source: 'stacks/config.ts',
    stage: office.api.stage,
    groups: office.groups.map((group) => ({
      name: group.name,
      precedence: group.precedence,
      routes: group.routes.map((key) => {
        const space = key.indexOf(' ');
        return { method: key.slice(0, space), path: key.slice(space + 1) };
      }),
    })),
  };
}

/** The apps stack: group `<app>-<role>` may call that role's routes under `/<app>` (stacks/apps-config.ts appGroups). */
function appsIntent({ apps }: Configs): HttpIntent {
  return {
    kind: 'http',
    stack: 'apps',
    source: 'stacks/apps-config.ts',
    stage: apps.api.stage,
    groups: appGroups(apps).map((group) => ({ name: group.name, precedence: group.precedence, routes: group.routes })),
  };
}

const UNDECLARED_PREFIX = 'undeclared/';

/**
 * The marketplace bucket (stacks/marketplace-config.ts): a group with `ownPrefix` P may Put, Get and Delete objects
 * under `P<own identity id>/` and list that folder; `readPrefixes` may be read (GetObject). Everything else, for
 * everyone: nothing. Probed on each declared prefix, another user's folder, the per-user area itself and an
 * undeclared prefix.
 */
function marketplaceIntent({ marketplace }: Configs): ActionIntent {
  const bucket = `arn:aws:s3:::${productImagesBucketName(marketplace)}`;
  const groups = marketplace.groups;
  const owners = (prefix: string) => groups.filter((g) => g.bucket.ownPrefix === prefix).map((g) => g.name);
  const readers = (key: string) => groups.filter((g) => g.bucket.readPrefixes.some((p) => key.startsWith(p))).map((g) => g.name);
  const probes: ActionProbe[] = [];
  const objectProbes = (key: string, own: string[], ownWhy: string) => {
    for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
      const read = action === 's3:GetObject' ? readers(key) : [];
      const allowedFor = [...new Set([...own, ...read])];
      const why = own.length > 0 ? ownWhy : read.length > 0 ? 'bucket.readPrefixes (GetObject only)' : 'no group is granted this key';
      probes.push({ id: `${action.slice(3)} ${key}`, action, resource: `${bucket}/${key}`, context: {}, allowedFor, why });
    }
  };
  const listProbe = (prefix: string, allowedFor: string[], why: string) =>
    probes.push({ id: `ListBucket ${prefix}`, action: 's3:ListBucket', resource: bucket, context: { 's3:prefix': [prefix] }, allowedFor, why });

  const ownPrefixes = [...new Set(groups.flatMap((g) => (g.bucket.ownPrefix === undefined ? [] : [g.bucket.ownPrefix])))];
  for (const prefix of ownPrefixes) {
    objectProbes(`${prefix}{self}/image.png`, owners(prefix), `bucket.ownPrefix "${prefix}"`);
    objectProbes(`${prefix}{other}/image.png`, [], '');
    objectProbes(`${prefix}image.png`, [], '');
    listProbe(`${prefix}{self}/`, owners(prefix), `bucket.ownPrefix "${prefix}" (its own folder only)`);
    listProbe(`${prefix}{other}/`, [], 'no group may list another member\'s folder');
    listProbe(prefix, [], 'no group may list the whole per-user area');
  }
  for (const prefix of [...new Set(groups.flatMap((g) => g.bucket.readPrefixes))]) {
    objectProbes(`${prefix}image.png`, [], '');
    listProbe(prefix, [], 'readPrefixes grant GetObject only');
  }
  objectProbes(`${UNDECLARED_PREFIX}image.png`, [], '');
  listProbe('', [], 'no group may list the bucket');
  return { kind: 'action', stack: 'marketplace', source: 'stacks/marketplace-config.ts', groups, probes };
}

/**
 * The rows table (stacks/rows-config.ts): an `own-rows` group may use its `actions` only when every partition key
 * the request touches (dynamodb:LeadingKeys) is its own identity id; a `read-all` group may use its `actions` on
 * any row. Probed with every action either access kind allows plus a table-level write, on the caller's own key,
 * another user's, both, and (for actions without LeadingKeys) none.
 */
function rowsIntent({ rows }: Configs): ActionIntent {
  const table = `arn:aws:dynamodb:${rows.region}:${ACCOUNT_ID}:table/${rowsTableName(rows)}`;
  const actions = [...new Set<string>([...LEADING_KEY_ACTIONS, ...READ_ACTIONS, ...rows.groups.flatMap((g) => g.actions), 'dynamodb:DeleteTable'])];
  const keyed = new Set<string>(LEADING_KEY_ACTIONS);
  const probes: ActionProbe[] = [];
  for (const action of actions) {
    const variants: Array<[string, string[] | undefined]> = keyed.has(action)
      ? [['own key', ['{self}']], ["another user's key", ['{other}']], ['own and another key', ['{self}', '{other}']]]
      : [['no key', undefined]];
    for (const [label, keys] of variants) {
      const allowedFor = rows.groups
        .filter((g) => g.actions.includes(action) && (g.access === 'read-all' || (keys !== undefined && keys.every((k) => k === '{self}'))))
        .map((g) => g.name);
      const why = allowedFor.length > 0 ? `groups[].actions with access ${rows.groups.find((g) => g.name === allowedFor[0])!.access}` : 'no group is granted this';
      probes.push({
        id: `${action.slice('dynamodb:'.length)} ${label}`,
        action,
        resource: table,
        context: keys ? { 'dynamodb:LeadingKeys': keys } : {},
        allowedFor,
        why,
      });
    }
  }
  return { kind: 'action', stack: 'rows', source: 'stacks/rows-config.ts', groups: rows.groups, probes };
}

/** The configs this source tree declares. */
export async function projectConfigs(): Promise<Configs> {
  const [{ officeConfig }, { appsConfig }, { marketplaceConfig }, { rowsConfig }] = await Promise.all([
    import('../../stacks/config'),
    import('../../stacks/apps-config'),
    import('../../stacks/marketplace-config'),
    import('../../stacks/rows-config'),
  ]);
  return { office: officeConfig, apps: appsConfig, marketplace: marketplaceConfig, rows: rowsConfig };
}
