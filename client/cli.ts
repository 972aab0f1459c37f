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

/** node:util parseArgs (strict), with its errors as usage errors. */
export function parseCommandLine(argv: string[], options: NonNullable<ParseArgsConfig['options']>, usage: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    throw new ClientError('usage', `${(error as Error).message}\n${usage}`);
  }
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
