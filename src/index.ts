/*
 * The public surface of `agentcore-projen`: what `.projenrc.ts` and code that generates projects
 * need. Deploy has its own entry (`agentcore-projen/deploy`) so that synth never loads the AWS SDK.
 * Every name here is a promise: `test/api/exports.test.ts` pins the list, and `API.md` documents it.
 */

// The project type and the resources it declares.
export { AgentCoreProject, type AgentCoreProjectOptions } from './projen/agentcore-project';
export { Gateway } from './projen/gateway';
export { Agent } from './projen/agent';

// Options, named after the reference tool's flags.
export type { GatewayOptions, CustomClaimOptions, AuthorizerType } from './model/gateway';
export type {
  TargetOptions,
  TargetType,
  OutboundAuthType,
  McpServerTargetOptions,
  ApiGatewayTargetOptions,
  OpenApiTargetOptions,
  SmithyTargetOptions,
  LambdaTargetOptions,
  ToolFilterOptions,
  ToolOverrideOptions,
} from './model/target';
export type { CredentialOptions, ApiKeyCredentialOptions, OAuthCredentialOptions } from './model/credential';
export type { AgentOptions } from './model/agent';
export type { AgentDefaults, PythonVersion, VpcOptions } from './model/runtime-settings';
export type { Framework, ModelProvider } from './model/frameworks';
export type { GatewayTargetOptions, ProjectInput } from './model/input';

// Secrets are references, never values.
export { fromEnv, type SecretRef } from './model/secret';

// Errors a user can catch.
export { ModelError, type ModelIssue } from './model/issues';

// The generator API: a model in, validated config and files out, without projen or a disk.
export { resolveProject, type ResolvedProject, type ResolveContext } from './model/resolve';
export type { ProjectConfig } from './model/config';
export { renderProject } from './render/render-project';
export type { RenderedFile, RenderOptions } from './render/rendered-file';
