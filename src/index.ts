export * from './model';
export * from './render';
export * from './projen';
