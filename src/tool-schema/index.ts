export * from './gateway-schema';
export * from './json-schema';
export * from './managed-server-tools';
export * from './python-tools';
export * from './synth-tool-schemas';
export * from './tool-schema-cache';
export * from './tool-schema-error';
export * from './validate-arguments';
export type { TypeScriptToolsOptions, ToolsReadResult } from './typescript-tools';
