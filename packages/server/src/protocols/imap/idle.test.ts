/**
 * IDLE and untagged updates (RFC 2177, RFC 9051 §7): changes made through the mailbox-access service
 * (as another session or the delivery point would) and bare change-feed publications reach an idling
 * client promptly (pushed, not polled: the keep-alive is minutes away) as EXISTS, FETCH FLAGS and
 * EXPUNGE; a non-idle session gets them on NOOP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from './testing/imap-test-server.ts';

describe('IMAP IDLE and untagged updates', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const login = async (account = server.accounts[0]) => {
    const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    open.push(c);
    await c.expect(/^\* OK /);
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    return c;
  };
  const append = async (folder: string, subject: string) => {
    const account = server.accounts[0];
    const outcome = await server.mailboxes.messages.append(account.mailboxId, folder, [
      { bytes: new TextEncoder().encode(testMessage(subject)), flags: [], internalDate: new Date() },
    ]);
    return outcome;
  };

  before(async () => {
    server = await startImapTestServer();
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('pushes EXISTS, FETCH FLAGS and EXPUNGE to an idling client within a second', async () => {
    const account = server.accounts[0];
    const c = await login();
    await c.transact('a0 CREATE Watched', /^a0 OK/);
    await c.command('a1 SELECT Watched');
    c.send('a2 IDLE');
    await c.expect(/^\+ idling$/);
    const { folderId, uids } = await append('Watched', 'first');
    await c.expect(/^\* 1 EXISTS$/, 5000);
    await c.expect(/^\* 1 RECENT$/, 5000);
    const uid = uids[0] ?? 0;
    await server.mailboxes.messages.setFlags(account.mailboxId, folderId, [{ from: uid, to: uid }], {
      mode: 'add',
      flags: ['\\Seen', '\\Deleted'],
    });
    await c.expect(/^\* 1 FETCH \(FLAGS \(\\Deleted \\Seen \\Recent\)\)$/, 5000);
    await server.mailboxes.messages.expunge(account.mailboxId, folderId);
    await c.expect(/^\* 1 EXPUNGE$/, 5000);
    await c.continueWith('a2', 'DONE', /^a2 OK IDLE completed\.$/);
    await c.transact('a3 NOOP', /^a3 OK/);
  });

  it('pushes a delivery announced on the change feed', async () => {
    const c = await login();
    await c.transact('b0 CREATE Deliveries', /^b0 OK/);
    await c.command('b1 SELECT Deliveries');
    c.send('b2 IDLE');
    await c.expect(/^\+ idling$/);
    await server.deliver(server.accounts[0], 'Deliveries', testMessage('delivered'));
    await c.expect(/^\* 1 EXISTS$/, 5000);
    await c.expect(/^\* 1 RECENT$/, 5000);
    await server.deliver(server.accounts[0], 'Deliveries', testMessage('delivered again'));
    await c.expect(/^\* 2 EXISTS$/, 5000);
    await c.expect(/^\* 2 RECENT$/, 5000);
    await c.continueWith('b2', 'done', /^b2 OK/);
  });

  it('tells a second session about changes on NOOP, with the right sequence numbers', async () => {
    const account = server.accounts[0];
    const writer = await login();
    const reader = await login();
    await writer.transact('c0 CREATE Shared', /^c0 OK/);
    const first = await append('Shared', 'one');
    await append('Shared', 'two');
    await append('Shared', 'three');
    await reader.command('c1 SELECT Shared');
    const uid = first.uids[0] ?? 0;
    await server.mailboxes.messages.setFlags(account.mailboxId, first.folderId, [{ from: uid, to: uid }], {
      mode: 'add',
      flags: ['\\Deleted'],
    });
    await server.mailboxes.messages.expunge(account.mailboxId, first.folderId);
    await append('Shared', 'four');
    await reader.transact(
      'c2 NOOP',
      /^\* 1 EXPUNGE$/,
      /^\* 3 EXISTS$/,
      /^\* 3 RECENT$/,
      /^c2 OK NOOP completed\.$/,
    );
    await reader.transact('c3 NOOP', /^c3 OK/);
  });

  it('pushes EXISTS to an idling client when another IMAP session APPENDs', async () => {
    const watcher = await login();
    const writer = await login();
    await writer.transact('h0 CREATE Appended', /^h0 OK/);
    await watcher.command('h1 SELECT Appended');
    watcher.send('h2 IDLE');
    await watcher.expect(/^\+ idling$/);
    const body = testMessage('appended');
    writer.send(`h3 APPEND Appended (\\Seen) {${Buffer.byteLength(body)}}`);
    await writer.expect(/^\+ /);
    // The literal ends with the message's own CRLF; `continueWith` adds the one that ends the command.
    await writer.continueWith('h3', body, /^h3 OK \[APPENDUID \d+ 1\] /);
    await watcher.expect(/^\* 1 EXISTS$/, 5000);
    await watcher.expect(/^\* 1 RECENT$/, 5000);
    await watcher.continueWith('h2', 'DONE', /^h2 OK/);
  });

  it('holds EXPUNGE back during FETCH by sequence number and sends it with UID FETCH (RFC 9051 §7.5.1)', async () => {
    const account = server.accounts[0];
    const c = await login();
    await c.transact('k0 CREATE Held', /^k0 OK/);
    const first = await append('Held', 'first');
    await append('Held', 'second');
    await c.command('k1 SELECT Held');
    const uid = first.uids[0] ?? 0;
    await server.mailboxes.messages.setFlags(account.mailboxId, first.folderId, [{ from: uid, to: uid }], {
      mode: 'add',
      flags: ['\\Deleted'],
    });
    await server.mailboxes.messages.expunge(account.mailboxId, first.folderId);
    const held = await c.command('k2 FETCH 1:2 (UID)');
    assert.ok(
      held.untagged.every((line) => !line.includes('EXPUNGE')),
      held.untagged.join('\n'),
    );
    // Either answer is allowed for a message expunged meanwhile (RFC 9051 §7.4.1).
    assert.match(held.tagged, /^k2 (OK|NO \[EXPUNGEISSUED\])/);
    const sent = await c.command('k3 UID FETCH 1:* (UID)');
    assert.ok(sent.untagged.includes('* 1 EXPUNGE'), sent.untagged.join('\n'));
    await c.transact('k4 NOOP', /^k4 OK/);
  });

  it('does not wake sessions of another folder or mailbox', async () => {
    const c = await login();
    await c.transact('d0 CREATE Quiet', /^d0 OK/);
    await c.command('d1 SELECT Quiet');
    c.send('d2 IDLE');
    await c.expect(/^\+ idling$/);
    await server.deliver(server.accounts[0], 'INBOX', testMessage('elsewhere'));
    await server.deliver(server.accounts[1], 'INBOX', testMessage('other box'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(c.pending, 0);
    await c.continueWith('d2', 'DONE', /^d2 OK/);
  });

  it('runs an IDLE pipelined behind other commands, with DONE in the same packet', async () => {
    const c = await login();
    c.write('p1 CAPABILITY\r\np2 NOOP\r\np3 IDLE\r\nDONE\r\np4 NOOP\r\n');
    await c.expect(/^\* CAPABILITY /);
    await c.expect(/^p1 OK/);
    await c.expect(/^p2 OK/);
    await c.expect(/^\+ idling$/);
    await c.expect(/^p3 OK IDLE completed\.$/);
    await c.expect(/^p4 OK/);
  });

  it('ends IDLE with BAD on anything but DONE, and allows IDLE while authenticated', async () => {
    const c = await login();
    c.send('e1 IDLE');
    await c.expect(/^\+ idling$/);
    await c.continueWith('e1', 'NOOP', /^e1 BAD Expected DONE\.$/);
    await c.transact('e2 NOOP', /^e2 OK/);
    c.send('e3 IDLE');
    await c.expect(/^\+ idling$/);
    await c.continueWith('e3', 'D'.repeat(70_000), /^e3 BAD Expected DONE\.$/);
    await c.transact('e4 NOOP', /^e4 OK/);
  });

  it('says BYE when the selected folder is deleted by another session', async () => {
    const c = await login();
    const other = await login();
    await c.transact('f0 CREATE Vanishing', /^f0 OK/);
    await c.command('f1 SELECT Vanishing');
    await other.transact('g1 DELETE Vanishing', /^g1 OK/);
    c.send('f2 NOOP');
    await c.expect(/^\* BYE /);
    await c.closed;
  });
});
