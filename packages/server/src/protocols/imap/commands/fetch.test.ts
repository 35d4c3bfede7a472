/**
 * FETCH / UID FETCH as transcripts over real sockets: metadata items from stored data, body sections
 * byte-exact, BODY.PEEK vs BODY and `\Seen`, read-only folders, partials, BINARY, CHANGEDSINCE and
 * VANISHED, invalid sets, and messages expunged by another session meanwhile.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nestedMessage, rfc3501Message } from '../../../../test/imap-messages/sample-messages.ts';
import { openImapConversation, type ImapConversation } from '../testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from '../testing/imap-test-server.ts';

describe('IMAP FETCH', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const login = async (account = server.accounts[0]) => {
    const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    open.push(c);
    await c.expect(/^\* OK /);
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    return c;
  };
  const selectInbox = async (c: ImapConversation, examine = false) => {
    const reply = await c.command(`s ${examine ? 'EXAMINE' : 'SELECT'} INBOX`);
    assert.match(reply.tagged, /^s OK /);
  };

  before(async () => {
    server = await startImapTestServer();
    const account = server.accounts[0];
    await server.deliver(account, 'INBOX', rfc3501Message(), ['\\Answered']);
    await server.deliver(account, 'INBOX', nestedMessage());
    await server.deliver(account, 'INBOX', testMessage('terzo'), ['\\Seen', '$Fattura']);
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('answers FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE) from stored metadata', async () => {
    const c = await login();
    await selectInbox(c, true);
    const [first = '', second = '', third = ''] = await c.transact(
      'f1 FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE)',
      /^\* 1 FETCH \(UID 1 FLAGS \(\\Answered(?: ?\\Recent)?\) ENVELOPE /,
      /^\* 2 FETCH \(UID 2 FLAGS \((?: ?\\Recent)?\) ENVELOPE /,
      /^\* 3 FETCH \(UID 3 FLAGS \(\\Seen \$Fattura(?: ?\\Recent)?\) ENVELOPE /,
      /^f1 OK FETCH completed\.$/,
    );
    assert.ok(
      first.includes(
        'ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" ' +
          '(("Terry Gray" NIL "gray" "cac.washington.edu"))',
      ),
      first,
    );
    assert.ok(
      first.endsWith(
        'BODYSTRUCTURE ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 3028 92 NIL NIL NIL NIL))',
      ),
    );
    // The embedded message's envelope and structure are part of the outer BODYSTRUCTURE.
    assert.ok(
      second.includes(
        '("message" "rfc822" ("name" "postacert.eml") NIL NIL "7bit" 583 ("Mon, 04 Nov 2024 10:00:00 +0100" ' +
          '"Messaggio originale" (("Anna Verdi" NIL "anna" "example.com"))',
      ),
      second,
    );
    assert.match(second, /"mixed" \("boundary" "outer"\) NIL NIL NIL\)\)$/);
    assert.match(
      third,
      /BODYSTRUCTURE \("text" "plain" \("charset" "us-ascii"\) NIL NIL "7bit" 8 1 NIL NIL NIL NIL\)\)$/,
    );
  });

  it('expands ALL, FAST and FULL and formats INTERNALDATE and RFC822.SIZE', async () => {
    const c = await login();
    await selectInbox(c, true);
    const size = rfc3501Message().length;
    await c.transact(
      'f1 FETCH 1 FAST',
      new RegExp(
        `^\\* 1 FETCH \\(FLAGS \\(\\\\Answered(?: \\\\Recent)?\\) INTERNALDATE "[ 0-9]{2}-[A-Z][a-z]{2}-\\d{4} \\d{2}:\\d{2}:\\d{2} \\+0[12]00" RFC822\\.SIZE ${size}\\)$`,
      ),
      /^f1 OK/,
    );
    await c.transact(
      'f2 FETCH 1 ALL',
      /^\* 1 FETCH \(FLAGS .* INTERNALDATE .* RFC822\.SIZE \d+ ENVELOPE \(.*\)\)$/,
      /^f2 OK/,
    );
    await c.transact(
      'f3 FETCH 1 FULL',
      /ENVELOPE \(.*\) BODY \("text" "plain" \("charset" "us-ascii"\) NIL NIL "7bit" 3028 92\)\)$/,
      /^f3 OK/,
    );
  });

  it('BODY.PEEK leaves \\Seen alone, BODY[...] sets it and reports the new FLAGS', async () => {
    const c = await login();
    await selectInbox(c);
    await c.transact(
      'p1 FETCH 2 (BODY.PEEK[HEADER.FIELDS (Subject)])',
      /^\* 2 FETCH \(BODY\[HEADER\.FIELDS \(Subject\)\] \{43\}\r\nSubject: =\?UTF-8\?Q\?Fattura_n=C2=B0_17\?=\r\n\r\n\)$/,
      /^p1 OK/,
    );
    await c.transact('p2 FETCH 2 (FLAGS)', /^\* 2 FETCH \(FLAGS \((?: ?\\Recent)?\)\)$/, /^p2 OK/);
    await c.transact(
      'p3 FETCH 2 (BODY[1.1])',
      /^\* 2 FETCH \(BODY\[1\.1\] \{\d+\}\r\nBuongiorno.*zibibbo\r\n FLAGS \(\\Seen(?: ?\\Recent)?\)\)$/s,
      /^p3 OK/,
    );
    await c.transact('p4 FETCH 2 (FLAGS)', /^\* 2 FETCH \(FLAGS \(\\Seen(?: ?\\Recent)?\)\)$/, /^p4 OK/);
    // Already seen: no FLAGS added.
    await c.transact(
      'p5 FETCH 2 (BODY[1.2])',
      /^\* 2 FETCH \(BODY\[1\.2\] \{19\}\r\n<p>Buongiorno<\/p>\r\n\)$/,
      /^p5 OK/,
    );
    await c.transact('p6 STORE 2 -FLAGS.SILENT (\\Seen)', /^p6 OK/);
    await c.transact(
      'p7 UID FETCH 2 (RFC822.TEXT)',
      /^\* 2 FETCH \(UID 2 RFC822\.TEXT \{\d+\}\r\npreamble.* FLAGS \(\\Seen(?: ?\\Recent)?\)\)$/s,
      /^p7 OK/,
    );
    await c.transact('p8 STORE 2 -FLAGS.SILENT (\\Seen)', /^p8 OK/);
  });

  it('never sets \\Seen in a folder opened with EXAMINE', async () => {
    const c = await login();
    await selectInbox(c, true);
    await c.transact('e1 FETCH 2 (BODY[TEXT]<0.8>)', /^\* 2 FETCH \(BODY\[TEXT\]<0> "preamble"\)$/, /^e1 OK/);
    await c.transact('e2 FETCH 2 FLAGS', /^\* 2 FETCH \(FLAGS \((?: ?\\Recent)?\)\)$/, /^e2 OK/);
  });

  it('serves partials, RFC822.HEADER, MIME headers, nested parts and BINARY', async () => {
    const c = await login();
    await selectInbox(c, true);
    await c.transact(
      'b1 FETCH 2 (BODY.PEEK[3.1]<5.9>)',
      /^\* 2 FETCH \(BODY\[3\.1\]<5> " con acce"\)$/,
      /^b1 OK/,
    );
    await c.transact('b2 FETCH 2 (BODY.PEEK[3.1]<500.9>)', /^\* 2 FETCH \(BODY\[3\.1\]<500> ""\)$/, /^b2 OK/);
    await c.transact(
      'b3 FETCH 2 (BODY.PEEK[3.HEADER.FIELDS (SUBJECT)])',
      /^\* 2 FETCH \(BODY\[3\.HEADER\.FIELDS \(SUBJECT\)\] \{32\}\r\nSubject: Messaggio originale\r\n\r\n\)$/,
      /^b3 OK/,
    );
    await c.transact(
      'b4 FETCH 2 (BODY.PEEK[1.1.MIME])',
      /^\* 2 FETCH \(BODY\[1\.1\.MIME\] \{\d+\}\r\nContent-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\)$/,
      /^b4 OK/,
    );
    await c.transact('b5 FETCH 2 (BODY.PEEK[9])', /^\* 2 FETCH \(BODY\[9\] ""\)$/, /^b5 OK/);
    await c.transact(
      'b6 FETCH 3 (RFC822.HEADER)',
      /^\* 3 FETCH \(RFC822\.HEADER \{\d+\}\r\nFrom: Mario Rossi.*\r\n\r\n\)$/s,
      /^b6 OK/,
    );
    await c.transact(
      'b7 FETCH 2 (BINARY.PEEK[3.1] BINARY.SIZE[2])',
      /^\* 2 FETCH \(BINARY\[3\.1\] \{\d+\}\r\nTesto con accento: citt\uFFFD di Torino\r\n BINARY\.SIZE\[2\] 25\)$/s,
      /^b7 OK/,
    );
  });

  it('refuses sequence numbers beyond the folder and BINARY of an unknown encoding', async () => {
    const c = await login();
    await selectInbox(c, true);
    await c.transact('x1 FETCH 4 FLAGS', /^x1 BAD /);
    await c.transact('x2 FETCH 1:* BODY[HEADER.FIELDS (From])', /^x2 BAD /);
    await c.transact('x3 UID FETCH 4:9 FLAGS', /^x3 OK/);
    await c.transact(
      'x4 UID FETCH 9:* FLAGS',
      /^\* 3 FETCH \(UID 3 FLAGS \(\\Seen \$Fattura(?: ?\\Recent)?\)\)$/,
      /^x4 OK/,
    );
  });

  it('UID FETCH with CHANGEDSINCE returns only changed messages, with MODSEQ', async () => {
    const c = await login();
    await selectInbox(c);
    const [, modseqLine = ''] = await c.transact(
      'c1 FETCH 1:* (MODSEQ)',
      /^\* OK \[HIGHESTMODSEQ \d+\]/,
      /^\* 1 FETCH \(MODSEQ \(\d+\)\)$/,
      /^\* 2 FETCH/,
      /^\* 3 FETCH/,
      /^c1 OK/,
    );
    const before = Number(/MODSEQ \((\d+)\)/.exec(modseqLine)?.[1] ?? 0);
    const modseqs = await c.command('c2 FETCH 1:* (MODSEQ)');
    const highest = Math.max(
      ...modseqs.untagged.map((line) => Number(/MODSEQ \((\d+)\)/.exec(line)?.[1] ?? 0)),
    );
    assert.ok(highest >= before);
    await c.transact('c3 STORE 3 +FLAGS.SILENT (\\Flagged)', /^\* 3 FETCH \(MODSEQ \(\d+\)\)$/, /^c3 OK/);
    await c.transact(
      `c4 UID FETCH 1:* (FLAGS) (CHANGEDSINCE ${highest})`,
      /^\* 3 FETCH \(UID 3 FLAGS \(\\Flagged \\Seen \$Fattura(?: ?\\Recent)?\) MODSEQ \(\d+\)\)$/,
      /^c4 OK/,
    );
    await c.transact('c5 STORE 3 -FLAGS.SILENT (\\Flagged)', /^\* 3 FETCH/, /^c5 OK/);
    await c.transact('c6 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)', /^c6 BAD /);
  });

  it('ends in NO [EXPUNGEISSUED] for messages another session expunged meanwhile', async () => {
    const account = server.accounts[1];
    await server.deliver(account, 'INBOX', testMessage('uno'));
    await server.deliver(account, 'INBOX', testMessage('due'), ['\\Deleted']);
    const a = await login(account);
    const b = await login(account);
    await selectInbox(a);
    await selectInbox(b);
    await b.transact('b1 EXPUNGE', /^\* 2 EXPUNGE$/, /^b1 OK/);
    await a.transact(
      'a1 FETCH 1:2 (FLAGS)',
      /^\* 1 FETCH \(FLAGS \((?: ?\\Recent)?\)\)$/,
      /^a1 NO \[EXPUNGEISSUED\] /,
    );
    await a.transact('a2 NOOP', /^\* 2 EXPUNGE$/, /^a2 OK/);
  });
});
