import { accessSync, constants, statfsSync } from 'node:fs';

/** A run uses about 50 MB of scratch at its peak; RAM is used only with a wide margin over that. */
const MIN_RAM_SCRATCH_BYTES = 512 * 1024 * 1024;

/**
 * Where the run's folder goes: /dev/shm (RAM, on Linux) when it is writable and has room, else the system temp dir.
 * The tests create and delete thousands of small files (git worktrees, project copies, Terraform working folders);
 * on the 2-core machine's disk (ext4 mounted with `discard`) that cost about 4 s of system time per run. A container
 * with Docker's default 64 MB /dev/shm falls back to the temp dir.
 */
export function scratchBase(systemTemp: string, ram = '/dev/shm'): string {
  try {
    accessSync(ram, constants.W_OK);
    const { bavail, bsize } = statfsSync(ram);
    return bavail * bsize >= MIN_RAM_SCRATCH_BYTES ? ram : systemTemp;
  } catch {
    return systemTemp;
  }
}
