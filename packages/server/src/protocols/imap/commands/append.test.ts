/**
 * APPEND as transcripts over real sockets: LITERAL+ and synchronising literals, flags and internal
 * date, APPENDUID (RFC 4315), MULTIAPPEND (RFC 3502), EXISTS for the selected folder, the stored
 * bytes served back exactly, TRYCREATE, OVERQUOTA (RFC 9208) and empty messages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nestedMessage } from '../../../../test/imap-messages/sample-messages.ts';
import { openImapConversation, type ImapConversation } from '../testing/imap-conversation.ts';
import {
  startImapTestServer,
  testMessage,
  type ImapTestServer,
  type TestAccount,
} from '../testing/imap-test-server.ts';

describe('IMAP APPEND', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const login = async (account: TestAccount = server.accounts[0]) => {
    const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    open.push(c);
    await c.expect(/^\* OK /);
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    return c;
  };

  before(async () => {
    server = await startImapTestServer();
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('stores a LITERAL+ message with flags and date, answers APPENDUID, serves it back byte-exact', async () => {
    const c = await login();
    const bytes = Buffer.from(nestedMessage());
    const status = await c.command('v STATUS Drafts (UIDVALIDITY)');
    const validity = /UIDVALIDITY (\d+)/.exec(status.untagged.join(' '))?.[1] ?? 'x';
    c.write(`a1 APPEND Drafts (\\Draft \\Seen $Bozza) "05-Nov-2024 23:30:00 -0500" {${bytes.length}+}\r\n`);
    c.write(bytes);
    await c.continueWith('a1', '', new RegExp(`^a1 OK \\[APPENDUID ${validity} 1\\] APPEND completed\\.$`));
    const reply = await c.command('a3 EXAMINE Drafts');
    assert.match(reply.tagged, /^a3 OK/);
    await c.transact(
      'a4 FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE)',
      new RegExp(
        `^\\* 1 FETCH \\(FLAGS \\(\\\\Seen \\\\Draft \\$Bozza \\\\Recent\\) INTERNALDATE " 6-Nov-2024 05:30:00 \\+0100" RFC822\\.SIZE ${bytes.length}\\)$`,
      ),
      /^a4 OK/,
    );
    const body = await c.command('a5 FETCH 1 BODY.PEEK[]');
    assert.equal(body.untagged.length, 1);
    assert.equal(body.untagged[0], `* 1 FETCH (BODY[] {${bytes.length}}\r\n${bytes.toString('utf8')})`);
  });

  it('waits with a continuation for a synchronising literal and announces EXISTS in the selected folder', async () => {
    const c = await login();
    assert.match((await c.command('s SELECT INBOX')).tagged, /^s OK/);
    const bytes = testMessage('sincrono');
    c.send(`b1 APPEND INBOX {${Buffer.byteLength(bytes)}}`);
    await c.expect(/^\+ /);
    c.write(bytes);
    await c.continueWith('b1', '', /^\* 1 EXISTS$/, /^\* 1 RECENT$/, /^b1 OK \[APPENDUID \d+ 1\] /);
    await c.transact('b2 FETCH 1 (FLAGS)', /^\* 1 FETCH \(FLAGS \((?: ?\\Recent)?\)\)$/, /^b2 OK/);
  });

  it('appends several messages at once (MULTIAPPEND) with consecutive UIDs', async () => {
    const c = await login();
    const one = testMessage('multi-uno');
    const two = testMessage('multi-due');
    c.write(`m1 APPEND Trash {${one.length}+}\r\n${one} (\\Flagged) {${two.length}+}\r\n${two}`);
    await c.continueWith('m1', '', /^m1 OK \[APPENDUID \d+ 1:2\] /);
    await c.transact('m2 STATUS Trash (MESSAGES)', /^\* STATUS Trash \(MESSAGES 2\)$/, /^m2 OK/);
  });

  it('answers pipelined APPENDs in command order, with UIDs in that order and each outcome its own', async () => {
    const c = await login();
    // Different kinds of message (a plain one, a nested PEC-like one) take different paths through
    // parsing: their UIDs must still follow the commands. One APPEND in the middle fails alone.
    const messages = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0 ? Buffer.from(nestedMessage()) : Buffer.from(testMessage(`pipeline ${String(i)}`)),
    );
    const status = await c.command('v STATUS Sent (UIDNEXT)');
    const first = Number(/UIDNEXT (\d+)/.exec(status.untagged.join(' '))?.[1]);
    let pipelined = '';
    for (const [i, bytes] of messages.entries()) {
      const folder = i === 5 ? 'Missing' : 'Sent';
      pipelined += `p${String(i)} APPEND ${folder} {${String(bytes.length)}+}\r\n${bytes.toString('latin1')}\r\n`;
    }
    c.write(Buffer.from(pipelined, 'latin1'));
    const tags: string[] = [];
    const uids: number[] = [];
    for (let i = 0; i < messages.length; i++) {
      const line = await c.next();
      const tagged = /^(p\d+) (OK|NO) (?:\[APPENDUID \d+ (\d+)\]|\[TRYCREATE\])/.exec(line);
      assert.ok(tagged !== null, line);
      tags.push(tagged[1] ?? '');
      if (tagged[2] === 'OK') uids.push(Number(tagged[3]));
    }
    assert.deepEqual(
      tags,
      messages.map((_, i) => `p${String(i)}`),
    );
    assert.deepEqual(
      uids,
      Array.from({ length: messages.length - 1 }, (_, i) => first + i),
    );
    // Each UID holds the bytes of its own command.
    assert.match((await c.command('e EXAMINE Sent')).tagged, /^e OK/);
    for (const [i, bytes] of messages.entries()) {
      if (i === 5) continue;
      const uid = first + (i < 5 ? i : i - 1);
      const body = await c.command(`f${String(i)} UID FETCH ${String(uid)} BODY.PEEK[]`);
      assert.equal(body.untagged.length, 1);
      assert.ok(body.untagged[0]?.endsWith(`{${String(bytes.length)}}\r\n${bytes.toString('utf8')})`));
    }
  });

  it('refuses a missing folder with TRYCREATE, an empty message and a box over quota', async () => {
    const account = server.accounts[1];
    const c = await login(account);
    const bytes = testMessage('nessuna cartella');
    c.write(`t1 APPEND Missing {${bytes.length}+}\r\n${bytes}`);
    await c.continueWith('t1', '', /^t1 NO \[TRYCREATE\] /);
    c.write('t2 APPEND INBOX {0+}\r\n');
    await c.continueWith('t2', '', /^t2 NO /);
    const usage = await server.storage.mailboxes.quotaUsage(account.mailboxId);
    await server.storage.accounts.updateMailbox(account.mailboxId, { quotaBytes: usage.usedBytes + 10 });
    c.write(`t3 APPEND INBOX {${bytes.length}+}\r\n${bytes}`);
    await c.continueWith('t3', '', /^t3 NO \[OVERQUOTA\] /);
    // MULTIAPPEND is all or nothing.
    await server.storage.accounts.updateMailbox(account.mailboxId, {
      quotaBytes: usage.usedBytes + bytes.length + 10,
    });
    c.write(`t4 APPEND INBOX {${bytes.length}+}\r\n${bytes} {${bytes.length}+}\r\n${bytes}`);
    await c.continueWith('t4', '', /^t4 NO \[OVERQUOTA\] /);
    await c.transact('t5 STATUS INBOX (MESSAGES)', /^\* STATUS INBOX \(MESSAGES 0\)$/, /^t5 OK/);
    c.write(`t6 APPEND INBOX {${bytes.length}+}\r\n${bytes}`);
    await c.continueWith('t6', '', /^t6 OK \[APPENDUID \d+ 1\] /);
  });
});
