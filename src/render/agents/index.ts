export * from './agent-context';
export * from './framework-python';
export * from './providers';
export * from './render-agent';
export * from './requirements';
