import { runCallCommand } from '../../../client/call-command';
import { CommandIo } from '../../../client/cli';
import { runUsersCommand } from '../../../client/users-command';
import { ADMIN, StandIns } from './stand-ins';

export interface Run {
  code: number;
  out: string;
  /** All of stderr: progress lines, then the error if any. */
  err: string;
  /** The last stderr line: the error, when the command failed. */
  failure: string;
}

/** Runs `npm run users` / `npm run call` in-process against the stand-ins, and keeps everything they print. */
export function commands(standIns: () => StandIns) {
  const printed: string[] = [];
  const io = (env: Record<string, string>): { io: CommandIo; result: (code: number) => Run } => {
    const out: string[] = [];
    const err: string[] = [];
    const s = standIns();
    return {
      io: { env: { ...s.env, OFFICE_OUTPUTS_FILE: s.outputsFile, ...env }, stdout: (l) => out.push(l), stderr: (l) => err.push(l) },
      result: (code) => {
        printed.push(...out, ...err);
        return { code, out: out.join('\n'), err: err.join('\n'), failure: err.at(-1) ?? '' };
      },
    };
  };
  return {
    printed,
    async users(argv: string[], env: Record<string, string> = {}): Promise<Run> {
      const run = io(env);
      return run.result(await runUsersCommand(argv, run.io, { credentials: ADMIN }));
    },
    async call(argv: string[], env: Record<string, string> = {}, now?: () => Date): Promise<Run> {
      const run = io(env);
      return run.result(await runCallCommand(argv, run.io, { now }));
    },
  };
}

/** Nothing printed holds a password, an access key, a secret key, a session token or a JWT. */
export function expectNoSecrets(printed: string[], s: StandIns, passwords: string[]): void {
  const all = printed.join('\n');
  for (const password of passwords) expect(all).not.toContain(password);
  for (const [accessKeyId, issued] of s.keys) {
    expect(all).not.toContain(accessKeyId);
    expect(all).not.toContain(issued.secretAccessKey);
    expect(all).not.toContain(issued.sessionToken);
  }
  expect(all).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+/);
}
