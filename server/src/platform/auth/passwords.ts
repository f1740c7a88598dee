import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../../config.ts';
import { AppError } from '../errors.ts';

// argon2id with OWASP's minimum memory cost; about 30 ms per hash on the reference machine.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// argon2's lowest cost, for the test harness only (config refuses it outside NODE_ENV=test). The encoded hash
// carries its parameters, so `verifyPassword` checks these hashes with the same code as production ones.
const TEST_OPTIONS = { memoryCost: 8, timeCost: 1, parallelism: 1 } as const;

export function hashPassword(
  password: string,
  config?: Pick<Config, 'CARDDESK_TEST_CHEAP_PASSWORD_HASH'>,
): Promise<string> {
  return hash(password, config?.CARDDESK_TEST_CHEAP_PASSWORD_HASH ? TEST_OPTIONS : OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Staff passwords: at least 10 characters with letters and digits. */
export function assertStrongPassword(password: string): void {
  if (password.length < 10 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw new AppError('WEAK_PASSWORD');
  }
}

/** A fixed hash verified when the username does not exist, so timing does not reveal which usernames exist. */
export const DUMMY_HASH_PROMISE = hash('carddesk-no-such-user', OPTIONS);
