/** The Python runtimes of AgentCore Runtime's direct code deployment (CodeZip). */
export const PYTHON_RUNTIMES = ['PYTHON_3_10', 'PYTHON_3_11', 'PYTHON_3_12', 'PYTHON_3_13', 'PYTHON_3_14'] as const;

export type PythonRuntime = (typeof PYTHON_RUNTIMES)[number];

/** Used until the model carries a runtime per agent: the newest version every framework's wheels cover. */
export const DEFAULT_PYTHON_RUNTIME: PythonRuntime = 'PYTHON_3_12';

/**
 * uv's name for AgentCore Runtime's platform: Linux ARM64 (Graviton). manylinux2014 (glibc 2.17) is
 * the tag AWS's own CodeZip guide installs for, so every wheel chosen loads on the service.
 */
export const RUNTIME_PYTHON_PLATFORM = 'aarch64-manylinux2014';

/**
 * Where the packaged dependencies will run: `agentcore-runtime` (Linux ARM64), or `host` (this
 * machine's platform, so tests can run the package locally).
 */
export type PackagePlatform = 'agentcore-runtime' | 'host';

/** `PYTHON_3_12` → `3.12`. */
export function pythonVersionOf(runtime: PythonRuntime): string {
  return runtime.slice('PYTHON_'.length).replace('_', '.');
}
