/**
 * Where a construct is declared in the project's code, found from its construct path (cdktf writes it into each
 * resource's `//` metadata, e.g. `office/user-pool/group-Admin`): the `new Something(scope, 'id', …)` calls under
 * stacks/ are indexed by their id, literal or template (`group-${name}` matches `group-Admin`), and the deepest path
 * segment that exactly one call can have made names the file and line. Ambiguous or unmatched paths stay unknown.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SourceLine {
  /** Relative to the project root, with forward slashes. */
  file: string;
  line: number;
  /** The construct path up to the segment this call declares: the resource's own construct or one containing it. */
  construct: string;
}

interface Declaration {
  file: string;
  line: number;
  id: RegExp;
}

const NEW_CONSTRUCT = /new\s+[A-Z][\w.]*\(\s*[a-z]\w*\s*,\s*(['`])((?:(?!\1).)+)\1/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

function idPattern(quote: string, id: string): RegExp {
  const parts = quote === '`' ? id.split(/\$\{[^}]*\}/) : [id];
  return new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
}

export function declarationsIn(root: string, dir = 'stacks'): Declaration[] {
  const declarations: Declaration[] = [];
  for (const path of tsFiles(join(root, dir))) {
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(NEW_CONSTRUCT)) {
      declarations.push({
        file: relative(root, path).split('\\').join('/'),
        line: text.slice(0, match.index).split('\n').length,
        id: idPattern(match[1]!, match[2]!),
      });
    }
  }
  return declarations;
}

/** The declaration of the construct at `constructPath`, when exactly one call can have made its deepest segment. */
export function constructSource(constructPath: string, declarations: readonly Declaration[]): SourceLine | undefined {
  const segments = constructPath.split('/');
  for (let depth = segments.length; depth > 1; depth--) {
    const found = declarations.filter((d) => d.id.test(segments[depth - 1]!));
    if (found.length === 1) return { file: found[0]!.file, line: found[0]!.line, construct: segments.slice(0, depth).join('/') };
  }
  return undefined;
}
