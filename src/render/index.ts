export * as agents from './agents';
export * from './project-config';
export * from './render-project';
export * from './rendered-file';
