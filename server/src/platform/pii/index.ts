export { assertNoAuthData, findAuthData } from './auth-data.ts';
export { DecryptionError, generateKeySpec, Keyring } from './keyring.ts';
export * from './mask.ts';
export * from './validators.ts';
