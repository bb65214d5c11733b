import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PackageError } from './errors';

const run = promisify(execFile);

/** The uv binary: the given path, then `$UV`, then `uv` on the PATH. */
export function uvCommand(explicit?: string): string {
  return explicit ?? process.env.UV ?? 'uv';
}

/** `uv --version`'s version, e.g. `0.13.9`; part of the dependency cache key. */
export async function uvVersion(uv: string): Promise<string> {
  try {
    const { stdout } = await run(uv, ['--version']);
    return stdout.trim().split(/\s+/)[1] ?? stdout.trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new PackageError(
        `uv was not found (looked for "${uv}"); packaging an agent installs its dependencies with uv: ` + 'install it (`pip install uv`) or set UV to its path',
      );
    }
    throw new PackageError(`"${uv} --version" failed: ${(e as Error).message}`);
  }
}

/** One `uv pip install --target` into an empty folder. */
export interface UvInstall {
  readonly uv: string;
  readonly requirementsFile: string;
  readonly target: string;
  readonly pythonVersion: string;
  /** uv's `--python-platform`; the machine's own platform when absent. */
  readonly pythonPlatform?: string;
  /** How the user knows the requirements (their pyproject.toml), for messages. */
  readonly source: string;
}

/**
 * Installs wheels only (AgentCore Runtime builds nothing, and a source build here would compile for
 * this machine). A requirement without a usable wheel is refused by name.
 */
export async function uvInstall(req: UvInstall): Promise<void> {
  const args = ['pip', 'install', '--quiet', '--only-binary', ':all:'];
  args.push('--python-version', req.pythonVersion, '--target', req.target, '-r', req.requirementsFile);
  if (req.pythonPlatform) args.push('--python-platform', req.pythonPlatform);
  try {
    // Run from the target folder: no project's uv settings are picked up, the user's own (index, certificates) are.
    await run(req.uv, args, { cwd: req.target, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message);
    const platform = `${req.pythonPlatform ?? 'this machine'}, Python ${req.pythonVersion}`;
    const noWheel = packagesWithoutWheel(stderr);
    if (noWheel.length > 0) {
      throw new PackageError(
        `no wheel for ${platform}: ${noWheel.map((n) => `"${n}"`).join(', ')} (required through ${req.source}); ` +
          'AgentCore Runtime installs nothing from source, so choose a version or a replacement that publishes ' +
          'a manylinux aarch64 or pure-Python wheel',
      );
    }
    throw new PackageError(`uv could not install the dependencies of ${req.source} for ${platform}:\n${uvErrorLines(stderr)}`);
  }
}

/** Names uv gives when resolution failed for want of a wheel. */
function packagesWithoutWheel(stderr: string): string[] {
  const names = new Set<string>();
  for (const m of stderr.matchAll(/Wheels are required for `([^`]+)`/g)) names.add(m[1]!);
  if (names.size === 0) {
    for (const m of stderr.matchAll(/(?:versions of |Because )([A-Za-z0-9._-]+)\S* (?:has|have) no usable wheels/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

/** uv's error without its warnings (e.g. deprecated variables of the user's environment). */
function uvErrorLines(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('warning:') && !l.startsWith('Using CPython'))
    .join('\n');
}
