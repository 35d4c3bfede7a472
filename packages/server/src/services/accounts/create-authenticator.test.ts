import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Storage } from '../../ports/storage.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import type { LoginAttempt } from './authenticator.ts';
import { createAccountService, type AccountService } from './create-account-service.ts';
import { createAuthenticator, type LoginEvent } from './create-authenticator.ts';
import { createLoginThrottle, remoteAddressKey } from './create-login-throttle.ts';

function attempt(username: string, password: string, remoteAddress = '192.0.2.1'): LoginAttempt {
  return { username, password, protocol: 'imap', remoteAddress };
}

describe('createAuthenticator', () => {
  let dir = '';
  let storage: Storage;
  let accounts: AccountService;
  let current = new Date('2026-03-01T10:00:00Z');
  const clock = { now: () => current };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-auth-'));
    storage = await openSqliteStorage({ file: join(dir, 'pec.db') });
    accounts = createAccountService({ storage, clock });
    await accounts.addDomain('pec.example.it');
    for (const name of ['anna', 'bruno', 'carla', 'dario', 'elena', 'fabio']) {
      await accounts.createMailbox({ address: `${name}@pec.example.it`, password: `${name}-password` });
    }
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts the right password, records the login and reports it without the password', async () => {
    const events: LoginEvent[] = [];
    const auth = createAuthenticator({
      accounts: storage.accounts,
      clock,
      onLogin: (e) => void events.push(e),
    });
    const result = await auth.authenticate({
      ...attempt(' Anna@PEC.example.it', 'anna-password'),
      clientId: 'tb',
    });
    const anna = (await accounts.findMailbox('anna@pec.example.it'))!;
    assert.deepEqual(result, { ok: true, address: 'anna@pec.example.it', mailboxId: anna.id });
    assert.equal(anna.lastLoginAt?.toISOString(), current.toISOString());
    assert.equal(events.length, 1);
    assert.deepEqual(events[0], {
      at: current,
      username: 'anna@pec.example.it',
      protocol: 'imap',
      remoteAddress: '192.0.2.1',
      clientId: 'tb',
      mailboxId: anna.id,
      result,
    });
    assert.doesNotMatch(JSON.stringify(events), /anna-password/);
  });

  it('refuses a wrong password and an unknown user alike, counting the failure on the account', async () => {
    const auth = createAuthenticator({ accounts: storage.accounts, clock });
    assert.deepEqual(await auth.authenticate(attempt('bruno@pec.example.it', 'wrong')), {
      ok: false,
      refusal: { reason: 'authentication-failed' },
    });
    assert.deepEqual(await auth.authenticate(attempt('nobody@pec.example.it', 'wrong')), {
      ok: false,
      refusal: { reason: 'authentication-failed' },
    });
    assert.deepEqual(await auth.authenticate(attempt('not-an-address', 'wrong')), {
      ok: false,
      refusal: { reason: 'authentication-failed' },
    });
    const bruno = (await accounts.findMailbox('bruno@pec.example.it'))!;
    assert.equal(bruno.failedLogins, 1);
    assert.equal(bruno.lastFailedLoginAt?.toISOString(), current.toISOString());
    assert.equal((await auth.authenticate(attempt('bruno@pec.example.it', 'bruno-password'))).ok, true);
    assert.equal((await accounts.findMailbox('bruno@pec.example.it'))!.failedLogins, 0);
  });

  it('throttles an account after 10 failures in 15 minutes, even with the right password, then lets it go', async () => {
    const auth = createAuthenticator({ accounts: storage.accounts, clock });
    const start = current;
    for (let i = 0; i < 10; i++) {
      // Different addresses: the per-account window is what trips.
      const result = await auth.authenticate(
        attempt('carla@pec.example.it', `guess-${i}`, `198.51.100.${i}`),
      );
      assert.deepEqual(result, { ok: false, refusal: { reason: 'authentication-failed' } }, `attempt ${i}`);
    }
    assert.deepEqual(
      await auth.authenticate(attempt('carla@pec.example.it', 'carla-password', '203.0.113.9')),
      {
        ok: false,
        refusal: { reason: 'too-many-failures' },
      },
    );
    // Other accounts from other addresses are unaffected.
    assert.equal(
      (await auth.authenticate(attempt('dario@pec.example.it', 'dario-password', '203.0.113.9'))).ok,
      true,
    );
    current = new Date(start.getTime() + 15 * 60 * 1000 + 1);
    assert.equal((await auth.authenticate(attempt('carla@pec.example.it', 'carla-password'))).ok, true);
  });

  it('throttles a remote address that tries many accounts, by /64 for IPv6', async () => {
    const auth = createAuthenticator({
      accounts: storage.accounts,
      clock,
      throttle: { maxFailuresPerRemoteAddress: 3, maxFailuresPerAccount: 100 },
    });
    for (const [i, name] of ['u1', 'u2', 'u3'].entries()) {
      const result = await auth.authenticate(
        attempt(`${name}@pec.example.it`, 'x', `2001:db8:1:2::${i + 1}`),
      );
      assert.equal(result.ok, false);
    }
    const blocked = await auth.authenticate(
      attempt('elena@pec.example.it', 'elena-password', '2001:db8:1:2:ffff::9'),
    );
    assert.deepEqual(blocked, { ok: false, refusal: { reason: 'too-many-failures' } });
    const elsewhere = await auth.authenticate(
      attempt('elena@pec.example.it', 'elena-password', '2001:db8:1:3::1'),
    );
    assert.equal(elsewhere.ok, true);
  });

  it('reports suspended and deleted mailboxes as disabled only to the right password; expired may log in', async () => {
    const auth = createAuthenticator({ accounts: storage.accounts, clock });
    for (const status of ['suspended', 'deleted'] as const) {
      await accounts.updateMailbox('fabio@pec.example.it', { status });
      assert.deepEqual(await auth.authenticate(attempt('fabio@pec.example.it', 'fabio-password')), {
        ok: false,
        refusal: { reason: 'mailbox-disabled' },
      });
      assert.deepEqual(await auth.authenticate(attempt('fabio@pec.example.it', 'wrong-password')), {
        ok: false,
        refusal: { reason: 'authentication-failed' },
      });
    }
    await accounts.updateMailbox('fabio@pec.example.it', { status: 'expired' });
    assert.equal((await auth.authenticate(attempt('fabio@pec.example.it', 'fabio-password'))).ok, true);
  });
});

