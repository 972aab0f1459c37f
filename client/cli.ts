import { parseArgs, ParseArgsConfig } from 'node:util';
import { ClientError, describeError } from './errors';
import { Terminal } from './password';

/** What a command needs from the process, so tests can run it in-process. */
export interface CommandIo {
  env: Record<string, string | undefined>;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  terminal?: Terminal;
}

export function processIo(): CommandIo {
  return {
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    terminal: { input: process.stdin, output: process.stderr },
  };
}

export type ParsedArgs = {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
};

/**
 * node:util parseArgs (strict), with its errors as usage errors. No message repeats what was typed: a password typed
 * in the wrong place must not end up on the screen or in a log. parseArgs quotes an unknown option (`--Passw0rd!`),
 * so that one is named by its position instead.
 */
export function parseCommandLine(argv: string[], options: NonNullable<ParseArgsConfig['options']>, usage: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const at = unknownOptionIndex(argv, options);
      const which = at === undefined ? 'an argument' : `argument ${at + 1}`;
      throw new ClientError('usage', `${which} is not an option of this command (not repeated here, in case it is a secret)\n${usage}`);
    }
    // The other parseArgs errors name only this command's own options ("Option '--user <value>' argument missing").
    throw new ClientError('usage', `${(error as Error).message}\n${usage}`);
  }
}

/** Where the first option parseArgs does not know is, counting from 0; options after `--` are positionals. */
function unknownOptionIndex(argv: string[], options: NonNullable<ParseArgsConfig['options']>): number | undefined {
  const shorts = new Set(Object.values(options).flatMap((o) => (o.short ? [o.short] : [])));
  for (const [index, arg] of argv.entries()) {
    if (arg === '--') return undefined;
    if (arg.startsWith('--')) {
      if (!Object.hasOwn(options, arg.slice(2).split('=')[0]!)) return index;
    } else if (arg.startsWith('-') && arg.length > 1 && !shorts.has(arg[1]!)) {
      return index;
    }
  }
  return undefined;
}

/** A usage error for positional arguments a command does not take; says how many, never what they are. */
export function unexpectedArguments(positionals: string[], usage: string): ClientError {
  const count = positionals.length === 1 ? 'an unexpected argument' : `${positionals.length} unexpected arguments`;
  return new ClientError('usage', `${count} (not repeated here, in case one is a secret)\n${usage}`);
}

/** One string option, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Runs a command body; any error is printed in plain words with its step, and becomes exit code 1 (2 for usage). */
export async function runCommand(name: string, io: CommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const step = error instanceof ClientError ? error.step : 'unexpected';
    io.stderr(`[${name}] ${step === 'usage' ? 'usage' : `${step} failed`}: ${describeError(error)}`);
    return step === 'usage' ? 2 : 1;
  }
}
