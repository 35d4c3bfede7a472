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
import { createMemoryLoginThrottleStore } from '../../storage/memory/create-memory-login-throttle-store.ts';
import { createLoginThrottle, remoteAddressKey, throttledUntil } from './create-login-throttle.ts';

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
      throttleStore: createMemoryLoginThrottleStore(),
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
    const auth = createAuthenticator({
      accounts: storage.accounts,
      throttleStore: createMemoryLoginThrottleStore(),
      clock,
    });
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

  it('after 30 wrong passwords from one address, lets the holder in from another and delays that address', async () => {
    const auth = createAuthenticator({
      accounts: storage.accounts,
      throttleStore: createMemoryLoginThrottleStore(),
      clock,
    });
    const start = current;
    const results = [];
    for (let i = 0; i < 30; i++) {
      current = new Date(start.getTime() + i * 1000);
      results.push(
        (await auth.authenticate(attempt('carla@pec.example.it', `guess-${i}`, '198.51.100.7'))).ok,
      );
    }
    assert.ok(results.every((ok) => !ok));
    // The sixth failure from that address made the next attempts wait; they were refused unchecked.
    assert.deepEqual(
      await auth.authenticate(attempt('carla@pec.example.it', 'carla-password', '198.51.100.7')),
      { ok: false, refusal: { reason: 'too-many-failures' } },
      'the guessing address is delayed, even with the right password',
    );
    assert.equal(
      (await auth.authenticate(attempt('carla@pec.example.it', 'carla-password', '203.0.113.9'))).ok,
      true,
      'the holder signs in from another address',
    );
    current = new Date(start.getTime() + 60 * 60 * 1000);
    assert.equal(
      (await auth.authenticate(attempt('carla@pec.example.it', 'carla-password', '198.51.100.7'))).ok,
      true,
      'the delay of the guessing address ends (capped at 15 minutes)',
    );
  });

  it('throttles a remote address that tries many boxes, by /64 for IPv6', async () => {
    const auth = createAuthenticator({
      accounts: storage.accounts,
      throttleStore: createMemoryLoginThrottleStore(),
      clock,
      throttle: { perAddress: { freeFailures: 3, baseDelayMs: 60_000 } },
    });
    for (const [i, name] of ['u1', 'u2', 'u3', 'u4'].entries()) {
      const result = await auth.authenticate(
        attempt(`${name}@pec.example.it`, 'x', `2001:db8:1:2::${i + 1}`),
      );
      assert.deepEqual(result, { ok: false, refusal: { reason: 'authentication-failed' } });
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

  it('limits a box across addresses only at a high threshold, and never for its known addresses', async () => {
    const auth = createAuthenticator({
      accounts: storage.accounts,
      throttleStore: createMemoryLoginThrottleStore(),
      clock,
      throttle: { perBox: { freeFailures: 20, baseDelayMs: 60_000 } },
    });
    assert.equal(
      (await auth.authenticate(attempt('dario@pec.example.it', 'dario-password', '192.0.2.50'))).ok,
      true,
    );
    // A botnet: 21 addresses, one guess each.
    for (let i = 0; i < 21; i++) {
      await auth.authenticate(attempt('dario@pec.example.it', 'guess', `198.18.0.${i}`));
    }
    assert.deepEqual(
      await auth.authenticate(attempt('dario@pec.example.it', 'dario-password', '198.18.1.1')),
      {
        ok: false,
        refusal: { reason: 'too-many-failures' },
      },
    );
    assert.equal(
      (await auth.authenticate(attempt('dario@pec.example.it', 'dario-password', '192.0.2.50'))).ok,
      true,
      'the address the holder logged in from is known and not held back',
    );
  });

  it('reports suspended and deleted mailboxes as disabled only to the right password; expired may log in', async () => {
    const auth = createAuthenticator({
      accounts: storage.accounts,
      throttleStore: createMemoryLoginThrottleStore(),
      clock,
    });
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
  it('delays with a doubling, capped time after the free failures, and forgets a quiet key', () => {
    const rule = { freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 5000 };
    const at = (ms: number) => new Date(ms);
    const until = (failures: number) =>
      throttledUntil({ failures, lastAt: at(10_000) }, rule, 60_000, at(10_000));
    assert.deepEqual([1, 2, 3, 4, 5, 6, 40].map(until), [0, 0, 11_000, 12_000, 14_000, 15_000, 15_000]);
    assert.equal(throttledUntil({ failures: 9, lastAt: at(0) }, rule, 60_000, at(60_000)), 0);
  });

  it('counts through the store: a success forgets the box and address and remembers the address', async () => {
    const store = createMemoryLoginThrottleStore();
    const throttle = createLoginThrottle(store, { perBoxAndAddress: { freeFailures: 1, baseDelayMs: 1000 } });
    const at = (ms: number) => new Date(ms);
    await throttle.recordFailure('A@x.it', '192.0.2.1', at(0));
    assert.equal(await throttle.isThrottled('a@x.it', '192.0.2.1', at(10)), false, 'one free failure');
    await throttle.recordFailure('a@x.it', '192.0.2.1', at(20));
    assert.equal(await throttle.isThrottled('a@x.it', '192.0.2.1', at(30)), true);
    assert.equal(await throttle.isThrottled('a@x.it', '192.0.2.1', at(1020)), false, 'the delay ran out');
    assert.equal(await throttle.isThrottled('a@x.it', '192.0.2.2', at(30)), false, 'another address');
    await throttle.recordSuccess('a@x.it', '192.0.2.1', at(40));
    const counters = await store.read([
      'box-address:a@x.it 192.0.2.1',
      'known:a@x.it 192.0.2.1',
      'box:a@x.it',
    ]);
    assert.deepEqual([...counters.keys()].sort(), ['box:a@x.it', 'known:a@x.it 192.0.2.1']);
    assert.equal(await throttle.purgeStale(at(40 + 91 * 24 * 3600 * 1000)), 3);
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
