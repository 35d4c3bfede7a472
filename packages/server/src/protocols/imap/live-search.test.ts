/**
 * Live results (RFC 5267 §4, CONTEXT=SEARCH and CONTEXT=SORT) as transcripts over real sockets: one
 * session holds a live UID SEARCH, a live UID SORT and a live SEARCH by sequence number and idles
 * while another stores, appends and expunges; each change must bring exactly the ADDTO / REMOVEFROM
 * lines of RFC 5267 §4.3 (position 0 for SEARCH, positions in sort order for SORT), in Dovecot's
 * order. Also: CANCELUPDATE, contexts ending with the selection, the session's own STORE, PARTIAL
 * with UPDATE, the CONTEXT hint, duplicate tags and the NOUPDATE limit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, type ImapTestServer } from './testing/imap-test-server.ts';

/** Message n is dated (10 - n) March: SORT (DATE) puts the highest UIDs first. */
const message = (n: number, day = 10 - n, hour = 10) =>
  `From: mittente${n}@pec.test\r\nTo: anna.bianchi@pec.test\r\nSubject: vivo ${n}\r\n` +
  `Date: Mon, ${day} Mar 2025 ${hour}:00:00 +0100\r\nMessage-ID: <live${n}@pec.test>\r\n\r\nTesto ${n}.\r\n`;

