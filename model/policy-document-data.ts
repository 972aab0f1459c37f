import type { Resolver } from './resolver';
import { isObject, type RawBlock, type Value, type ValueObject } from './source';
import { Unreadable } from './unreadable';
import { blockList, stringList } from './values';

/**
 * `data.aws_iam_policy_document.X.json`, computed from the block's own arguments as the provider does (Terraform
 * AWS provider docs, "Data Source: aws_iam_policy_document"): statements of `source_policy_documents` first, this
 * block's statements replacing any with the same `sid`, then `override_policy_documents` replacing by `sid` (or
 * appended when they have none). `&{...}` is the provider's spelling of an IAM policy variable `${...}`.
 */
export function policyDocumentJson(block: RawBlock, resolver: Resolver): string {
  const at = (field: string) => ({ address: block.address, field });
  const read = (field: string): Value | undefined =>
    block.body[field] === undefined ? undefined : resolver.resolve(block.body[field] as Value, at(field));

  const statements: ValueObject[] = [];
  const put = (statement: ValueObject): void => {
    const sid = statement.Sid;
    const same = typeof sid === 'string' && sid !== '' ? statements.findIndex((s) => s.Sid === sid) : -1;
    if (same >= 0) statements[same] = statement;
    else statements.push(statement);
  };
  const parsed = (field: string): ValueObject[] =>
    stringList(read(field), block.address, field).flatMap((text, i) => {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (error) {
        throw new Unreadable(block.address, `${field}[${i}]`, `not valid JSON: ${(error as Error).message}`);
      }
      const list = isObject(doc) ? doc.Statement : undefined;
      const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
      return items.map((item, j) => {
        if (!isObject(item)) throw new Unreadable(block.address, `${field}[${i}].Statement[${j}]`, 'expected an object');
        return item;
      });
    });

  for (const statement of parsed('source_policy_documents')) put(statement);
  blockList(read('statement'), block.address, 'statement').forEach((raw, i) => put(statementJson(raw, block.address, `statement[${i}]`)));
  for (const statement of parsed('override_policy_documents')) put(statement);

  const version = read('version');
  const id = read('policy_id');
  const doc: ValueObject = { Version: typeof version === 'string' ? version : '2012-10-17' };
  if (typeof id === 'string') doc.Id = id;
  doc.Statement = statements;
  return JSON.stringify(doc).replace(/&\{/g, '${');
}

function statementJson(raw: ValueObject, address: string, field: string): ValueObject {
  const out: ValueObject = {};
  if (typeof raw.sid === 'string' && raw.sid !== '') out.Sid = raw.sid;
  const effect = raw.effect ?? 'Allow';
  if (effect !== 'Allow' && effect !== 'Deny') throw new Unreadable(address, `${field}.effect`, `expected Allow or Deny, got ${JSON.stringify(effect)}`);
  out.Effect = effect;
  const copy = (from: string, to: string) => {
    if (raw[from] !== undefined) out[to] = stringList(raw[from], address, `${field}.${from}`);
  };
  copy('actions', 'Action');
  copy('not_actions', 'NotAction');
  copy('resources', 'Resource');
  copy('not_resources', 'NotResource');
  for (const [from, to] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
    const blocks = blockList(raw[from], address, `${field}.${from}`);
    if (blocks.length === 0) continue;
    const principal: Record<string, string[]> = {};
    let everyone = false;
    blocks.forEach((p, i) => {
      const type = p.type;
      if (typeof type !== 'string') throw new Unreadable(address, `${field}.${from}[${i}].type`, 'expected AWS, Service, Federated, CanonicalUser or *');
      const ids = stringList(p.identifiers, address, `${field}.${from}[${i}].identifiers`);
      if (type === '*') everyone = true;
      else principal[type] = [...(principal[type] ?? []), ...ids];
    });
    out[to] = everyone && Object.keys(principal).length === 0 ? '*' : principal;
  }
  const conditions = blockList(raw.condition, address, `${field}.condition`);
  if (conditions.length > 0) {
    const condition: Record<string, Record<string, string[]>> = {};
    conditions.forEach((c, i) => {
      if (typeof c.test !== 'string' || typeof c.variable !== 'string') {
        throw new Unreadable(address, `${field}.condition[${i}]`, 'needs test and variable');
      }
      const byKey = (condition[c.test] ??= {});
      byKey[c.variable] = [...(byKey[c.variable] ?? []), ...stringList(c.values, address, `${field}.condition[${i}].values`)];
    });
    out.Condition = condition;
  }
  return out;
}
