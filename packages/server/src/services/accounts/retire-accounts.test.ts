/**
 * Deleting mailboxes and domains (decisions 0016, 0019): a deleted mailbox and its contents go, its
 * address stays reserved to its holder; a domain goes only without mailboxes unless forced.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Storage } from '../../ports/storage.ts';
import { sampleMessage } from '../../storage/contract/storage-harness.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { isAccountError } from './account-error.ts';
import { createAccountService, type AccountService } from './create-account-service.ts';
import { createRetireAccounts, type RetireAccounts } from './retire-accounts.ts';

const holderTaxCode = 'RSSMRA85T10A562S';
const serviceAddress = 'posta-certificata@pec.example.it';

describe('deleting mailboxes and domains', () => {
  let dir = '';
  let storage: Storage;
  let accounts: AccountService;
  let retire: RetireAccounts;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-retire-'));
    storage = await openSqliteStorage({ file: join(dir, 'pec.db') });
    accounts = createAccountService({ storage });
    retire = createRetireAccounts({ storage });
    await accounts.addDomain('pec.example.it');
    await accounts.addDomain('studio.example.it');
    await accounts.ensureServiceMailbox(serviceAddress, 'Example PEC');
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('removes the mailbox with every folder and message and keeps the address reserved', async () => {
    const box = await accounts.createMailbox({
      address: 'mario@studio.example.it',
      password: 'a long password',
      holderName: 'Mario Rossi',
      taxCode: holderTaxCode,
    });
    const inbox = await storage.mailboxes.getFolder(box.id, 'INBOX');
    const archive = await storage.mailboxes.createFolder(box.id, { name: 'Archivio/2026', specialUse: null });
    assert.ok(inbox !== undefined);
    await storage.mailboxes.append(inbox.id, sampleMessage());
    await storage.mailboxes.append(archive.id, sampleMessage());
    const removed = await retire.deleteMailbox('Mario@Studio.example.it');
    assert.equal(removed.removedMessages, 2);
    assert.ok(removed.freedBytes > 0);
    assert.equal(await storage.accounts.findMailboxByAddress('mario@studio.example.it'), undefined);
    assert.equal(await storage.accounts.getPasswordHash(box.id), undefined);
    assert.deepEqual(await storage.mailboxes.listFolders(box.id), []);
    const reservation = await storage.boxLife.findReservation('mario@studio.example.it');
    assert.equal(reservation?.holderTaxCode, holderTaxCode);
  });

  it('refuses the address to anyone else, gives it back to its holder or by the operator', async () => {
    const other = accounts.createMailbox({
      address: 'mario@studio.example.it',
      password: 'another password',
      taxCode: 'IT00743110157',
    });
    await assert.rejects(
      other,
      (e: unknown) => isAccountError(e, 'conflict') && /reserved to its holder/.test(e.message),
    );
    const noCode = accounts.createMailbox({
      address: 'mario@studio.example.it',
      password: 'another password',
    });
    await assert.rejects(noCode, (e: unknown) => isAccountError(e, 'conflict'));
    const back = await accounts.createMailbox({
      address: 'mario@studio.example.it',
      password: 'a new long password',
      holderName: 'Mario Rossi',
      taxCode: holderTaxCode.toLowerCase(),
    });
    assert.equal(back.status, 'active');
    assert.deepEqual((await storage.mailboxes.listFolders(back.id)).map((f) => f.name).sort(), [
      'Drafts',
      'INBOX',
      'Sent',
      'Spam',
      'Trash',
    ]);
    await retire.deleteMailbox('mario@studio.example.it');
    const operator = await accounts.createMailbox({
      address: 'mario@studio.example.it',
      password: 'a new long password',
      holderName: 'Anna Bianchi',
      reuseReserved: true,
    });
    assert.equal(operator.holderName, 'Anna Bianchi');
    assert.equal(operator.holderTaxCode, null);
  });

  it('refuses a domain in use (reserved addresses count) unless forced, and never the service domain', async () => {
    await accounts.createMailbox({ address: 'anna@studio.example.it', password: 'a long password' });
    await retire.deleteMailbox('anna@studio.example.it');
    const refused = retire.deleteDomain('studio.example.it', { force: false, serviceAddress });
    await assert.rejects(
      refused,
      (e: unknown) =>
        isAccountError(e, 'conflict') &&
        e.message.includes('still has 1 mailbox and 1 reserved address of deleted ones') &&
        e.message.includes('--force'),
    );
    assert.ok((await storage.accounts.getDomain('studio.example.it')) !== undefined);
    const forced = await retire.deleteDomain('studio.example.it', { force: true, serviceAddress });
    assert.deepEqual(forced.mailboxes.map((m) => m.address).sort(), [
      'anna@studio.example.it',
      'mario@studio.example.it',
    ]);
    assert.equal(await storage.accounts.getDomain('studio.example.it'), undefined);
    assert.equal(await storage.accounts.findMailboxByAddress('anna@studio.example.it'), undefined);
    await assert.rejects(
      retire.deleteDomain('pec.example.it', { force: true, serviceAddress }),
      (e: unknown) => isAccountError(e, 'invalid'),
    );
    await assert.rejects(retire.deleteMailbox(serviceAddress), (e: unknown) => isAccountError(e, 'invalid'));
  });
});
