import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManagedServerConfig } from '../model/managed-server';
import { DEPENDENCY_CACHE_DIR, PACKAGE_DIR } from '../project-files/paths';
import { bundleTypeScript } from './bundle-typescript';
import type { CachedDependencies } from './dependency-cache';
import { PackageError } from './errors';
import { pythonCodeZip, writeZipAtomically } from './python-code-zip';
import { DEFAULT_PYTHON_RUNTIME, pythonVersionOf, RUNTIME_PYTHON_PLATFORM, type PackagePlatform } from './runtime';
import { checkSize, LAMBDA_SIZE_LIMITS, RUNTIME_SIZE_LIMITS, type PackageSubject, type SizeLimits } from './size-limits';
import { uvCommand } from './uv';
import { deflateEntry } from './zip-entry';

/*
 * The code package of a managed MCP server, for its host:
 *   Lambda + Python        the code folder and its pyproject.toml wheels (Linux ARM64); handler `handler.handler`
 *   Lambda + TypeScript    `handler.ts` bundled into `handler.js`; handler `handler.handler`
 *   Runtime + Python       the code folder and its wheels; entry point `server.py`
 *   Runtime + TypeScript   `server.ts` bundled into `server.js`; entry point `server.js`
 * The same code gives the same bytes, so the hash says whether the server changed.
 */

/** The Python every managed Python server runs on (Lambda `python3.12`, Runtime `PYTHON_3_12`). */
const PYTHON = DEFAULT_PYTHON_RUNTIME;

/** How each host starts the code: runtime identifier and entry, by language. */
const LAUNCH = {
  Lambda: {
    Python: { runtime: `python${pythonVersionOf(PYTHON)}`, entry: 'handler.handler', source: 'handler.py' },
    TypeScript: { runtime: 'nodejs22.x', entry: 'handler.handler', source: 'handler.ts' },
  },
  AgentCoreRuntime: {
    Python: { runtime: PYTHON, entry: 'server.py', source: 'server.py' },
    TypeScript: { runtime: 'NODE_22', entry: 'server.js', source: 'server.ts' },
  },
} as const;

export interface PackageMcpServerOptions {
  readonly projectDir: string;
  /** The server as the config resolves it (`target.managed`). */
  readonly server: Pick<ManagedServerConfig, 'host' | 'language' | 'codeLocation'>;
  /** For messages: `gateway "g" target "t"`. */
  readonly label: string;
  /** Where to write the zip. @default `agentcore/.deploy/package/mcp/<code folder name>.zip` */
  readonly outFile?: string;
  /** Where installed Python dependencies are kept. @default `agentcore/.deploy/cache/dependencies/` */
  readonly cacheDir?: string;
  /** The uv binary (Python servers). @default `$UV`, then `uv` on the PATH */
  readonly uv?: string;
  /** `host` installs Python wheels for this machine (tests run the package). @default the host's Linux ARM64 */
  readonly platform?: PackagePlatform;
  /** @default the host's limits (Lambda: 50 MB zipped in the request, 250 MB unzipped) */
  readonly limits?: SizeLimits;
}

export interface McpServerPackage {
  readonly zipFile: string;
  /** SHA-256 of the zip, hex. */
  readonly sha256: string;
  readonly zippedBytes: number;
  readonly unzippedBytes: number;
  readonly files: number;
  /** Lambda runtime (`python3.12`, `nodejs22.x`) or AgentCore Runtime code runtime (`PYTHON_3_12`, `NODE_22`). */
  readonly runtime: string;
  /** Lambda handler (`handler.handler`) or the Runtime's entry point (`server.py`, `server.js`). */
  readonly entry: string;
  /** Python servers: where their wheels came from. */
  readonly dependencies: CachedDependencies['origin'];
}

export async function packageMcpServer(options: PackageMcpServerOptions): Promise<McpServerPackage> {
  const projectDir = path.resolve(options.projectDir);
  const { host, language, codeLocation } = options.server;
  const launch = LAUNCH[host][language];
  const codeDir = path.join(projectDir, codeLocation);
  const source = `${codeLocation}/${launch.source}`;
  if (!fs.existsSync(path.join(projectDir, source))) {
    const fix = host === 'Lambda' ? 'run `npx projen` (it generates the handler)' : 'restore it (the scaffold writes it once; see its README)';
    throw new PackageError(`${options.label}: ${source} is missing; ${fix}`);
  }
  const subject: PackageSubject = {
    name: `MCP server ${options.label}`,
    host: host === 'Lambda' ? 'Lambda' : 'AgentCore Runtime',
    dependencies: `${codeLocation}/${language === 'Python' ? 'pyproject.toml' : 'package.json'}`,
  };
  const limits = options.limits ?? (host === 'Lambda' ? LAMBDA_SIZE_LIMITS : RUNTIME_SIZE_LIMITS);
  const zipFile = path.resolve(options.outFile ?? path.join(projectDir, PACKAGE_DIR, 'mcp', `${path.basename(codeLocation)}.zip`));
  const launched = { runtime: launch.runtime, entry: launch.entry };

  if (language === 'Python') {
    const zip = await pythonCodeZip({
      projectDir,
      codeLocation,
      subject,
      pythonVersion: pythonVersionOf(PYTHON),
      pythonPlatform: (options.platform ?? 'agentcore-runtime') === 'host' ? undefined : RUNTIME_PYTHON_PLATFORM,
      zipFile,
      cacheDir: options.cacheDir ?? path.join(projectDir, DEPENDENCY_CACHE_DIR),
      uv: uvCommand(options.uv),
      limits,
    });
    return { ...zip, ...launched };
  }
  const bundle = await bundleTypeScript(codeDir, launch.source, `MCP server ${options.label}`);
  const entry = deflateEntry(bundle.fileName, bundle.code, false);
  checkSize(subject, { unzipped: entry.size }, limits);
  const written = writeZipAtomically(zipFile, [entry], (bytes) => checkSize(subject, { unzipped: entry.size, zipped: bytes }, limits));
  return { zipFile, sha256: written.sha256, zippedBytes: written.bytes, unzippedBytes: entry.size, files: 1, ...launched, dependencies: 'none' };
}
