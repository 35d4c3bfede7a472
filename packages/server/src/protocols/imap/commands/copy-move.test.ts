/**
 * COPY, MOVE, EXPUNGE and their UID forms as transcripts over real sockets: COPYUID (RFC 4315),
 * MOVE's untagged COPYUID then EXPUNGE (RFC 6851), TRYCREATE, OVERQUOTA (RFC 9208), read-only
 * refusals, EXPUNGE renumbering and UID EXPUNGE limited to its set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from '../testing/imap-conversation.ts';
import {
  startImapTestServer,
  testMessage,
  type ImapTestServer,
  type TestAccount,
} from '../testing/imap-test-server.ts';

describe('IMAP COPY, MOVE and EXPUNGE', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const login = async (account: TestAccount, folder = 'SELECT INBOX') => {
    const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    open.push(c);
    await c.expect(/^\* OK /);
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    if (folder !== '') assert.match((await c.command(`s ${folder}`)).tagged, /^s OK /);
    return c;
  };
  const uidValidity = async (c: ImapConversation, folder: string): Promise<number> => {
    const reply = await c.command(`v STATUS ${folder} (UIDVALIDITY)`);
    return Number(/UIDVALIDITY (\d+)/.exec(reply.untagged.join(' '))?.[1] ?? NaN);
  };

  before(async () => {
    server = await startImapTestServer();
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('COPY answers COPYUID and keeps flags; the source stays', async () => {
    const account = server.accounts[0];
    for (const subject of ['uno', 'due', 'tre'])
      await server.deliver(account, 'INBOX', testMessage(subject), ['$Tag']);
    const c = await login(account);
    const trash = await uidValidity(c, 'Trash');
    await c.transact('c1 COPY 2:3 Trash', new RegExp(`^c1 OK \\[COPYUID ${trash} 2:3 1:2\\] `));
    await c.transact('c2 UID COPY 1,3 Trash', new RegExp(`^c2 OK \\[COPYUID ${trash} 1,3 3:4\\] `));
    await c.transact('c3 UID COPY 50:60 Trash', /^c3 OK UID COPY completed\.$/);
    await c.transact('c4 STATUS Trash (MESSAGES)', /^\* STATUS Trash \(MESSAGES 4\)$/, /^c4 OK/);
    await c.transact('c5 STATUS INBOX (MESSAGES)', /^\* STATUS INBOX \(MESSAGES 3\)$/, /^c5 OK/);
    const t = await login(account, 'EXAMINE Trash');
    await t.transact(
      'c6 FETCH 1:* (UID FLAGS)',
      /^\* 1 FETCH \(UID 1 FLAGS \(\$Tag(?: ?\\Recent)?\)\)$/,
      /^\* 2 FETCH/,
      /^\* 3 FETCH/,
      /^\* 4 FETCH/,
      /^c6 OK/,
    );
    await c.transact('c7 COPY 1 Nowhere', /^c7 NO \[TRYCREATE\] /);
    await c.transact('c8 UID COPY 99 Nowhere', /^c8 NO \[TRYCREATE\] /);
    await c.transact('c9 COPY 4 Trash', /^c9 BAD /);
  });

  it('COPY beyond the box quota is NO [OVERQUOTA]', async () => {
    const account = server.accounts[1];
    await server.deliver(account, 'INBOX', testMessage('grande', 'x'.repeat(5000)));
    const usage = await server.storage.mailboxes.quotaUsage(account.mailboxId);
    await server.storage.accounts.updateMailbox(account.mailboxId, { quotaBytes: usage.usedBytes + 100 });
    const c = await login(account);
    await c.transact('q1 COPY 1 Trash', /^q1 NO \[OVERQUOTA\] /);
    await c.transact('q2 STATUS Trash (MESSAGES)', /^\* STATUS Trash \(MESSAGES 0\)$/, /^q2 OK/);
    // MOVE does not grow the box.
    await c.transact('q3 MOVE 1 Trash', /^\* OK \[COPYUID \d+ 1 1\] /, /^\* 1 EXPUNGE$/, /^q3 OK/);
    await server.storage.accounts.updateMailbox(account.mailboxId, { quotaBytes: 10 * 1024 * 1024 });
  });

  it('MOVE sends COPYUID, then EXPUNGE, then OK; other sessions see both folders change', async () => {
    const account = server.accounts[0];
    const c = await login(account);
    const watcher = await login(account);
    const sent = await uidValidity(c, 'Sent');
    await c.transact(
      'm1 MOVE 1:2 Sent',
      new RegExp(`^\\* OK \\[COPYUID ${sent} 1:2 1:2\\] `),
      /^\* 1 EXPUNGE$/,
      /^\* 1 EXPUNGE$/,
      /^m1 OK MOVE completed/,
    );
    await watcher.transact('m2 NOOP', /^\* 1 EXPUNGE$/, /^\* 1 EXPUNGE$/, /^m2 OK/);
    await c.transact(
      'm3 UID MOVE 3 Sent',
      new RegExp(`^\\* OK \\[COPYUID ${sent} 3 3\\] `),
      /^\* 1 EXPUNGE$/,
      /^m3 OK/,
    );
    await c.transact('m4 STATUS Sent (MESSAGES)', /^\* STATUS Sent \(MESSAGES 3\)$/, /^m4 OK/);
    await c.transact('m5 MOVE 1 Sent', /^m5 BAD /);
    const r = await login(account, 'EXAMINE Sent');
    await r.transact('m6 MOVE 1 INBOX', /^m6 NO /);
    await r.transact('m7 COPY 1 INBOX', /^m7 OK \[COPYUID /);
  });

  it('EXPUNGE removes \\Deleted messages with renumbered EXPUNGE responses', async () => {
    const account = server.accounts[0];
    const c = await login(account, 'SELECT Trash');
    await c.transact('e1 STORE 1,3 +FLAGS.SILENT (\\Deleted)', /^e1 OK/);
    await c.transact('e2 EXPUNGE', /^\* 1 EXPUNGE$/, /^\* 2 EXPUNGE$/, /^e2 OK/);
    await c.transact('e3 FETCH 1:* UID', /^\* 1 FETCH \(UID 2\)$/, /^\* 2 FETCH \(UID 4\)$/, /^e3 OK/);
  });

  it('UID EXPUNGE only removes the \\Deleted messages of its set', async () => {
    const account = server.accounts[0];
    const c = await login(account, 'SELECT Sent');
    await c.transact('x1 STORE 1:3 +FLAGS.SILENT (\\Deleted)', /^x1 OK/);
    await c.transact('x2 UID EXPUNGE 2:3', /^\* 2 EXPUNGE$/, /^\* 2 EXPUNGE$/, /^x2 OK/);
    await c.transact(
      'x3 FETCH 1:* (UID FLAGS)',
      /^\* 1 FETCH \(UID 1 FLAGS \(\\Deleted \$Tag(?: ?\\Recent)?\)\)$/,
      /^x3 OK/,
    );
    await c.transact('x4 UID EXPUNGE 7', /^x4 OK/);
    const r = await login(account, 'EXAMINE Sent');
    await r.transact('x5 EXPUNGE', /^x5 NO /);
    await c.transact('x6 EXPUNGE', /^\* 1 EXPUNGE$/, /^x6 OK/);
  });
});
