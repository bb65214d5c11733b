export * as agents from './agents';
export * as mcp from './mcp';
export * from './project-config';
export * from './render-project';
export * from './rendered-file';
