import { DEFAULT_PYTHON_VERSION, type PythonRuntime, pythonRuntimeOf } from '../model/runtime-settings';

/** The Python runtimes of AgentCore Runtime's direct code deployment (CodeZip): the model's list. */
export { PYTHON_RUNTIMES, type PythonRuntime } from '../model/runtime-settings';

/** For an agent whose config names none: the model's default. */
export const DEFAULT_PYTHON_RUNTIME: PythonRuntime = pythonRuntimeOf(DEFAULT_PYTHON_VERSION);

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
