export {
  assertNoAuthData,
  findAuthData,
  findAuthDataInText,
  foldFullWidth,
  redactAuthDataInText,
} from './auth-data.ts';
export { DecryptionError, generateKeySpec, Keyring } from './keyring.ts';
export * from './mask.ts';
export * from './validators.ts';
