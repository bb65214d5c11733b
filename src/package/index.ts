// Agent packaging for AgentCore Runtime (CodeZip). Never imported by synth: it runs uv and writes zips.
export { packageAgent, type AgentPackage, type PackageAgentOptions } from './package-agent';
export { PackageError } from './errors';
export { PYTHON_RUNTIMES, DEFAULT_PYTHON_RUNTIME, type PythonRuntime, type PackagePlatform } from './runtime';
export { RUNTIME_SIZE_LIMITS, type SizeLimits } from './size-limits';
export { packageMcpServer, type McpServerPackage, type PackageMcpServerOptions } from './package-mcp-server';
