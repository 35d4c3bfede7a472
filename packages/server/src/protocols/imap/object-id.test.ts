/**
 * OBJECTID (RFC 8474) as a transcript over a real socket: MAILBOXID in CREATE, SELECT and STATUS,
 * kept across RENAME and never given to another folder; EMAILID kept by COPY and MOVE, different for
 * different content, found by SEARCH EMAILID; THREADID NIL, so SEARCH THREADID finds nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from './testing/imap-test-server.ts';

describe('IMAP OBJECTID', () => {
  let server: ImapTestServer;
  let c: ImapConversation;
  const idOf = (line: string | undefined, item: string) => {
    const id = new RegExp(`${item} \\(([A-Za-z0-9_-]+)\\)`).exec(line ?? '')?.[1];
    assert.ok(id !== undefined, `${item} in ${line ?? ''}`);
    return id;
  };

  before(async () => {
    server = await startImapTestServer();
    c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    await c.expect(/^\* OK /);
    const account = server.accounts[0];
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
  });
  after(async () => {
    c.close();
    await server.close();
  });

  it('MAILBOXID: in CREATE, SELECT and STATUS; kept by RENAME; a new folder gets a new one', async () => {
    const [created] = await c.transact('c1 CREATE Oggetti', /^c1 OK \[MAILBOXID \(F\d+-\d+\)\] /);
    const id = idOf(created, 'MAILBOXID');
    const selected = await c.command('c2 SELECT Oggetti');
    assert.ok(selected.untagged.includes(`* OK [MAILBOXID (${id})] Ok`), selected.untagged.join('\n'));
    await c.transact('c3 UNSELECT', /^c3 OK/);
    await c.transact('c4 RENAME Oggetti Cose', /^c4 OK/);
    await c.transact(
      'c5 STATUS Cose (MAILBOXID MESSAGES)',
      new RegExp(`^\\* STATUS Cose \\(MAILBOXID \\(${id}\\) MESSAGES 0\\)$`),
      /^c5 OK/,
    );
    const [again] = await c.transact('c6 CREATE Oggetti', /^c6 OK \[MAILBOXID /);
    assert.notEqual(idOf(again, 'MAILBOXID'), id);
    await c.transact('c7 DELETE Oggetti', /^c7 OK/);
    const [third] = await c.transact('c8 CREATE Oggetti', /^c8 OK \[MAILBOXID /);
    assert.ok(![id, idOf(again, 'MAILBOXID')].includes(idOf(third, 'MAILBOXID')));
  });

  it('EMAILID: kept by COPY and MOVE, found by SEARCH EMAILID; THREADID is NIL', async () => {
    await c.transact('m0 CREATE Posta', /^m0 OK/);
    await c.transact('m1 CREATE Altrove', /^m1 OK/);
    await server.deliver(server.accounts[0], 'Posta', testMessage('oggetto uno'));
    await server.deliver(server.accounts[0], 'Posta', testMessage('oggetto due'));
    await c.command('s SELECT Posta');
    const fetched = await c.command('m2 FETCH 1:2 (EMAILID THREADID)');
    assert.equal(fetched.untagged.length, 2, fetched.untagged.join('\n'));
    const [one, two] = fetched.untagged.map((line) => idOf(line, 'EMAILID'));
    assert.notEqual(one, two);
    assert.match(fetched.untagged[0] ?? '', /^\* 1 FETCH \(EMAILID \(M[0-9a-f]{32}\) THREADID NIL\)$/);
    assert.match((await c.command('m3 COPY 1 Posta')).tagged, /^m3 OK \[COPYUID /);
    await c.transact(
      'm4 FETCH 3 (EMAILID)',
      new RegExp(`^\\* 3 FETCH \\(EMAILID \\(${one}\\)\\)$`),
      /^m4 OK/,
    );
    await c.transact(`m5 UID SEARCH EMAILID ${one}`, /^\* SEARCH 1 3$/, /^m5 OK/);
    await c.transact(`m6 SEARCH EMAILID ${two}`, /^\* SEARCH 2$/, /^m6 OK/);
    await c.transact('m7 SEARCH EMAILID Mnessuno', /^\* SEARCH$/, /^m7 OK/);
    await c.transact('m8 SEARCH THREADID T1', /^\* SEARCH$/, /^m8 OK/);
    await c.transact('m9 SEARCH EMAILID "non valido!"', /^m9 BAD /);
    await c.transact('m10 MOVE 2 Altrove', /^\* OK \[COPYUID /, /^\* 2 EXPUNGE$/, /^m10 OK/);
    await c.command('s SELECT Altrove');
    await c.transact(
      'm11 FETCH 1 (EMAILID)',
      new RegExp(`^\\* 1 FETCH \\(EMAILID \\(${two}\\)\\)$`),
      /^m11 OK/,
    );
    const [caps] = await c.transact('m12 CAPABILITY', /^\* CAPABILITY /, /^m12 OK/);
    assert.ok((caps ?? '').split(' ').includes('OBJECTID'), caps);
  });
});
