import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const KIB = 1024;

/** A process's resident memory now and at its peak since the last `resetPeak`, in bytes (Linux /proc). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * KIB;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** Starts a new peak-RSS measurement for the process (writing 5 to clear_refs resets VmHWM). */
export function resetPeak(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Open file descriptors of the process. */
export function descriptorsOf(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

/**
 * Runs helpers/gateway-process.ts on a config in its own process group and resolves with its
 * URLs; `stop()` ends the group.
 */
export function startGatewayProcess(
  configFile: string,
  options: object = {},
): Promise<{ child: ChildProcess; urls: Record<string, string>; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'gateway-process.ts'), configFile, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGKILL');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, urls: (JSON.parse(out.split('\n')[0]) as { urls: Record<string, string> }).urls, stop });
    });
    child.once('exit', (code) => reject(new Error(`the gateway process exited with ${code} before listening`)));
  });
}