/** A pattern matching exactly `text`. */
const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('IMAP live search results (CONTEXT=SEARCH, CONTEXT=SORT)', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const login = async (target = server) => {
    const c = await openImapConversation({ port: target.tlsPort, ca: target.ca, implicitTls: true });
    open.push(c);
    await c.expect(/^\* OK /);
    const account = target.accounts[0];
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    return c;
  };
  /** `c` must receive exactly these lines next, in this order. */
  const receives = async (c: ImapConversation, ...lines: string[]) => {
    for (const line of lines) await c.expect(exact(line));
  };

  before(async () => {
    server = await startImapTestServer();
    const c = await login();
    await c.transact('c CREATE Live', /^c OK/);
    await c.transact('d CREATE Other', /^d OK/);
    c.close();
    for (let n = 1; n <= 4; n++) await server.deliver(server.accounts[0], 'Live', message(n));
    for (let n = 1; n <= 3; n++) await server.deliver(server.accounts[0], 'Other', message(n));
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('sends ADDTO and REMOVEFROM to an idling session while another one changes the folder', async () => {
    const changer = await login();
    await changer.command('s SELECT Live');
    const watcher = await login();
    // IMAP4rev2: no \Recent and no RECENT lines between the updates.
    await watcher.transact('e ENABLE IMAP4rev2', /^\* ENABLED IMAP4rev2$/, /^e OK/);
    await watcher.command('s SELECT Live');
    await watcher.transact(
      's1 UID SEARCH RETURN (UPDATE ALL) UNSEEN',
      exact('* ESEARCH (TAG "s1") UID ALL 1:4'),
      /^s1 OK/,
    );
    await watcher.transact(
      's2 UID SORT RETURN (UPDATE ALL) (DATE) UTF-8 UNSEEN',
      exact('* ESEARCH (TAG "s2") UID ALL 4,3,2,1'),
      /^s2 OK/,
    );
    await watcher.transact(
      's3 SEARCH RETURN (UPDATE COUNT) FLAGGED',
      exact('* ESEARCH (TAG "s3") COUNT 0'),
      /^s3 OK/,
    );
    watcher.send('i IDLE');
    await watcher.expect(/^\+ /);

    // A flag change that takes a message out of the UNSEEN results: position 3 in date order.
    await changer.transact('b1 STORE 2 +FLAGS (\\Seen)', /^\* 2 FETCH/, /^b1 OK/);
    await receives(
      watcher,
      '* 2 FETCH (FLAGS (\\Seen))',
      '* ESEARCH (TAG "s1") UID REMOVEFROM (0 2)',
      '* ESEARCH (TAG "s2") UID REMOVEFROM (3 2)',
    );
    // One that brings a message into FLAGGED: a sequence number for the SEARCH without UID.
    await changer.transact('b2 STORE 3 +FLAGS (\\Flagged)', /^\* 3 FETCH/, /^b2 OK/);
    await receives(watcher, '* 3 FETCH (FLAGS (\\Flagged))', '* ESEARCH (TAG "s3") ADDTO (0 3)');
    // A new message dated 8 March at noon: after UID 3 (7 March), before UID 1 (9 March).
    const fifth = message(5, 8, 12);
    assert.match((await changer.command(`b3 APPEND Live {${fifth.length}+}\r\n${fifth}`)).tagged, /^b3 OK/);
    await receives(
      watcher,
      '* 5 EXISTS',
      '* ESEARCH (TAG "s1") UID ADDTO (0 5)',
      '* ESEARCH (TAG "s2") UID ADDTO (3 5)',
    );
    // An expunge: REMOVEFROM first, numbered as before the EXPUNGE that follows.
    await changer.transact('b4 STORE 1 +FLAGS.SILENT (\\Deleted)', /^b4 OK/);
    await receives(watcher, '* 1 FETCH (FLAGS (\\Deleted))');
    await changer.transact('b5 EXPUNGE', /^\* 1 EXPUNGE$/, /^b5 OK/);
    await receives(
      watcher,
      '* ESEARCH (TAG "s1") UID REMOVEFROM (0 1)',
      '* ESEARCH (TAG "s2") UID REMOVEFROM (4 1)',
      '* 1 EXPUNGE',
    );
    // UID 3 is now message 2: the SEARCH without UID says 2.
    await changer.transact('b6 UID STORE 3 -FLAGS.SILENT (\\Flagged)', /^b6 OK/);
    await receives(watcher, '* 2 FETCH (FLAGS ())', '* ESEARCH (TAG "s3") REMOVEFROM (0 2)');
    // Two new messages at once (MULTIAPPEND): the earliest date goes first in the SORT result.
    const sixth = message(6, 2);
    const seventh = message(7, 20);
    const both = `b7 APPEND Live {${sixth.length}+}\r\n${sixth} {${seventh.length}+}\r\n${seventh}`;
    assert.match((await changer.command(both)).tagged, /^b7 OK/);
    await receives(
      watcher,
      '* 6 EXISTS',
      '* ESEARCH (TAG "s1") UID ADDTO (0 6:7)',
      '* ESEARCH (TAG "s2") UID ADDTO (1 6 5 7)',
    );
    watcher.send('DONE');
    await watcher.expect(/^i OK/);

    // Cancelled: only the SORT is still live. UID 4 is first in date order after UID 6.
    await watcher.transact('c1 CANCELUPDATE "s1"', /^c1 OK/);
    await changer.transact('b8 UID STORE 4 +FLAGS.SILENT (\\Seen)', /^b8 OK/);
    await watcher.transact(
      'n1 NOOP',
      exact('* 3 FETCH (FLAGS (\\Seen))'),
      exact('* ESEARCH (TAG "s2") UID REMOVEFROM (2 4)'),
      /^n1 OK/,
    );
    await watcher.transact('c2 CANCELUPDATE "s1"', /^c2 NO /);
    await watcher.transact('c3 CANCELUPDATE s2', /^c3 BAD /);

    // The session's own STORE changes its own live results too, after the FETCH it answers with.
    await watcher.transact(
      'w1 UID STORE 5 +FLAGS (\\Seen)',
      /^\* 4 FETCH \(/,
      exact('* ESEARCH (TAG "s2") UID REMOVEFROM (3 5)'),
      /^w1 OK/,
    );

    // Deselecting ends every context (RFC 5267 §4.3).
    await watcher.command('u UNSELECT');
    await watcher.transact('c4 CANCELUPDATE "s2"', /^c4 NO /);
    await watcher.command('s SELECT Live');
    assert.match((await changer.command('b9 UID STORE 6 +FLAGS.SILENT (\\Seen)')).tagged, /^b9 OK/);
    await watcher.transact('n2 NOOP', exact('* 5 FETCH (FLAGS (\\Seen))'), /^n2 OK/);
  });

  it('reports changes of the whole result whatever PARTIAL asked (RFC 5267 §4.3)', async () => {
    const changer = await login();
    await changer.command('s SELECT Other');
    const watcher = await login();
    await watcher.transact('e ENABLE IMAP4rev2', /^\* ENABLED/, /^e OK/);
    await watcher.command('s SELECT Other');
    // Date order: 3 2 1; the page is the first two, the change is at position 3.
    await watcher.transact(
      'p1 UID SORT RETURN (UPDATE PARTIAL 1:2) (DATE) UTF-8 UNSEEN',
      exact('* ESEARCH (TAG "p1") UID PARTIAL (1:2 3,2)'),
      /^p1 OK/,
    );
    await watcher.transact(
      'p2 SEARCH RETURN (CONTEXT MIN UPDATE) UNSEEN',
      exact('* ESEARCH (TAG "p2") MIN 1'),
      /^p2 OK/,
    );
    await changer.transact('b1 UID STORE 1 +FLAGS.SILENT (\\Seen)', /^b1 OK/);
    await watcher.transact(
      'n NOOP',
      exact('* 1 FETCH (FLAGS (\\Seen))'),
      exact('* ESEARCH (TAG "p1") UID REMOVEFROM (3 1)'),
      exact('* ESEARCH (TAG "p2") REMOVEFROM (0 1)'),
      /^n OK/,
    );
    // A change that keeps the result as it was sends nothing.
    await changer.transact('b2 UID STORE 2 +FLAGS.SILENT (\\Answered)', /^b2 OK/);
    await watcher.transact('n2 NOOP', exact('* 2 FETCH (FLAGS (\\Answered))'), /^n2 OK/);
  });

  it('takes CONTEXT as a hint, refuses a tag in use and says NOUPDATE past the limit', async () => {
    const limited = await startImapTestServer({ limits: { maxLiveSearches: 2 } });
    try {
      const c = await login(limited);
      await c.command('s SELECT INBOX');
      await c.transact('h SEARCH RETURN (CONTEXT) ALL', exact('* ESEARCH (TAG "h")'), /^h OK/);
      await c.transact('u1 UID SEARCH RETURN (UPDATE) ALL', exact('* ESEARCH (TAG "u1") UID'), /^u1 OK/);
      await c.transact('u1 UID SEARCH RETURN (UPDATE) SEEN', /^u1 BAD /);
      await c.transact('u2 SEARCH RETURN (UPDATE UPDATE) ALL', /^u2 BAD /);
      await c.transact('u2 UID SORT RETURN (UPDATE COUNT) (ARRIVAL) UTF-8 ALL', /^\* ESEARCH/, /^u2 OK/);
      await c.transact(
        'u3 UID SEARCH RETURN (UPDATE COUNT) ALL',
        exact('* NO [NOUPDATE "u3"] Too many live searches: this one is not updated.'),
        exact('* ESEARCH (TAG "u3") UID COUNT 0'),
        /^u3 OK/,
      );
      // Without a context u3 has nothing to cancel; freeing a slot makes room again.
      await c.transact('c1 CANCELUPDATE "u3"', /^c1 NO /);
      await c.transact('c2 CANCELUPDATE "u1" "u2"', /^c2 OK/);
      await c.transact('u4 UID SEARCH RETURN (UPDATE) ALL', exact('* ESEARCH (TAG "u4") UID'), /^u4 OK/);
      const [caps] = await c.transact('k CAPABILITY', /^\* CAPABILITY /, /^k OK/);
      assert.ok(caps?.split(' ').includes('CONTEXT=SEARCH'), caps);
      assert.ok(caps?.split(' ').includes('CONTEXT=SORT'), caps);
    } finally {
      await limited.close();
    }
  });
});
