/**
 * Paged results as transcripts over real sockets: `RETURN (PARTIAL first:last)` of SEARCH and SORT
 * (RFC 5267 §4.4) with negative ranges counting from the end (RFC 9394 §3.1), the PARTIAL modifier of
 * UID FETCH (RFC 9394 §3.2), SAVE with PARTIAL, and a page asked for while another session expunges.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, type ImapTestServer } from './testing/imap-test-server.ts';

const message = (n: number) =>
  `From: mittente${n}@pec.test\r\nTo: anna.bianchi@pec.test\r\nSubject: pagina ${n}\r\n` +
  `Date: Mon, ${10 - n} Mar 2025 10:00:00 +0100\r\nMessage-ID: <page${n}@pec.test>\r\n\r\nTesto ${n}.\r\n`;

describe('IMAP PARTIAL paging', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const login = async () => {
    const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    open.push(c);
    await c.expect(/^\* OK /);
    const account = server.accounts[0];
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    return c;
  };

  before(async () => {
    server = await startImapTestServer();
    const c = await login();
    await c.transact('c CREATE Pages', /^c OK/);
    c.close();
    // Nine messages, dates running backwards: SORT (DATE) is 9 8 7 ... 1.
    for (let n = 1; n <= 9; n++) await server.deliver(server.accounts[0], 'Pages', message(n));
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('is advertised as PARTIAL, with CONTEXT=SEARCH and CONTEXT=SORT (live results, live-search.test.ts)', async () => {
    const c = await login();
    const [caps] = await c.transact('c CAPABILITY', /^\* CAPABILITY /, /^c OK/);
    const names = (caps ?? '').split(' ');
    assert.ok(names.includes('PARTIAL'), caps);
    assert.ok(names.includes('CONTEXT=SEARCH') && names.includes('CONTEXT=SORT'), caps);
  });

  it('SEARCH and SORT return the results at the positions asked, from either end', async () => {
    const c = await login();
    await c.command('s SELECT Pages');
    await c.transact(
      'p1 UID SEARCH RETURN (PARTIAL 1:4) ALL',
      /^\* ESEARCH \(TAG "p1"\) UID PARTIAL \(1:4 1:4\)$/,
      /^p1 OK/,
    );
    await c.transact(
      'p2 SEARCH RETURN (PARTIAL -1:-3 COUNT) ALL',
      /^\* ESEARCH \(TAG "p2"\) PARTIAL \(-1:-3 7:9\) COUNT 9$/,
      /^p2 OK/,
    );
    await c.transact(
      'p3 SEARCH RETURN (PARTIAL 8:20) ALL',
      /^\* ESEARCH \(TAG "p3"\) PARTIAL \(8:20 8:9\)$/,
      /^p3 OK/,
    );
    await c.transact(
      'p4 SEARCH RETURN (PARTIAL 10:20) ALL',
      /^\* ESEARCH \(TAG "p4"\) PARTIAL \(10:20 NIL\)$/,
      /^p4 OK/,
    );
    // In sort order, not ascending: the newest first.
    await c.transact(
      'p5 UID SORT RETURN (PARTIAL 1:3) (REVERSE DATE) UTF-8 ALL',
      /^\* ESEARCH \(TAG "p5"\) UID PARTIAL \(1:3 1:3\)$/,
      /^p5 OK/,
    );
    await c.transact(
      'p6 SORT RETURN (PARTIAL 2:4) (DATE) UTF-8 ALL',
      /^\* ESEARCH \(TAG "p6"\) PARTIAL \(2:4 8,7,6\)$/,
      /^p6 OK/,
    );
    // SAVE keeps only the page (RFC 9394 §3.1).
    await c.transact(
      'p7 SEARCH RETURN (SAVE PARTIAL -1:-2) ALL',
      /^\* ESEARCH \(TAG "p7"\) PARTIAL \(-1:-2 8:9\)$/,
      /^p7 OK/,
    );
    await c.transact('p8 FETCH $ (UID)', /^\* 8 FETCH \(UID 8\)$/, /^\* 9 FETCH \(UID 9\)$/, /^p8 OK/);
    for (const bad of ['PARTIAL 0:3', 'PARTIAL 1:-3', 'PARTIAL 1:3 ALL', 'PARTIAL']) {
      await c.transact(`b SEARCH RETURN (${bad}) ALL`, /^b BAD /);
    }
  });

  it('UID FETCH (PARTIAL ...) fetches the page of the set, after CHANGEDSINCE', async () => {
    const c = await login();
    const selected = await c.command('s SELECT Pages');
    const modseq = Number(/HIGHESTMODSEQ (\d+)/.exec(selected.untagged.join('\n'))?.[1]);
    await c.transact(
      'f1 UID FETCH 1:* (FLAGS) (PARTIAL -1:-2)',
      /^\* 8 FETCH \(UID 8 FLAGS \(.*\)\)$/,
      /^\* 9 FETCH \(UID 9 FLAGS \(.*\)\)$/,
      /^f1 OK/,
    );
    await c.transact('f2 UID FETCH 3:5 (UID) (PARTIAL 2:2)', /^\* 4 FETCH \(UID 4\)$/, /^f2 OK/);
    await c.transact('f3 UID STORE 2,6 +FLAGS.SILENT (\\Flagged)', /^f3 OK/);
    await c.transact(
      `f4 UID FETCH 1:* (FLAGS) (CHANGEDSINCE ${modseq} PARTIAL 2:5)`,
      /^\* OK \[HIGHESTMODSEQ \d+\]/,
      /^\* 6 FETCH \(UID 6 FLAGS \(\\Flagged.*\) MODSEQ \(\d+\)\)$/,
      /^f4 OK/,
    );
  });

  it('pages by UID stay right while another session expunges', async () => {
    const a = await login();
    const b = await login();
    await a.command('s SELECT Pages');
    await b.command('s SELECT Pages');
    await b.transact('e1 UID STORE 9 +FLAGS.SILENT (\\Deleted)', /^e1 OK/);
    await b.transact('e2 UID EXPUNGE 9', /^\* 9 EXPUNGE$/, /^e2 OK/);
    // a has not been told: by UID the page skips the expunged message, then EXPUNGE comes.
    await a.transact(
      'a1 UID SEARCH RETURN (PARTIAL -1:-2) ALL',
      /^\* ESEARCH \(TAG "a1"\) UID PARTIAL \(-1:-2 7:8\)$/,
      /^\* 9 EXPUNGE$/,
      /^a1 OK/,
    );
    await a.transact(
      'a2 SEARCH RETURN (PARTIAL -1:-1) ALL',
      /^\* ESEARCH \(TAG "a2"\) PARTIAL \(-1:-1 8\)$/,
      /^a2 OK/,
    );
  });
});
