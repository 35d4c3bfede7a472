/**
 * Folder commands as transcripts over real sockets (RFC 9051 §6.3; LIST-EXTENDED RFC 5258, SPECIAL-USE
 * RFC 6154, LIST-STATUS RFC 5819, QUOTA RFC 9208): LIST/LSUB patterns and attributes, CREATE with
 * parents, DELETE refusals, RENAME including INBOX, SUBSCRIBE, STATUS, SELECT/EXAMINE, CLOSE, UNSELECT.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from './testing/imap-test-server.ts';

describe('IMAP folder commands', () => {
  let server: ImapTestServer;
  let c: ImapConversation;
  /** CONDSTORE advertised after login (it needs the message commands): SELECT then reports HIGHESTMODSEQ. */
  let condstore = false;
  const open: ImapConversation[] = [];
  const login = async (account = server.accounts[0]) => {
    const conversation = await openImapConversation({
      port: server.tlsPort,
      ca: server.ca,
      implicitTls: true,
    });
    open.push(conversation);
    await conversation.expect(/^\* OK /);
    const [ok = ''] = await conversation.transact(
      `l LOGIN ${account.address} "${account.password}"`,
      /^l OK /,
    );
    condstore = / CONDSTORE[ \]]/.test(ok);
    return conversation;
  };

  before(async () => {
    server = await startImapTestServer();
  });
  beforeEach(async () => {
    for (const conversation of open.splice(0)) conversation.close();
    c = await login();
  });
  after(async () => {
    for (const conversation of open) conversation.close();
    await server.close();
  });

  it('LISTs the standard folders with special-use and children attributes', async () => {
    await c.transact(
      'a1 LIST "" *',
      /^\* LIST \(\\HasNoChildren\) "\/" INBOX$/,
      /^\* LIST \(\\HasNoChildren \\Drafts\) "\/" Drafts$/,
      /^\* LIST \(\\HasNoChildren \\Sent\) "\/" Sent$/,
      /^\* LIST \(\\HasNoChildren \\Junk\) "\/" Spam$/,
      /^\* LIST \(\\HasNoChildren \\Trash\) "\/" Trash$/,
      /^a1 OK LIST completed\.$/,
    );
    await c.transact('a2 LIST "" ""', /^\* LIST \(\\Noselect\) "\/" ""$/, /^a2 OK/);
    await c.transact('a3 LIST "" inbox', /^\* LIST \(\\HasNoChildren\) "\/" INBOX$/, /^a3 OK/);
    await c.transact('a4 LIST (SPECIAL-USE) "" "*"', /Drafts/, /Sent/, /Spam/, /Trash/, /^a4 OK/);
    await c.transact('a5 LIST "" "T%"', /Trash$/, /^a5 OK/);
  });

  it('CREATEs with parents, LISTs with % and *, and refuses duplicates and bad names', async () => {
    await c.transact('c1 CREATE Projects/2025/Gare', /^c1 OK \[MAILBOXID \(F\d+-\d+\)\] CREATE completed\.$/);
    await c.transact('c2 CREATE Projects', /^c2 NO \[ALREADYEXISTS\] /);
    await c.transact('c3 CREATE INBOX', /^c3 NO \[ALREADYEXISTS\] /);
    await c.transact('c4 CREATE "a//b"', /^c4 NO \[CANNOT\] /);
    await c.transact('c5 CREATE "a*b"', /^c5 NO \[CANNOT\] /);
    await c.transact('c6 CREATE Archivio/', /^c6 OK/);
    await c.transact('c7 LIST "" Projects/%', /^\* LIST \(\\HasChildren\) "\/" Projects\/2025$/, /^c7 OK/);
    await c.transact(
      'c8 LIST Projects/ *',
      /^\* LIST \(\\HasChildren\) "\/" Projects\/2025$/,
      /^\* LIST \(\\HasNoChildren\) "\/" Projects\/2025\/Gare$/,
      /^c8 OK/,
    );
    await c.transact(
      'c9 LIST "" %',
      /INBOX/,
      /Archivio/,
      /Drafts/,
      /\(\\HasChildren\) "\/" Projects$/,
      /Sent/,
      /Spam/,
      /Trash/,
      /^c9 OK/,
    );
    await c.transact('c10 DELETE Projects', /^c10 NO \[HASCHILDREN\] /);
    await c.transact('c11 DELETE Projects/2025/Gare', /^c11 OK/);
    await c.transact('c12 DELETE Projects/2025', /^c12 OK/);
    await c.transact('c13 DELETE Projects', /^c13 OK/);
    await c.transact('c14 DELETE Projects', /^c14 NO \[NONEXISTENT\] /);
    await c.transact('c15 DELETE INBOX', /^c15 NO \[CANNOT\] /);
    await c.transact('c16 DELETE Archivio', /^c16 OK/);
  });

  it('encodes non-ASCII names in modified UTF-7', async () => {
    await c.transact('u1 CREATE "Ricevute &AOg-"', /^u1 OK/);
    await c.transact(
      'u2 LIST "" "Ricevute*"',
      /^\* LIST \(\\HasNoChildren\) "\/" "Ricevute &AOg-"$/,
      /^u2 OK/,
    );
    const folder = await server.mailboxes.folders.find(server.accounts[0].mailboxId, 'Ricevute è');
    assert.ok(folder !== undefined);
    await c.transact('u3 DELETE "Ricevute &AOg-"', /^u3 OK/);
  });

  it('RENAMEs a folder with its children and keeps UIDVALIDITY', async () => {
    await c.transact('r1 CREATE Old/Child', /^r1 OK/);
    const [before = ''] = await c.transact('r2 STATUS Old/Child (UIDVALIDITY)', /^\* STATUS /, /^r2 OK/);
    await c.transact('r3 RENAME Old New/Place', /^r3 OK RENAME completed\.$/);
    await c.transact(
      'r4 LIST "" New*',
      /^\* LIST \(\\HasChildren\) "\/" New$/,
      /New\/Place$/,
      /New\/Place\/Child$/,
      /^r4 OK/,
    );
    const [after = ''] = await c.transact('r5 STATUS New/Place/Child (UIDVALIDITY)', /^\* STATUS /, /^r5 OK/);
    assert.equal(after.replace(/^.*UIDVALIDITY /, ''), before.replace(/^.*UIDVALIDITY /, ''));
    await c.transact('r6 RENAME Nope Other', /^r6 NO \[NONEXISTENT\] /);
    await c.transact('r7 RENAME New/Place Sent', /^r7 NO \[ALREADYEXISTS\] /);
    await c.transact('r8 RENAME New New/Inside', /^r8 NO \[CANNOT\] /);
  });

  it('RENAMEs INBOX by moving its messages; INBOX stays, empty', async () => {
    const account = server.accounts[1];
    const d = await login(account);
    await server.deliver(account, 'INBOX', testMessage('one'));
    await server.deliver(account, 'INBOX', testMessage('two'));
    await d.transact('i1 RENAME INBOX Old-Inbox', /^i1 OK/);
    await d.transact('i2 STATUS INBOX (MESSAGES)', /^\* STATUS INBOX \(MESSAGES 0\)$/, /^i2 OK/);
    await d.transact(
      'i3 STATUS Old-Inbox (MESSAGES UIDNEXT)',
      /^\* STATUS Old-Inbox \(MESSAGES 2 UIDNEXT 3\)$/,
      /^i3 OK/,
    );
  });

  it('SUBSCRIBEs and UNSUBSCRIBEs; LSUB and LIST (SUBSCRIBED) follow', async () => {
    await c.transact('s1 CREATE Club/Members', /^s1 OK/);
    // CREATE does not subscribe (the subscription list is the client's).
    await c.transact('s1b SUBSCRIBE Club/Members', /^s1b OK/);
    await c.transact('s2 UNSUBSCRIBE Club', /^s2 OK UNSUBSCRIBE completed\.$/);
    await c.transact('s3 LSUB "" Club*', /^\* LSUB \(\) "\/" Club\/Members$/, /^s3 OK/);
    await c.transact('s4 LSUB "" Club%', /^\* LSUB \(\\Noselect\) "\/" Club$/, /^s4 OK/);
    await c.transact(
      's5 LIST (SUBSCRIBED RECURSIVEMATCH) "" Club',
      /^\* LIST \(\\HasChildren\) "\/" Club \("CHILDINFO" \("SUBSCRIBED"\)\)$/,
      /^s5 OK/,
    );
    await c.transact(
      's6 LIST (SUBSCRIBED) "" Club*',
      /^\* LIST \(\\HasNoChildren \\Subscribed\) "\/" Club\/Members$/,
      /^s6 OK/,
    );
    await c.transact(
      's7 LIST "" Club RETURN (SUBSCRIBED CHILDREN)',
      /^\* LIST \(\\HasChildren\) "\/" Club$/,
      /^s7 OK/,
    );
    await c.transact('s8 SUBSCRIBE Nowhere', /^s8 NO \[NONEXISTENT\] /);
    await c.transact('s9 UNSUBSCRIBE Club/Members', /^s9 OK/);
    await c.transact('s10 LSUB "" Club*', /^s10 OK/);
  });

  it('STATUS reports every item, and LIST RETURN (STATUS) too', async () => {
    const account = server.accounts[0];
    await c.transact('t0 CREATE Stats', /^t0 OK/);
    await server.deliver(account, 'Stats', testMessage('seen'), ['\\Seen']);
    await server.deliver(account, 'Stats', testMessage('deleted'), ['\\Deleted']);
    await server.deliver(account, 'Stats', testMessage('new'));
    const [line = ''] = await c.transact(
      't1 STATUS Stats (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE HIGHESTMODSEQ MAILBOXID)',
      /^\* STATUS Stats \(MESSAGES 3 RECENT 3 UIDNEXT 4 UIDVALIDITY \d+ UNSEEN 2 DELETED 1 SIZE \d+ HIGHESTMODSEQ \d+ MAILBOXID \(F\d+-\d+\)\)$/,
      /^t1 OK STATUS completed\.$/,
    );
    assert.ok(Number(/SIZE (\d+)/.exec(line)?.[1]) > 300);
    await c.transact(
      't2 LIST "" Stats RETURN (STATUS (MESSAGES UNSEEN))',
      /^\* LIST \(\\HasNoChildren\) "\/" Stats$/,
      /^\* STATUS Stats \(MESSAGES 3 UNSEEN 2\)$/,
      /^t2 OK/,
    );
    await c.transact('t3 STATUS Nowhere (MESSAGES)', /^t3 NO \[NONEXISTENT\] /);
  });

  it('SELECTs and EXAMINEs with the RFC 3501 responses, then CLOSE and UNSELECT', async () => {
    const account = server.accounts[0];
    await c.transact('x0 CREATE Sel', /^x0 OK/);
    await server.deliver(account, 'Sel', testMessage('m1'), ['\\Seen']);
    await server.deliver(account, 'Sel', testMessage('m2'), ['$Label1']);
    await c.transact(
      'x1 SELECT Sel',
      /^\* FLAGS \(\\Answered \\Flagged \\Deleted \\Seen \\Draft \$Label1\)$/,
      /^\* OK \[PERMANENTFLAGS \(\\Answered \\Flagged \\Deleted \\Seen \\Draft \$Label1 \\\*\)\] Flags permitted\.$/,
      /^\* 2 EXISTS$/,
      // The first IMAP4rev1 session to select the folder gets its messages as \Recent.
      /^\* 2 RECENT$/,
      /^\* OK \[UNSEEN 2\] /,
      /^\* OK \[UIDVALIDITY \d+\] /,
      /^\* OK \[UIDNEXT 3\] /,
      ...(condstore ? [/^\* OK \[HIGHESTMODSEQ \d+\] Highest$/] : []),
      /^\* OK \[MAILBOXID \(F\d+-\d+\)\] Ok$/,
      /^x1 OK \[READ-WRITE\] Select completed\.$/,
    );
    await c.transact(
      'x2 EXAMINE INBOX',
      /^\* OK \[CLOSED\] Previous mailbox closed\.$/,
      /^\* FLAGS /,
      /^\* OK \[PERMANENTFLAGS \(\)\] Read-only mailbox\.$/,
      /^\* 0 EXISTS$/,
      /^\* 0 RECENT$/,
      /^\* OK \[UIDVALIDITY /,
      /^\* OK \[UIDNEXT 1\] /,
      ...(condstore ? [/HIGHESTMODSEQ/] : []),
      /^\* OK \[MAILBOXID \(F\d+-\d+\)\] Ok$/,
      /^x2 OK \[READ-ONLY\] Examine completed\.$/,
    );
    await c.transact('x3 UNSELECT', /^x3 OK UNSELECT completed\.$/);
    await c.transact('x4 CLOSE', /^x4 BAD No mailbox selected\.$/);
    await c.transact('x5 SELECT Nowhere', /^x5 NO \[NONEXISTENT\] /);
    await c.transact('x6 CLOSE', /^x6 BAD No mailbox selected\.$/);
  });

  it('answers SELECT in the IMAP4rev2 form once enabled (RFC 9051 §6.3.2)', async () => {
    const d = await login(server.accounts[1]);
    await d.transact('v1 ENABLE IMAP4rev2', /^\* ENABLED IMAP4rev2$/, /^v1 OK/);
    await d.transact(
      'v2 SELECT inbox',
      /^\* FLAGS /,
      /^\* OK \[PERMANENTFLAGS /,
      /^\* \d+ EXISTS$/,
      /^\* LIST \(\) "\/" INBOX$/,
      /^\* OK \[UIDVALIDITY \d+\] /,
      /^\* OK \[UIDNEXT \d+\] /,
      /^\* OK \[HIGHESTMODSEQ \d+\] /,
      /^\* OK \[MAILBOXID \(F\d+-\d+\)\] Ok$/,
      /^v2 OK \[READ-WRITE\] /,
    );
  });

  it('CLOSE expunges \\Deleted messages silently when read-write, not after EXAMINE', async () => {
    const account = server.accounts[0];
    await c.transact('e0 CREATE Bin', /^e0 OK/);
    await server.deliver(account, 'Bin', testMessage('keep'));
    await server.deliver(account, 'Bin', testMessage('drop'), ['\\Deleted']);
    await c.command('e1 EXAMINE Bin');
    await c.transact('e2 CLOSE', /^e2 OK CLOSE completed\.$/);
    await c.transact('e3 STATUS Bin (MESSAGES)', /MESSAGES 2/, /^e3 OK/);
    await c.command('e4 SELECT Bin');
    await c.transact('e5 CLOSE', /^e5 OK CLOSE completed\.$/);
    await c.transact('e6 STATUS Bin (MESSAGES)', /MESSAGES 1/, /^e6 OK/);
  });

  it('DELETE of the selected folder closes it first', async () => {
    await c.transact('d0 CREATE Doomed', /^d0 OK/);
    await c.command('d1 SELECT Doomed');
    await c.transact('d2 DELETE Doomed', /^d2 OK/);
    await c.transact('d3 CHECK', /^d3 BAD No mailbox selected\.$/);
  });

  it('reports the box quota in KiB and refuses SETQUOTA', async () => {
    const [quota = ''] = await c.transact(
      'q1 GETQUOTAROOT INBOX',
      /^\* QUOTAROOT INBOX ""$/,
      /^\* QUOTA "" \(STORAGE \d+ 10240\)$/,
      /^q1 OK/,
    );
    assert.match(quota, /QUOTAROOT/);
    await c.transact('q2 GETQUOTA ""', /^\* QUOTA "" \(STORAGE \d+ 10240\)$/, /^q2 OK/);
    await c.transact('q3 GETQUOTA "other"', /^q3 NO \[NONEXISTENT\] /);
    await c.transact('q4 SETQUOTA "" (STORAGE 1)', /^q4 NO \[NOPERM\] /);
  });
});
