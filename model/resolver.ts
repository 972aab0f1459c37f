import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPUTED, DATA, type ComputeContext } from './computed';
import { ExpressionError, parseTemplate, type Expr } from './expression';
import { policyDocumentJson } from './policy-document-data';
import { isObject, type RawBlock, type StackSource, type Value, type ValueObject } from './source';
import { Unreadable } from './unreadable';

/** Where a value sits, for errors: the block's address and the field inside it. */
export interface At {
  address: string;
  field: string;
}

/** References that never name a block of this stack. */
const NOT_BLOCKS = new Set(['var', 'local', 'module', 'path', 'each', 'count', 'self', 'terraform']);

/**
 * Resolves values the way Terraform would at apply: references to other blocks, a handful of pure functions, and
 * `data.aws_iam_policy_document` from its own arguments. Values AWS assigns get stable stand-ins in a synth (state
 * has the real ones). Whatever cannot be known offline is an Unreadable naming the block and field.
 */
export class Resolver {
  private readonly byAddress = new Map<string, RawBlock>();
  private readonly cache = new Map<string, Value>();
  private readonly resolving = new Set<string>();
  private readonly templates = new Map<string, Expr>();

  constructor(readonly source: StackSource) {
    for (const block of source.blocks) this.byAddress.set(block.address, block);
  }

  block(address: string): RawBlock | undefined {
    return this.byAddress.get(address);
  }

