export * from './auth.ts';
export * from './cards.ts';
export * from './common.ts';
export * from './errors/index.ts';
export * from './intents.ts';
export * from './money.ts';
export * from './nlu.ts';
export * from './roles.ts';
