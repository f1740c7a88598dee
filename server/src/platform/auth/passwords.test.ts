import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../config.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('password hashing cost', () => {
  it('hashes with OWASP argon2id parameters unless the test harness asks otherwise', async () => {
    const stored = await hashPassword('correct horse 1', loadConfig({}));
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(stored, 'correct horse 1'), true);
  });

  it('verifies a cheap test hash with the production code, because the hash carries its parameters', async () => {
    const stored = await hashPassword('correct horse 1', { CARDDESK_TEST_CHEAP_PASSWORD_HASH: true });
    assert.match(stored, /^\$argon2id\$v=19\$m=8,t=1,p=1\$/);
    assert.equal(await verifyPassword(stored, 'correct horse 1'), true);
    assert.equal(await verifyPassword(stored, 'correct horse 2'), false);
  });

  it('refuses the cheap test hash in any configuration outside NODE_ENV=test', () => {
    assert.throws(() => loadConfig({ CARDDESK_TEST_CHEAP_PASSWORD_HASH: '1' }), /CARDDESK_TEST_CHEAP_PASSWORD_HASH/);
    assert.throws(
      () => loadConfig({ CARDDESK_TEST_CHEAP_PASSWORD_HASH: '1', NODE_ENV: 'production' }),
      /only the test harness/,
    );
    assert.equal(
      loadConfig({ CARDDESK_TEST_CHEAP_PASSWORD_HASH: '1', NODE_ENV: 'test' }).CARDDESK_TEST_CHEAP_PASSWORD_HASH,
      true,
    );
    assert.equal(loadConfig({}).CARDDESK_TEST_CHEAP_PASSWORD_HASH, false);
  });
});
