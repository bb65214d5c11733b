import * as path from 'node:path';
import { CONFIG_PATH, DEPENDENCY_CACHE_DIR, PACKAGE_DIR } from '../project-files/paths';
import { loadProjectConfig } from '../project-files/project-config';
import type { CachedDependencies } from './dependency-cache';
import { PackageError } from './errors';
import { pythonCodeZip } from './python-code-zip';
import { DEFAULT_PYTHON_RUNTIME, PYTHON_RUNTIMES, pythonVersionOf, RUNTIME_PYTHON_PLATFORM, type PackagePlatform, type PythonRuntime } from './runtime';
import { RUNTIME_SIZE_LIMITS, type SizeLimits } from './size-limits';
import { uvCommand } from './uv';

/** Options of {@link packageAgent}. */
export interface PackageAgentOptions {
  /** The project root: the folder of `.projenrc.ts` and `agentcore/agentcore.json`. */
  readonly projectDir: string;
  /** The agent's name in the model. */
  readonly agent: string;
  /** The Python of the runtime the package is for. @default - the agent's `pythonVersion` in the model ('PYTHON_3_12' unless it says) */
  readonly runtime?: PythonRuntime;
  /** Where to write the zip. @default `agentcore/.deploy/package/<agent>.zip` in the project */
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
  const pythonPlatform = (options.platform ?? 'agentcore-runtime') === 'host' ? undefined : RUNTIME_PYTHON_PLATFORM;
  const zip = await pythonCodeZip({
    projectDir,
    codeLocation: agent.codeLocation,
    subject: {
      name: `agent "${options.agent}"`,
      host: 'AgentCore Runtime',
      dependencies: 'its pyproject.toml (agent.addDependency() in .projenrc.ts)',
    },
    pythonVersion: pythonVersionOf(runtime),
    pythonPlatform,
    zipFile: path.resolve(options.outFile ?? path.join(projectDir, PACKAGE_DIR, `${options.agent}.zip`)),
    cacheDir: options.cacheDir ?? path.join(projectDir, DEPENDENCY_CACHE_DIR),
    uv: uvCommand(options.uv),
    limits: options.limits ?? RUNTIME_SIZE_LIMITS,
  });
  return { agent: options.agent, ...zip, runtime, pythonPlatform: pythonPlatform ?? 'host' };
}
