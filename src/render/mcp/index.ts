export * from './managed-server-context';
export * from './render-managed-server';
