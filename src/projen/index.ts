export * from './agent';
export * from './agentcore-project';
export * from './gateway';
