import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Storage } from '../../ports/storage.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { isAccountError, type AccountErrorCode } from './account-error.ts';
import { createAccountService, defaultQuotaBytes, type AccountService } from './create-account-service.ts';
import { verifyPassword } from './hash-password.ts';

async function rejectsWith(
  promise: Promise<unknown>,
  code: AccountErrorCode,
  pattern?: RegExp,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isAccountError(error, code), `expected AccountError ${code}, got ${String(error)}`);
    if (pattern !== undefined) assert.match(error.message, pattern);
    return true;
  });
}

describe('createAccountService on SQLite', () => {
  let dir = '';
  let storage: Storage;
  let accounts: AccountService;
  const now = new Date('2026-03-01T10:00:00Z');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-accounts-'));
    storage = await openSqliteStorage({ file: join(dir, 'pec.db') });
    accounts = createAccountService({ storage, clock: { now: () => now } });
    // Mailboxes name plans the operator manages (decision 0016).
    await storage.plans.add({
      name: 'base',
      description: 'Base',
      boxQuotaBytes: defaultQuotaBytes,
      archiveQuotaBytes: 0,
      smsIncluded: false,
      durationMonths: 12,
      priceCents: 500,
    });
    await accounts.addDomain('PEC.Example.it');
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds domains lower-cased and refuses duplicates and bad names', async () => {
    const domain = await accounts.addDomain('studio-rossi.pec.example.it', { description: 'Studio Rossi' });
    assert.equal(domain.name, 'studio-rossi.pec.example.it');
    await rejectsWith(accounts.addDomain('Studio-Rossi.PEC.example.it'), 'conflict');
    await rejectsWith(accounts.addDomain('not a domain'), 'invalid');
    await rejectsWith(accounts.addDomain('localhost'), 'invalid');
    const names = (await accounts.listDomains()).map((d) => d.name);
    assert.deepEqual(names, ['pec.example.it', 'studio-rossi.pec.example.it']);
  });

  it('creates a mailbox with the standard folders, an argon2id hash and normalised fields', async () => {
    const mailbox = await accounts.createMailbox({
      address: 'Mario.Rossi@pec.example.it',
      password: 'secret-password',
      holderName: ' Mario Rossi ',
      taxCode: 'rssmra85t10a562s',
      contactEmail: 'Mario@Example.com',
      mobile: '+39 333 123-4567',
      plan: 'base',
    });
    assert.equal(mailbox.address, 'mario.rossi@pec.example.it');
    assert.equal(mailbox.domain, 'pec.example.it');
    assert.equal(mailbox.holderName, 'Mario Rossi');
    assert.equal(mailbox.holderTaxCode, 'RSSMRA85T10A562S');
    assert.equal(mailbox.contactEmail, 'mario@example.com');
    assert.equal(mailbox.mobile, '+393331234567');
    assert.equal(mailbox.plan, 'base');
    assert.equal(mailbox.quotaBytes, defaultQuotaBytes);
    assert.equal(mailbox.status, 'active');
    assert.equal(mailbox.activatedAt?.toISOString(), now.toISOString());
    assert.equal(mailbox.ordinaryMailPolicy, 'reject');

    const folders = await storage.mailboxes.listFolders(mailbox.id);
    const byName = Object.fromEntries(folders.map((f) => [f.name, f.specialUse]));
    assert.deepEqual(byName, {
      INBOX: null,
      Drafts: '\\Drafts',
      Sent: '\\Sent',
      Spam: '\\Junk',
      Trash: '\\Trash',
    });

    const stored = (await storage.accounts.getPasswordHash(mailbox.id)) ?? '';
    assert.ok(stored.startsWith('$argon2id$'), stored);
    assert.equal(await verifyPassword(stored, 'secret-password'), true);
    assert.equal(await verifyPassword(stored, 'secret-passwore'), false);
    assert.equal((await accounts.findMailbox(' MARIO.ROSSI@pec.example.it'))?.id, mailbox.id);
  });

  it('refuses a duplicate address, an unserved domain and malformed input', async () => {
    await rejectsWith(
      accounts.createMailbox({ address: 'MARIO.ROSSI@pec.example.it', password: 'another-password' }),
      'conflict',
    );
    await rejectsWith(
      accounts.createMailbox({ address: 'anna@pec.other.it', password: 'secret-password' }),
      'not-found',
      /pec\.other\.it/,
    );
    await rejectsWith(accounts.createMailbox({ address: 'anna', password: 'secret-password' }), 'invalid');
    await rejectsWith(
      accounts.createMailbox({ address: 'anna@pec.example.it', password: 'short' }),
      'invalid',
      /at least 8/,
    );
    await rejectsWith(
      accounts.createMailbox({
        address: 'anna@pec.example.it',
        password: 'secret-password',
        taxCode: 'RSSMRA85T10A562T',
      }),
      'invalid',
      /check letter/,
    );
    await rejectsWith(
      accounts.createMailbox({
        address: 'anna@pec.example.it',
        password: 'secret-password',
        contactEmail: 'nope',
      }),
      'invalid',
    );
    await rejectsWith(
      accounts.createMailbox({ address: 'anna@pec.example.it', password: 'secret-password', quotaBytes: 0 }),
      'invalid',
    );
    await rejectsWith(
      accounts.createMailbox({ address: 'posta-certificata@pec.example.it', password: 'secret-password' }),
      'invalid',
      /reserved/,
    );
    assert.equal(await accounts.findMailbox('anna@pec.example.it'), undefined);
  });

  it('accepts a partita IVA as the holder tax code', async () => {
    const mailbox = await accounts.createMailbox({
      address: 'ufficio@studio-rossi.pec.example.it',
      password: 'secret-password',
      taxCode: 'IT00743110157',
      quotaBytes: 2 * 1024 ** 3,
    });
    assert.equal(mailbox.holderTaxCode, '00743110157');
    assert.equal(mailbox.quotaBytes, 2 * 1024 ** 3);
  });

  it('creates nothing when a folder cannot be created (one transaction)', async () => {
    const failing: Storage = {
      ...storage,
      transaction: (fn) =>
        storage.transaction((tx) =>
          fn({
            ...tx,
            mailboxes: {
              ...tx.mailboxes,
              createFolder: (mailboxId, folder) =>
                folder.name === 'Trash'
                  ? Promise.reject(new Error('disk full'))
                  : tx.mailboxes.createFolder(mailboxId, folder),
            },
          }),
        ),
    };
    const service = createAccountService({ storage: failing });
    await assert.rejects(
      service.createMailbox({ address: 'lost@pec.example.it', password: 'secret-password' }),
      /disk full/,
    );
    assert.equal(await accounts.findMailbox('lost@pec.example.it'), undefined);
  });

  it('changes passwords, refusing weak ones and unknown mailboxes', async () => {
    const mailbox = await accounts.createMailbox({
      address: 'pw@pec.example.it',
      password: 'first-password',
    });
    await rejectsWith(accounts.setPassword('pw@pec.example.it', '1234567'), 'invalid');
    await rejectsWith(accounts.setPassword('ghost@pec.example.it', 'new-password'), 'not-found');
    await accounts.setPassword('PW@pec.example.it', 'second-password');
    const stored = (await storage.accounts.getPasswordHash(mailbox.id))!;
    assert.equal(await verifyPassword(stored, 'second-password'), true);
    assert.equal(await verifyPassword(stored, 'first-password'), false);
  });

  it('sets the ordinary-mail policy with its forwarding address', async () => {
    await accounts.createMailbox({ address: 'policy@pec.example.it', password: 'secret-password' });
    const forwarding = await accounts.setOrdinaryMailPolicy(
      'policy@pec.example.it',
      'forward',
      'Me@Example.com',
    );
    assert.equal(forwarding.ordinaryMailPolicy, 'forward');
    assert.equal(forwarding.forwardAddress, 'me@example.com');
    await rejectsWith(accounts.setOrdinaryMailPolicy('policy@pec.example.it', 'forward'), 'invalid');
    await rejectsWith(
      accounts.setOrdinaryMailPolicy('policy@pec.example.it', 'forward', 'policy@pec.example.it'),
      'invalid',
    );
    await rejectsWith(
      accounts.setOrdinaryMailPolicy('policy@pec.example.it', 'accept', 'me@example.com'),
      'invalid',
    );
    const accepting = await accounts.setOrdinaryMailPolicy('policy@pec.example.it', 'accept');
    assert.equal(accepting.ordinaryMailPolicy, 'accept');
    assert.equal(accepting.forwardAddress, null);
  });

  it('applies a policy change with other changes together, or nothing', async () => {
    await accounts.createMailbox({ address: 'together@pec.example.it', password: 'secret-password' });
    await rejectsWith(
      accounts.updateMailbox('together@pec.example.it', {
        status: 'suspended',
        ordinaryMailPolicy: 'forward',
      }),
      'invalid',
      /forward/,
    );
    await rejectsWith(
      accounts.updateMailbox('together@pec.example.it', { quotaBytes: 1234, forwardTo: 'me@example.com' }),
      'invalid',
    );
    const untouched = (await accounts.findMailbox('together@pec.example.it'))!;
    assert.equal(untouched.status, 'active');
    assert.notEqual(untouched.quotaBytes, 1234);
    const both = await accounts.updateMailbox('together@pec.example.it', {
      status: 'suspended',
      ordinaryMailPolicy: 'forward',
      forwardTo: 'me@example.com',
    });
    assert.equal(both.status, 'suspended');
    assert.equal(both.forwardAddress, 'me@example.com');
  });

  it('updates quota, status and holder fields', async () => {
    await accounts.createMailbox({ address: 'update@pec.example.it', password: 'secret-password' });
    const expiresAt = new Date('2027-03-01T00:00:00Z');
    const updated = await accounts.updateMailbox('update@pec.example.it', {
      quotaBytes: 500 * 1024 ** 2,
      status: 'suspended',
      expiresAt,
      taxCode: '00743110157',
    });
    assert.equal(updated.quotaBytes, 500 * 1024 ** 2);
    assert.equal(updated.status, 'suspended');
    assert.equal(updated.expiresAt?.toISOString(), expiresAt.toISOString());
    assert.equal(updated.holderTaxCode, '00743110157');
    const cleared = await accounts.updateMailbox('update@pec.example.it', { taxCode: null });
    assert.equal(cleared.holderTaxCode, null);
    await rejectsWith(accounts.updateMailbox('update@pec.example.it', { quotaBytes: -5 }), 'invalid');
    await rejectsWith(accounts.updateMailbox('ghost@pec.example.it', { quotaBytes: 5 }), 'not-found');
  });

  it('lists mailboxes by address with filters', async () => {
    const all = (await accounts.listMailboxes()).map((m) => m.address);
    assert.deepEqual(all, [...all].sort());
    assert.ok(all.includes('mario.rossi@pec.example.it'));
    const studio = await accounts.listMailboxes({ domain: 'studio-rossi.pec.example.it' });
    assert.deepEqual(
      studio.map((m) => m.address),
      ['ufficio@studio-rossi.pec.example.it'],
    );
  });
});
