export * from './gateway-schema';
export * from './json-schema';
export * from './managed-server-tools';
export * from './python-tools';
export * from './synth-tool-schemas';
export * from './tool-schema-cache';
export * from './tool-schema-error';
export * from './validate-arguments';
export { readTypeScriptTools, typeScriptToolSchemas, TypeScriptParser, type TypeScriptToolsOptions, type ToolsReadResult } from './typescript-tools';