describe('createLoginThrottle', () => {
  it('slides the window: old failures stop counting', () => {
    const throttle = createLoginThrottle({
      windowMs: 1000,
      maxFailuresPerAccount: 2,
      maxFailuresPerRemoteAddress: 99,
    });
    const at = (ms: number) => new Date(ms);
    throttle.recordFailure('a@x.it', '192.0.2.1', at(0));
    throttle.recordFailure('a@x.it', '192.0.2.2', at(600));
    assert.equal(throttle.isThrottled('A@x.it', '192.0.2.3', at(900)), true);
    assert.equal(
      throttle.isThrottled('a@x.it', '192.0.2.3', at(1001)),
      false,
      'the first failure left the window',
    );
    throttle.recordFailure('a@x.it', '192.0.2.2', at(1100));
    assert.equal(throttle.isThrottled('a@x.it', '192.0.2.3', at(1200)), true);
    throttle.clearAccount('a@x.it');
    assert.equal(throttle.isThrottled('a@x.it', '192.0.2.3', at(1200)), false);
  });

  it('keys remote addresses: IPv4 as is, IPv4-mapped as IPv4, IPv6 by /64', () => {
    assert.equal(remoteAddressKey('192.0.2.7'), '192.0.2.7');
    assert.equal(remoteAddressKey('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(remoteAddressKey('2001:db8:0:1::5'), '2001:db8:0:1::/64');
    assert.equal(remoteAddressKey('2001:0DB8:0000:0001:aaaa:bbbb:cccc:dddd'), '2001:db8:0:1::/64');
    assert.equal(remoteAddressKey('::1'), '0:0:0:0::/64');
    assert.equal(remoteAddressKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  });
});
