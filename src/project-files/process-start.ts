import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

/*
 * A pid alone does not name a process: once a process ends, the system hands its pid to the
 * next one. The pid plus the moment the process started does. A lock records both, so that a
 * lock left by a killed process is not kept alive by an unrelated process that got its pid.
 */

/**
 * When process `pid` started, as an opaque text that stays the same for the life of the process
 * and differs for a later process with the same pid; undefined when the system cannot tell.
 */
export function processStart(pid: number): string | undefined {
  return process.platform === 'linux' ? linuxStart(pid) : psStart(pid);
}

/** When process `pid` started, in milliseconds since the epoch; undefined when the system cannot tell. */
export function processStartedAt(pid: number): number | undefined {
  if (process.platform !== 'linux') return undefined;
  const ticks = startTicks(pid);
  const boot = bootTime();
  // /proc counts in USER_HZ, which is 100 per second on every architecture Node runs on.
  return ticks === undefined || boot === undefined ? undefined : boot * 1000 + ticks * 10;
}

/** The boot id makes the start in ticks since boot unique across reboots. */
function linuxStart(pid: number): string | undefined {
  const ticks = startTicks(pid);
  return ticks === undefined ? undefined : `${bootId() ?? 'boot'}:${ticks}`;
}

/** Field 22 of `/proc/<pid>/stat`: the start, in clock ticks since boot. */
function startTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name, is in parentheses and may hold spaces and ')'; count after the last one.
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
    return ticks && /^\d+$/.test(ticks) ? Number(ticks) : undefined;
  } catch {
    return undefined;
  }
}

/** The `btime` line of /proc/stat: when the system booted, in seconds since the epoch. */
function bootTime(): number | undefined {
  try {
    const line = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    return line ? Number(line[1]) : undefined;
  } catch {
    return undefined;
  }
}

let cachedBootId: string | null | undefined;

function bootId(): string | undefined {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId ?? undefined;
}

/** Elsewhere (macOS, the BSDs) `ps` prints the start time of a process. */
function psStart(pid: number): string | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}
