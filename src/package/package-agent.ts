import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_PATH, DEPENDENCY_CACHE_DIR, PACKAGE_DIR } from '../project-files/paths';
import { loadProjectConfig } from '../project-files/project-config';
import { cachedDependencies, type CachedDependencies } from './dependency-cache';
import { PackageError } from './errors';
import { readRequirements } from './requirements';
import { DEFAULT_PYTHON_RUNTIME, PYTHON_RUNTIMES, pythonVersionOf, RUNTIME_PYTHON_PLATFORM, type PackagePlatform, type PythonRuntime } from './runtime';
import { checkSize, RUNTIME_SIZE_LIMITS, type SizeLimits } from './size-limits';
import { forgetZipInputs, hashInputs, recordZipInputs, unchangedZip, type ZipOutput } from './package-manifest';
import { listSourceFiles, type SourceFile } from './source-files';
import { uvCommand } from './uv';
import { writeZip } from './write-zip';
import { byPath, deflateEntry, type ZipEntry } from './zip-entry';

/** Options of {@link packageAgent}. */
export interface PackageAgentOptions {
  /** The project root: the folder of `.projenrc.ts` and `agentcore/agentcore.json`. */
  readonly projectDir: string;
  /** The agent's name in the model. */
  readonly agent: string;
  /** The Python of the runtime the package is for. @default - the agent's `pythonVersion` in the model ('PYTHON_3_12' unless it says) */
  readonly runtime?: PythonRuntime;
  /**
   * Where to write the zip; `<outFile>.inputs.json` beside it records what it was made from, so an
   * unchanged agent keeps it. @default `agentcore/.deploy/package/<agent>.zip` in the project
   */
  readonly outFile?: string;
  /** Where installed dependencies are kept between runs. @default `agentcore/.deploy/cache/dependencies/` in the project */
  readonly cacheDir?: string;
  /** The uv binary. @default `$UV`, then `uv` on the PATH */
  readonly uv?: string;
  /**
   * `host` installs wheels for this machine instead of AgentCore Runtime's Linux ARM64, so the
   * package can be run locally (tests do). @default 'agentcore-runtime'
   */
  readonly platform?: PackagePlatform;
  /** The largest package accepted. @default the service quotas: 250 MB zipped, 750 MB unzipped */
  readonly limits?: SizeLimits;
}

/** A packaged agent. */
export interface AgentPackage {
  readonly agent: string;
  readonly zipFile: string;
  /** SHA-256 of the zip, hex: equal hashes mean nothing changed. */
  readonly sha256: string;
  readonly zippedBytes: number;
  readonly unzippedBytes: number;
  /** Number of files in the zip. */
  readonly files: number;
  readonly runtime: PythonRuntime;
  /** uv's `--python-platform` the dependencies were installed for (`host` for this machine). */
  readonly pythonPlatform: string;
  /** Whether uv installed the dependencies in this call, they came from the cache, or there are none. */
  readonly dependencies: CachedDependencies['origin'];
  /** Key of the dependency cache entry used. */
  readonly dependencyKey: string;
}

/**
 * Packages one agent for AgentCore Runtime's direct code deployment (CodeZip): its code (minus local
 * environments, caches and git-ignored files) and its `pyproject.toml` dependencies installed as
 * wheels for Linux ARM64 and the runtime's Python, in one zip whose bytes depend only on its content.
 */