  /** A block's attribute: its resolved argument when configured, else the value AWS assigns. */
  attr(block: RawBlock, name: string): Value {
    const key = `${block.address}.${name}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    if (this.resolving.has(key)) throw new Unreadable(block.address, name, 'the value refers to itself');
    this.resolving.add(key);
    try {
      let value: Value;
      if (name in block.body && block.body[name] !== null) value = this.resolve(block.body[name] as Value, { address: block.address, field: name });
      else value = this.assigned(block, name);
      this.cache.set(key, value);
      return value;
    } finally {
      this.resolving.delete(key);
    }
  }

  /** The attribute as a string, or undefined when the configuration leaves it out and AWS assigns nothing. */
  optionalString(block: RawBlock, name: string): string | undefined {
    if (!(name in block.body) || block.body[name] === null) {
      if (!this.hasAssigned(block, name)) return undefined;
    }
    return this.string(block, name);
  }

  string(block: RawBlock, name: string): string {
    const value = this.attr(block, name);
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new Unreadable(block.address, name, `expected a string, got ${JSON.stringify(value)}`);
  }

  /** Deeply resolves every template inside a configuration value. */
  resolve(value: Value, at: At): Value {
    if (typeof value === 'string') {
      if (!value.includes('{')) return value;
      return this.evaluate(this.parse(value, at), at);
    }
    if (Array.isArray(value)) return value.map((item, i) => this.resolve(item, { ...at, field: `${at.field}[${i}]` }));
    if (isObject(value)) {
      const out: ValueObject = {};
      for (const [key, item] of Object.entries(value)) {
        if (key !== '//') out[key] = this.resolve(item, { ...at, field: `${at.field}.${key}` });
      }
      return out;
    }
    return value;
  }

  private parse(text: string, at: At): Expr {
    let expr = this.templates.get(text);
    if (!expr) {
      try {
        expr = parseTemplate(text);
      } catch (error) {
        throw new Unreadable(at.address, at.field, `${(error as Error).message} in ${JSON.stringify(text)}`);
      }
      this.templates.set(text, expr);
    }
    return expr;
  }

  private hasAssigned(block: RawBlock, name: string): boolean {
    if (this.source.kind === 'state') return false;
    const table = block.mode === 'data' ? DATA : COMPUTED;
    if (block.mode === 'data' && block.type === 'aws_iam_policy_document') return name === 'json' || name === 'minified_json';
    return table[block.type]?.(this.computeContext(block))[name] !== undefined;
  }

  private assigned(block: RawBlock, name: string): Value {
    if (block.mode === 'data' && block.type === 'aws_iam_policy_document' && (name === 'json' || name === 'minified_json')) {
      return policyDocumentJson(block, this);
    }
    if (this.source.kind === 'synth') {
      const table = block.mode === 'data' ? DATA : COMPUTED;
      const computed = table[block.type]?.(this.computeContext(block))[name];
      if (computed) return computed();
    }
    throw new Unreadable(block.address, name, `not set in the ${this.source.kind === 'state' ? 'state' : 'configuration'} and not known offline for ${block.type}`);
  }

  private computeContext(block: RawBlock): ComputeContext {
    return {
      address: block.address,
      region: this.source.region,
      attr: (name) => this.string(block, name),
      optional: (name) => (name in block.body && block.body[name] !== null ? this.string(block, name) : undefined),
    };
  }

  evaluate(expr: Expr, at: At): Value {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'template':
        return expr.parts
          .map((part) => {
            if (typeof part === 'string') return part;
            const value = this.evaluate(part, at);
            if (typeof value === 'string') return value;
            if (typeof value === 'number' || typeof value === 'boolean') return String(value);
            throw new Unreadable(at.address, at.field, `cannot interpolate ${value === null ? 'null' : 'a list or object'} into a string`);
          })
          .join('');
      case 'tuple':
        return expr.items.map((item) => this.evaluate(item, at));
      case 'object':
        return Object.fromEntries(expr.entries.map(([key, item]) => [key, this.evaluate(item, at)]));
      case 'reference':
        return this.reference(expr, at);
      case 'call':
        return this.call(expr.name, expr.args.map((arg) => this.evaluate(arg, at)), at);
    }
  }

  private reference(expr: Extract<Expr, { kind: 'reference' }>, at: At): Value {
    const text = [expr.root, ...expr.steps.map((s) => (typeof s === 'number' ? `[${s}]` : s))].join('.');
    if (NOT_BLOCKS.has(expr.root)) throw new Unreadable(at.address, at.field, `\${${text}}: ${expr.root}.* is not known offline`);
    const isData = expr.root === 'data';
    const [type, name, attribute, ...rest] = (isData ? expr.steps : [expr.root, ...expr.steps]) as Array<string | number | undefined>;
    if (typeof type !== 'string' || typeof name !== 'string' || typeof attribute !== 'string') {
      throw new Unreadable(at.address, at.field, `\${${text}}: expected TYPE.NAME.ATTRIBUTE`);
    }
    const address = isData ? `data.${type}.${name}` : `${type}.${name}`;
    const block = this.byAddress.get(address);
    if (!block) throw new Unreadable(at.address, at.field, `\${${text}}: no ${address} in stack ${this.source.name}`);
    let value = this.attr(block, attribute);
    for (const step of rest) {
      // A nested block may be written as one object or as a list of them.
      if (typeof step === 'number' && isObject(value) && step === 0) continue;
      const next: Value | undefined =
        typeof step === 'number' ? (Array.isArray(value) ? value[step] : undefined) : isObject(value) ? value[step as string] : undefined;
      if (next === undefined) throw new Unreadable(at.address, at.field, `\${${text}}: ${address} has no ${String(step)} there`);
      value = next;
    }
    return value;
  }

  private call(name: string, args: Value[], at: At): Value {
    const fail = (reason: string): never => {
      throw new Unreadable(at.address, at.field, `${name}(): ${reason}`);
    };
    const one = (): Value => (args.length === 1 ? (args[0] as Value) : fail('expected one argument'));
    const text = (value: Value): string => (typeof value === 'string' ? value : fail('expected a string argument'));
    const list = (value: Value): Value[] => (Array.isArray(value) ? value : fail('expected a list argument'));
    const file = (path: Value): Buffer => {
      try {
        return readFileSync(join(this.source.dir, text(path)));
      } catch (error) {
        return fail((error as Error).message);
      }
    };
    switch (name) {
      case 'jsonencode':
        return JSON.stringify(one());
      case 'jsondecode':
        try {
          return JSON.parse(text(one())) as Value;
        } catch (error) {
          return fail((error as Error).message);
        }
      case 'tostring': {
        const value = one();
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : fail('expected a primitive');
      }
      case 'tonumber': {
        const value = Number(one());
        return Number.isFinite(value) ? value : fail('not a number');
      }
      case 'tobool': {
        const value = one();
        return value === true || value === 'true' ? true : value === false || value === 'false' ? false : fail('not a bool');
      }
      case 'tolist':
      case 'toset':
        return list(one());
      case 'lower':
        return text(one()).toLowerCase();
      case 'upper':
        return text(one()).toUpperCase();
      case 'trimspace':
        return text(one()).trim();
      case 'join':
        return args.length === 2 ? list(args[1] as Value).map(text).join(text(args[0] as Value)) : fail('expected a separator and a list');
      case 'concat':
        return args.flatMap(list);
      case 'split':
        return args.length === 2 ? text(args[1] as Value).split(text(args[0] as Value)) : fail('expected a separator and a string');
      case 'element': {
        // Terraform wraps the index around the list's length.
        const items = args.length === 2 ? list(args[0] as Value) : fail('expected a list and an index');
        const index = Number(args[1]);
        return items.length > 0 && Number.isInteger(index) && index >= 0 ? (items[index % items.length] as Value) : fail('expected a non-empty list and a whole index');
      }
      case 'file':
        return file(one()).toString('utf8');
      case 'filebase64sha256':
        return createHash('sha256').update(file(one())).digest('base64');
      case 'filesha256':
        return createHash('sha256').update(file(one())).digest('hex');
      default:
        return fail('this function is not evaluated offline');
    }
  }
}

export { ExpressionError };
