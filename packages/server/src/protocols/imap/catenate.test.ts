/**
 * CATENATE (RFC 4469) as a transcript over a real socket: APPEND assembling TEXT literals and URLs of
 * this user's own messages (whole message or a section, mailbox names percent-encoded modified
 * UTF-7), `NO [BADURL url]` for URLs that do not resolve (stale UIDVALIDITY, missing UID or section,
 * another server's or user's URL) and `NO [TOOBIG]` past the command limit; nothing is stored then.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from './testing/imap-test-server.ts';

describe('IMAP CATENATE', () => {
  let server: ImapTestServer;
  let c: ImapConversation;
  let inboxValidity = 0;
  let cityValidity = 0;
  const header = 'From: Mario Rossi <mario.rossi@pec.test>\r\nSubject: inoltro\r\n\r\n';

  before(async () => {
    server = await startImapTestServer({ limits: { maxCommandLiteralBytes: 4096 } });
    c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    await c.expect(/^\* OK /);
    const account = server.accounts[0];
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    await c.transact('c1 CREATE Bozze', /^c1 OK/);
    await c.transact('c2 CREATE Citt&AOA-', /^c2 OK/);
    await server.deliver(account, 'INBOX', testMessage('originale', 'Corpo originale.'));
    await server.deliver(account, 'INBOX', testMessage('grande', 'x'.repeat(3000)));
    await server.deliver(account, 'Città', testMessage('torinese', 'Mole.'));
    const validity = async (tag: string, name: string) => {
      const [line] = await c.transact(
        `${tag} STATUS ${name} (UIDVALIDITY)`,
        /^\* STATUS /,
        new RegExp(`^${tag} OK`),
      );
      return Number(/UIDVALIDITY (\d+)/.exec(line ?? '')?.[1]);
    };
    inboxValidity = await validity('v1', 'INBOX');
    cityValidity = await validity('v2', 'Citt&AOA-');
  });
  after(async () => {
    c.close();
    await server.close();
  });

  const bodyOf = async (tag: string, uid: number) => {
    await c.command(`${tag}s SELECT Bozze`);
    const fetched = await c.command(`${tag} UID FETCH ${uid} (BODY.PEEK[])`);
    // Authenticated state again: later APPENDs to Bozze send no unsolicited EXISTS here.
    await c.transact(`${tag}u UNSELECT`, new RegExp(`^${tag}u OK`));
    return fetched.untagged.join('\r\n');
  };

  it('is advertised', async () => {
    const [caps] = await c.transact('a CAPABILITY', /^\* CAPABILITY /, /^a OK/);
    assert.ok(caps?.split(' ').includes('CATENATE'), caps);
  });

  it('assembles TEXT and a URL section of a message of this user', async () => {
    const url = `/INBOX;UIDVALIDITY=${inboxValidity}/;UID=1/;SECTION=TEXT`;
    c.write(`p1 APPEND Bozze (\\Draft) CATENATE (TEXT {${header.length}+}\r\n${header} URL "${url}")\r\n`);
    await c.expect(/^p1 OK \[APPENDUID \d+ 1\] /);
    const raw = await bodyOf('p2', 1);
    assert.ok(
      raw.includes(
        `BODY[] {${header.length + 'Corpo originale.\r\n'.length}}\r\n${header}Corpo originale.\r\n)`,
      ),
      raw,
    );
  });

  it('resolves a whole message in a percent-encoded modified UTF-7 folder, with TEXT around it', async () => {
    const url = `/Citt%26AOA-;uidvalidity=${cityValidity}/;uid=1`;
    c.write(
      `p3 APPEND Bozze CATENATE (TEXT {${header.length}+}\r\n${header} URL ${url} TEXT {4+}\r\n--\r\n)\r\n`,
    );
    await c.expect(/^p3 OK \[APPENDUID \d+ 2\] /);
    const original = testMessage('torinese', 'Mole.');
    const raw = await bodyOf('p4', 2);
    assert.ok(raw.includes(`${header}${original}--\r\n)`), raw);
  });

  it('takes synchronising literals in TEXT parts (continuation before each)', async () => {
    const url = `/INBOX;UIDVALIDITY=${inboxValidity}/;UID=1/;SECTION=1`;
    c.write(`s1 APPEND Bozze CATENATE (TEXT {${header.length}}\r\n`);
    await c.expect(/^\+ /);
    c.write(`${header} URL "${url}")\r\n`);
    await c.expect(/^s1 OK \[APPENDUID \d+ 3\] /);
    const raw = await bodyOf('s2', 3);
    assert.ok(raw.includes(`${header}Corpo originale.\r\n)`), raw);
  });

  it('refuses URLs that do not resolve with BADURL and stores nothing', async () => {
    const bad = [
      `/INBOX;UIDVALIDITY=${inboxValidity + 1}/;UID=1`,
      `/INBOX;UIDVALIDITY=${inboxValidity}/;UID=99`,
      `/INBOX;UIDVALIDITY=${inboxValidity}/;UID=1/;SECTION=9`,
      `/Nessuna;UIDVALIDITY=${inboxValidity}/;UID=1`,
      `imap://anna.bianchi@pec.test/INBOX;UIDVALIDITY=${inboxValidity}/;UID=1`,
      'INBOX;UIDVALIDITY=1/;UID=1',
    ];
    for (const [i, url] of bad.entries()) {
      c.write(`b${i} APPEND Bozze CATENATE (TEXT {${header.length}+}\r\n${header} URL "${url}")\r\n`);
      const escaped = url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      await c.expect(new RegExp(`^b${i} NO \\[BADURL ${escaped}\\] `));
    }
    await c.transact('b9 STATUS Bozze (MESSAGES)', /^\* STATUS Bozze \(MESSAGES 3\)$/, /^b9 OK/);
  });

  it('refuses an assembled message over the limit with TOOBIG, and empty or malformed parts', async () => {
    const url = `/INBOX;UIDVALIDITY=${inboxValidity}/;UID=2`;
    await c.transact(`t1 APPEND Bozze CATENATE (URL "${url}" URL "${url}")`, /^t1 NO \[TOOBIG\] /);
    await c.transact('t2 APPEND Bozze CATENATE ()', /^t2 BAD /);
    await c.transact('t3 APPEND Bozze CATENATE (BODY "x")', /^t3 BAD /);
    c.write('t4 APPEND Bozze CATENATE (TEXT {0+}\r\n)\r\n');
    await c.expect(/^t4 NO Cannot save a zero-length message$/);
    await c.transact('t5 STATUS Bozze (MESSAGES)', /^\* STATUS Bozze \(MESSAGES 3\)$/, /^t5 OK/);
  });
});