export async function packageAgent(options: PackageAgentOptions): Promise<AgentPackage> {
  const projectDir = path.resolve(options.projectDir);
  if (options.runtime !== undefined && !PYTHON_RUNTIMES.includes(options.runtime)) {
    throw new PackageError(`runtime "${options.runtime}" is not a Python runtime of AgentCore Runtime; use one of ${PYTHON_RUNTIMES.join(', ')}`);
  }
  const config = loadProjectConfig(projectDir);
  const agent = config.runtimes.find((r) => r.name === options.agent);
  if (!agent) {
    const known = config.runtimes.map((r) => r.name).join(', ') || 'none';
    throw new PackageError(`agent "${options.agent}" is not in ${CONFIG_PATH} (agents: ${known}); add it with project.addAgent() and run \`npx projen\``);
  }
  // The model's Python for the agent (its `pythonVersion`), unless the caller asks for another.
  const runtime = options.runtime ?? agent.pythonRuntime ?? DEFAULT_PYTHON_RUNTIME;
  const agentDir = path.join(projectDir, agent.codeLocation);
  const pyproject = `${agent.codeLocation}/pyproject.toml`;
  const requirements = readRequirements(path.join(agentDir, 'pyproject.toml'), pyproject);
  const pythonPlatform = (options.platform ?? 'agentcore-runtime') === 'host' ? undefined : RUNTIME_PYTHON_PLATFORM;

  const sources = listSourceFiles(projectDir, agentDir);
  const deps = await cachedDependencies(options.cacheDir ?? path.join(projectDir, DEPENDENCY_CACHE_DIR), {
    requirements,
    pythonVersion: pythonVersionOf(runtime),
    pythonPlatform,
    uv: uvCommand(options.uv),
    source: pyproject,
  });
  refuseCollisions(agent.codeLocation, sources, deps);

  const limits = options.limits ?? RUNTIME_SIZE_LIMITS;
  const files = sources.map((s) => ({ ...s, data: fs.readFileSync(s.absolutePath) }));
  const unzipped = files.reduce((n, f) => n + f.data.length, 0) + deps.entries.reduce((n, e) => n + e.size, 0);
  checkSize(options.agent, { unzipped }, limits);

  const zipFile = path.resolve(options.outFile ?? path.join(projectDir, PACKAGE_DIR, `${options.agent}.zip`));
  const made = (out: ZipOutput): AgentPackage => ({
    agent: options.agent,
    zipFile,
    sha256: out.sha256,
    zippedBytes: out.zippedBytes,
    unzippedBytes: unzipped,
    files: out.files,
    runtime,
    pythonPlatform: pythonPlatform ?? 'host',
    dependencies: deps.origin,
    dependencyKey: deps.key,
  });
  // The same inputs make the same bytes: a zip made from them before is used as it is.
  const inputs = hashInputs({ sources: files, dependencyKey: deps.key, runtime, pythonPlatform: pythonPlatform ?? 'host' });
  const unchanged = unchangedZip(zipFile, inputs);
  if (unchanged) {
    checkSize(options.agent, { unzipped, zipped: unchanged.zippedBytes }, limits);
    return made(unchanged);
  }

  const code = files.map((f) => deflateEntry(f.zipPath, f.data, f.executable));
  fs.mkdirSync(path.dirname(zipFile), { recursive: true });
  // Written beside the target and renamed: a failed run leaves no zip that looks complete.
  const partial = `${zipFile}.${randomUUID()}.partial`;
  try {
    const written = writeZip(partial, mergeByPath(code, deps.read()));
    checkSize(options.agent, { unzipped, zipped: written.bytes }, limits);
    forgetZipInputs(zipFile);
    fs.renameSync(partial, zipFile);
    const out = { sha256: written.sha256, zippedBytes: written.bytes, files: code.length + deps.entries.length };
    recordZipInputs(zipFile, inputs, out);
    return made(out);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** A file of the agent that a dependency also installs would shadow it (or be shadowed) at import time. */
function refuseCollisions(codeLocation: string, sources: readonly SourceFile[], deps: CachedDependencies): void {
  const installed = new Set(deps.entries.map((e) => e.path));
  const clashes = sources.filter((s) => installed.has(s.zipPath)).map((s) => `${codeLocation}/${s.zipPath}`);
  if (clashes.length > 0) {
    throw new PackageError(
      `${clashes.join(', ')} ${clashes.length === 1 ? 'has' : 'have'} the same path as a file a dependency installs; ` +
        'rename it (the package puts the agent code and its dependencies in one folder)',
    );
  }
}

/** Both lists are sorted by path; yields one list sorted by path, so the zip's order is fixed. */
function* mergeByPath(code: readonly ZipEntry[], deps: Iterator<ZipEntry>): Generator<ZipEntry> {
  let i = 0;
  let next = deps.next();
  while (!next.done || i < code.length) {
    if (next.done || (i < code.length && byPath(code[i]!.path, next.value.path) < 0)) {
      yield code[i++]!;
    } else {
      yield next.value;
      next = deps.next();
    }
  }
}
