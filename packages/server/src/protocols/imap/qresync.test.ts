/**
 * QRESYNC (RFC 7162 §3.2) as transcripts over real sockets: ENABLE QRESYNC, SELECT/EXAMINE with the
 * QRESYNC parameter (VANISHED (EARLIER) and the changed flags, limited to the known UIDs), untagged
 * VANISHED instead of EXPUNGE for this and another session, and UID FETCH (CHANGEDSINCE m VANISHED).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from './testing/imap-test-server.ts';

describe('IMAP QRESYNC', () => {
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
  const folder = async (name: string, count: number) => {
    const c = await login();
    await c.transact(`f CREATE ${name}`, /^f OK/);
    c.close();
    for (let i = 1; i <= count; i++)
      await server.deliver(server.accounts[0], name, testMessage(`${name} ${i}`));
  };
  const codeValue = (lines: readonly string[], code: string): number => {
    const line = lines.find((l) => l.includes(`[${code} `));
    const value = new RegExp(`\\[${code} (\\d+)\\]`).exec(line ?? '')?.[1];
    assert.ok(value !== undefined, `${code} in ${lines.join('\n')}`);
    return Number(value);
  };

  before(async () => {
    server = await startImapTestServer();
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('is advertised and enabled; the QRESYNC parameter needs ENABLE first', async () => {
    await folder('Q0', 1);
    const c = await login();
    const [caps] = await c.transact('c CAPABILITY', /^\* CAPABILITY /, /^c OK/);
    assert.ok((caps ?? '').split(' ').includes('QRESYNC'), caps);
    await c.transact('s1 SELECT Q0 (QRESYNC (1 1))', /^s1 BAD /);
    await c.transact('e1 ENABLE QRESYNC', /^\* ENABLED QRESYNC$/, /^e1 OK/);
    // Enabled once: a second ENABLE lists nothing new.
    await c.transact('e2 ENABLE QRESYNC CONDSTORE', /^\* ENABLED$/, /^e2 OK/);
  });

  it('SELECT (QRESYNC ...) answers VANISHED (EARLIER) and the changed flags, within the known UIDs', async () => {
    await folder('Q1', 6);
    const writer = await login();
    const first = await writer.command('w1 SELECT Q1');
    const uidValidity = codeValue(first.untagged, 'UIDVALIDITY');
    const modseq = codeValue(first.untagged, 'HIGHESTMODSEQ');
    // After the client's last sync: 2 and 5 expunged, 3 and 6 flagged.
    await writer.transact('w2 UID STORE 2,5 +FLAGS.SILENT (\\Deleted)', /^w2 OK/);
    await writer.transact('w3 UID EXPUNGE 2,5', /^\* 2 EXPUNGE$/, /^\* 4 EXPUNGE$/, /^w3 OK/);
    await writer.transact('w4 UID STORE 3,6 +FLAGS.SILENT (\\Flagged)', /^w4 OK/);

    const c = await login();
    await c.transact('e ENABLE QRESYNC', /^\* ENABLED QRESYNC$/, /^e OK/);
    const reply = await c.command(`s1 SELECT Q1 (QRESYNC (${uidValidity} ${modseq}))`);
    assert.match(reply.tagged, /^s1 OK \[READ-WRITE\]/);
    const tail = reply.untagged.slice(reply.untagged.findIndex((l) => l.includes('[MAILBOXID')) + 1);
    assert.equal(tail.length, 3, reply.untagged.join('\n'));
    assert.equal(tail[0], '* VANISHED (EARLIER) 2,5');
    assert.match(tail[1] ?? '', /^\* 2 FETCH \(UID 3 FLAGS \(\\Flagged\) MODSEQ \(\d+\)\)$/);
    assert.match(tail[2] ?? '', /^\* 4 FETCH \(UID 6 FLAGS \(\\Flagged\) MODSEQ \(\d+\)\)$/);

    // Known UIDs 1:3: only 2 vanished and 3 changed are reported.
    const known = await c.command(`s2 EXAMINE Q1 (QRESYNC (${uidValidity} ${modseq} 1:3))`);
    assert.match(known.tagged, /^s2 OK \[READ-ONLY\]/);
    assert.ok(known.untagged.includes('* VANISHED (EARLIER) 2'), known.untagged.join('\n'));
    const fetches = known.untagged.filter((l) => l.includes(' FETCH '));
    assert.equal(fetches.length, 1, fetches.join('\n'));
    assert.match(fetches[0] ?? '', /^\* 2 FETCH \(UID 3 FLAGS \(\\Flagged( \\Recent)?\) MODSEQ/);

    // With sequence match data: the same answer (every expunge is remembered).
    const matched = await c.command(`s3 SELECT Q1 (QRESYNC (${uidValidity} ${modseq} 1:6 (1:6 1:6)))`);
    assert.match(matched.tagged, /^s3 OK/);
    assert.ok(matched.untagged.includes('* VANISHED (EARLIER) 2,5'), matched.untagged.join('\n'));

    // A UIDVALIDITY that no longer holds: a plain SELECT, nothing about changes.
    const stale = await c.command(`s4 SELECT Q1 (QRESYNC (${uidValidity + 1} ${modseq}))`);
    assert.match(stale.tagged, /^s4 OK/);
    assert.ok(
      !stale.untagged.some((l) => l.includes('VANISHED') || l.includes('FETCH')),
      stale.untagged.join('\n'),
    );

    // Up to date: nothing either.
    const now = codeValue(stale.untagged, 'HIGHESTMODSEQ');
    const fresh = await c.command(`s5 SELECT Q1 (QRESYNC (${uidValidity} ${now}))`);
    assert.ok(
      !fresh.untagged.some((l) => l.includes('VANISHED') || l.includes('FETCH')),
      fresh.untagged.join('\n'),
    );
  });

  it('announces expunges as VANISHED, for this session and another one', async () => {
    await folder('Q2', 5);
    const a = await login();
    const b = await login();
    await a.transact('e ENABLE QRESYNC', /^\* ENABLED QRESYNC$/, /^e OK/);
    await b.transact('e ENABLE QRESYNC', /^\* ENABLED QRESYNC$/, /^e OK/);
    await a.command('s SELECT Q2');
    await b.command('s SELECT Q2');
    await a.command('a1 STORE 2,4 +FLAGS.SILENT (\\Deleted)');
    await a.transact('a2 EXPUNGE', /^\* VANISHED 2,4$/, /^a2 OK/);
    // The other session: not during FETCH by sequence number (RFC 9051 §7.5.1), then at NOOP.
    await b.transact(
      'b1 FETCH 1:5 (UID)',
      /^\* 1 FETCH \(UID 1\)$/,
      /^\* 3 FETCH \(UID 3\)$/,
      /^\* 5 FETCH \(UID 5\)$/,
      /^b1 NO \[EXPUNGEISSUED\]/,
    );
    await b.transact('b2 NOOP', /^\* VANISHED 2,4$/, /^b2 OK/);
    await b.transact(
      'b3 FETCH 1:* (UID)',
      /^\* 1 FETCH \(UID 1\)$/,
      /^\* 2 FETCH \(UID 3\)$/,
      /^\* 3 FETCH \(UID 5\)$/,
      /^b3 OK/,
    );
    // MOVE's expunge is a VANISHED too; IDLE delivers it as well.
    await a.transact('a3 CREATE Q2moved', /^a3 OK/);
    b.send('b4 IDLE');
    await b.expect(/^\+ /);
    await a.transact('a4 UID MOVE 3 Q2moved', /^\* OK \[COPYUID \d+ 3 1\]/, /^\* VANISHED 3$/, /^a4 OK/);
    await b.expect(/^\* VANISHED 3$/);
    b.send('DONE');
    await b.expect(/^b4 OK/);
    await b.transact('b5 FETCH 1:* (UID)', /^\* 1 FETCH \(UID 1\)$/, /^\* 2 FETCH \(UID 5\)$/, /^b5 OK/);
  });

  it('UID FETCH (CHANGEDSINCE m VANISHED) reports expunged UIDs of the set, then the changed messages', async () => {
    await folder('Q3', 6);
    const c = await login();
    await c.transact('e ENABLE QRESYNC', /^\* ENABLED QRESYNC$/, /^e OK/);
    const selected = await c.command('s SELECT Q3');
    const modseq = codeValue(selected.untagged, 'HIGHESTMODSEQ');
    const other = await login();
    await other.command('s SELECT Q3');
    await other.transact('o1 UID STORE 1,4 +FLAGS.SILENT (\\Deleted)', /^o1 OK/);
    await other.transact('o2 EXPUNGE', /^\* 1 EXPUNGE$/, /^\* 3 EXPUNGE$/, /^o2 OK/);
    await other.transact(
      'o3 UID STORE 5 +FLAGS.SILENT ($Visto)',
      /^\* FLAGS /,
      /^\* OK \[PERMANENTFLAGS /,
      /^o3 OK/,
    );
    const reply = await c.command(`f1 UID FETCH 2:* (FLAGS) (CHANGEDSINCE ${modseq} VANISHED)`);
    assert.match(reply.tagged, /^f1 OK/);
    assert.equal(reply.untagged[0], '* VANISHED (EARLIER) 4');
    const fetches = reply.untagged.filter((l) => / FETCH /.test(l));
    assert.equal(fetches.length, 1, reply.untagged.join('\n'));
    assert.match(fetches[0] ?? '', /^\* 5 FETCH \(UID 5 FLAGS \(\$Visto( \\Recent)?\) MODSEQ \(\d+\)\)$/);
    // The VANISHED modifier without QRESYNC enabled is BAD, as is VANISHED without CHANGEDSINCE.
    const plain = await login();
    await plain.command('s SELECT Q3');
    await plain.transact(`p1 UID FETCH 1:* (FLAGS) (CHANGEDSINCE ${modseq} VANISHED)`, /^p1 BAD /);
    await c.transact('f2 UID FETCH 1:* (FLAGS) (VANISHED)', /^f2 BAD /);
  });
});
