import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AccessLog } from '../../ports/access-log.ts';
import type { Storage } from '../../ports/storage.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createAccountService } from '../accounts/create-account-service.ts';
import { createAuthenticator, type LoginEvent } from '../accounts/create-authenticator.ts';
import { accessHistoryLimits, createAccessHistory } from './create-access-history.ts';

describe('createAccessHistory', () => {
  let storage: Storage;
  let current = new Date('2026-03-01T10:00:00Z');
  const clock = { now: () => current };

  before(async () => {
    storage = await openSqliteStorage({ file: ':memory:', clock });
    const accounts = createAccountService({ storage, clock });
    await accounts.addDomain('pec.example.it');
    await accounts.createMailbox({ address: 'anna@pec.example.it', password: 'anna-password' });
    await accounts.createMailbox({ address: 'bruno@pec.example.it', password: 'bruno-password' });
  });
  after(() => storage.close());

  it('records every outcome of the authenticator through its onLogin hook', async () => {
    const history = createAccessHistory({ log: storage.accessLog, accounts: storage.accounts });
    const auth = createAuthenticator({
      accounts: storage.accounts,
      throttleStore: storage.loginThrottle,
      clock,
      throttle: { perBoxAndAddress: { freeFailures: 1, baseDelayMs: 60_000 } },
      onLogin: history.recordLogin,
    });
    const anna = await storage.accounts.findMailboxByAddress('anna@pec.example.it');
    const bruno = await storage.accounts.findMailboxByAddress('bruno@pec.example.it');
    assert.ok(anna !== undefined && bruno !== undefined);
    const base = { protocol: 'pop3', remoteAddress: '192.0.2.7' } as const;
    const step = async (username: string, password: string, clientId?: string) => {
      current = new Date(current.getTime() + 1000);
      return auth.authenticate({ ...base, username, password, clientId });
    };
    assert.equal((await step('Anna@PEC.example.it', 'anna-password', 'poplib')).ok, true);
    assert.equal((await step('anna@pec.example.it', 'wrong')).ok, false);
    assert.equal((await step('ghost@pec.example.it', 'x')).ok, false);
    await storage.accounts.updateMailbox(bruno.id, { status: 'suspended' });
    assert.deepEqual(await step('bruno@pec.example.it', 'bruno-password'), {
      ok: false,
      refusal: { reason: 'mailbox-disabled' },
    });
    await step('anna@pec.example.it', 'wrong again');
    assert.deepEqual(await step('anna@pec.example.it', 'anna-password'), {
      ok: false,
      refusal: { reason: 'too-many-failures' },
    });

    const annaHistory = await history.list({ mailboxId: anna.id });
    assert.deepEqual(
      annaHistory.map((entry) => [entry.outcome, entry.address, entry.protocol, entry.clientId]),
      [
        ['throttled', 'anna@pec.example.it', 'pop3', null],
        ['failure', 'anna@pec.example.it', 'pop3', null],
        ['failure', 'anna@pec.example.it', 'pop3', null],
        ['success', 'anna@pec.example.it', 'pop3', 'poplib'],
      ],
    );
    const oldest = annaHistory[3];
    assert.ok(oldest !== undefined);
    assert.equal(oldest.at.toISOString(), '2026-03-01T10:00:01.000Z');
    assert.equal(oldest.remoteAddress, '192.0.2.7');
    const ghost = await history.list({ address: 'ghost@pec.example.it' });
    assert.deepEqual(
      ghost.map((entry) => [entry.mailboxId, entry.outcome]),
      [[null, 'failure']],
    );
    assert.deepEqual(
      (await history.list({ mailboxId: bruno.id })).map((entry) => entry.outcome),
      ['disabled'],
    );
    assert.equal(await history.count(), 6);
  });

  it('stores network text without control characters and within bounds', async () => {
    const history = createAccessHistory({ log: storage.accessLog });
    await history.recordLogin({
      at: current,
      username: 'evil\r\n+OK injected@pec.example.it',
      protocol: 'imap',
      remoteAddress: '198.51.100.1',
      clientId: `${'x'.repeat(400)}\u0000`,
      mailboxId: null,
      result: { ok: false, refusal: { reason: 'authentication-failed' } },
    });
    const [entry] = await history.list({ protocol: 'imap' });
    assert.ok(entry !== undefined);
    assert.equal(entry.address, 'evil??+ok injected@pec.example.it');
    assert.equal(Array.from(entry.clientId ?? '').length, accessHistoryLimits.clientId);
    assert.ok(entry.clientId?.endsWith('x…'));
  });

  it('never fails the login when the history cannot be written', async () => {
    const failures: [unknown, LoginEvent][] = [];
    const broken: AccessLog = {
      ...storage.accessLog,
      append: () => Promise.reject(new Error('disk full')),
    };
    const history = createAccessHistory({
      log: broken,
      onError: (error, event) => failures.push([error, event]),
    });
    const auth = createAuthenticator({
      accounts: storage.accounts,
      throttleStore: storage.loginThrottle,
      clock,
      onLogin: history.recordLogin,
    });
    const result = await auth.authenticate({
      username: 'nobody@pec.example.it',
      password: 'x',
      protocol: 'smtp',
      remoteAddress: '203.0.113.5',
    });
    assert.deepEqual(result, { ok: false, refusal: { reason: 'authentication-failed' } });
    assert.equal(failures.length, 1);
    assert.match(String(failures[0]?.[0]), /disk full/);
    assert.equal(failures[0]?.[1].username, 'nobody@pec.example.it');
  });

  it('shows the holder six months back when asked to', async () => {
    const anna = await storage.accounts.findMailboxByAddress('anna@pec.example.it');
    assert.ok(anna !== undefined);
    const all = await createAccessHistory({ log: storage.accessLog }).page(anna.id, 100, 0);
    assert.ok(all.total > 0);
    const later = new Date(Math.max(...all.entries.map((e) => e.at.getTime())));
    later.setUTCMonth(later.getUTCMonth() + 6);
    const shortly = { now: () => new Date(later.getTime() - 1000) };
    const recent = createAccessHistory({ log: storage.accessLog, holderMonths: 6, clock: shortly });
    assert.ok((await recent.page(anna.id, 100, 0)).total > 0);
    const past = createAccessHistory({
      log: storage.accessLog,
      holderMonths: 6,
      clock: { now: () => new Date(later.getTime() + 1000) },
    });
    assert.equal((await past.page(anna.id, 100, 0)).total, 0);
  });

  it('purges by retention period', async () => {
    const history = createAccessHistory({ log: storage.accessLog });
    const before = await history.count();
    current = new Date('2030-01-01T00:00:00Z');
    assert.equal(await history.purge(12), before);
    assert.equal(await history.count(), 0);
  });
});
