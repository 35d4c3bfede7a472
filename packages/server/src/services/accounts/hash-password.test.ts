import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, passwordHashParameters, verifyPassword } from './hash-password.ts';

describe('hashPassword / verifyPassword', () => {
  it('produces argon2id PHC strings with the configured cost and a fresh salt', async () => {
    const first = await hashPassword('correct horse');
    const second = await hashPassword('correct horse');
    const { memoryCost, timeCost, parallelism } = passwordHashParameters;
    const prefix = `$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`;
    assert.ok(first.startsWith(prefix), first);
    assert.ok(second.startsWith(prefix), second);
    assert.notEqual(first, second, 'salts differ');
    assert.doesNotMatch(first, /correct horse/);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('pàsswörd-ünïcode');
    assert.equal(await verifyPassword(stored, 'pàsswörd-ünïcode'), true);
    assert.equal(await verifyPassword(stored, 'pàsswörd-ünïcodE'), false);
    assert.equal(await verifyPassword(stored, ''), false);
  });

  it('answers false for a malformed hash instead of throwing', async () => {
    assert.equal(await verifyPassword('not a hash', 'x'), false);
    assert.equal(await verifyPassword('', 'x'), false);
  });
});
