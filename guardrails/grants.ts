import { isReadOnly, type IamCatalogue } from './iam-catalogue';
import type { PolicyStatement } from './statements';

/**
 * The actions of an Allow statement that are not read-only (access level other than Read/List), as far as the
 * catalogue knows; `*` and `NotAction` count as write. Unknown actions are left to IAM-007.
 */
export function writeActions(statement: PolicyStatement, catalogue: IamCatalogue): string[] {
  if (statement.notAction) return [`NotAction ${statement.actions.join(', ')} (every other action)`];
  const out: string[] = [];
  for (const action of statement.actions) {
    if (action === '*') {
      out.push(action);
      continue;
    }
    const matched = catalogue.expand(action);
    if (matched === undefined) {
      out.push(action);
      continue;
    }
    const writes = matched.filter((info) => !isReadOnly(info.accessLevel));
    if (writes.length === 0) continue;
    if (/[*?]/.test(action)) out.push(`${action} (${writes.length} write actions, e.g. ${writes[0]?.id})`);
    else out.push(writes[0]?.id ?? action);
  }
  return out;
}

/** Whether every write action listed is one AWS supports only with `"Resource": "*"`. */
export function onlyWildcardResourceActions(statement: PolicyStatement, catalogue: IamCatalogue): boolean {
  if (statement.notAction) return false;
  return statement.actions.every((action) => {
    const matched = catalogue.expand(action);
    return matched !== undefined && matched.length > 0 && matched.every((info) => isReadOnly(info.accessLevel) || info.wildcardOnly);
  });
}
