/**
 * STORE / UID STORE as transcripts over real sockets: +FLAGS, -FLAGS, FLAGS, `.SILENT`, keywords,
 * `\Recent` ignored, read-only refusal, CONDSTORE's UNCHANGEDSINCE with `[MODIFIED]`, and the change
 * reaching another session.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from '../testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from '../testing/imap-test-server.ts';

describe('IMAP STORE', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const login = async (folder = 'SELECT INBOX') => {
    const account = server.accounts[0];
    const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    open.push(c);
    await c.expect(/^\* OK /);
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    assert.match((await c.command(`s ${folder}`)).tagged, /^s OK /);
    return c;
  };

  before(async () => {
    server = await startImapTestServer();
    for (const subject of ['uno', 'due', 'tre'])
      await server.deliver(server.accounts[0], 'INBOX', testMessage(subject));
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('adds, removes and replaces flags, answering with FETCH FLAGS', async () => {
    const c = await login();
    await c.transact(
      'a1 STORE 1 +FLAGS (\\Flagged \\Seen)',
      /^\* 1 FETCH \(FLAGS \(\\Flagged \\Seen(?: ?\\Recent)?\)\)$/,
      /^a1 OK/,
    );
    await c.transact(
      'a2 STORE 1 -FLAGS \\Seen',
      /^\* 1 FETCH \(FLAGS \(\\Flagged(?: ?\\Recent)?\)\)$/,
      /^a2 OK/,
    );
    await c.transact(
      'a3 STORE 1:2 FLAGS (\\Answered)',
      /^\* 1 FETCH \(FLAGS \(\\Answered(?: ?\\Recent)?\)\)$/,
      /^\* 2 FETCH \(FLAGS \(\\Answered(?: ?\\Recent)?\)\)$/,
      /^a3 OK/,
    );
    await c.transact('a4 UID STORE 2 FLAGS ()', /^\* 2 FETCH \(UID 2 FLAGS \((?: ?\\Recent)?\)\)$/, /^a4 OK/);
    await c.transact('a5 STORE 1 FLAGS.SILENT (\\Draft)', /^a5 OK/);
    await c.transact('a6 FETCH 1 FLAGS', /^\* 1 FETCH \(FLAGS \(\\Draft(?: ?\\Recent)?\)\)$/, /^a6 OK/);
    await c.transact('a7 STORE 1 +FLAGS.SILENT (\\Recent)', /^a7 OK/);
    await c.transact('a8 FETCH 1 FLAGS', /^\* 1 FETCH \(FLAGS \(\\Draft(?: ?\\Recent)?\)\)$/, /^a8 OK/);
  });

  it('stores keywords and announces them in FLAGS', async () => {
    const c = await login();
    const reply = await c.command('k1 STORE 3 +FLAGS ($Fattura)');
    assert.match(reply.tagged, /^k1 OK/);
    assert.ok(reply.untagged.includes('* 3 FETCH (FLAGS ($Fattura))'), reply.untagged.join('\n'));
    assert.ok(
      reply.untagged.some((line) => /^\* FLAGS \(.*\$Fattura/.test(line)),
      reply.untagged.join('\n'),
    );
    await c.transact('k2 STORE 3 -FLAGS ($fattura)', /^\* 3 FETCH \(FLAGS \(\)\)$/, /^k2 OK/);
  });

  it('refuses STORE in a folder opened read-only and bad sequence numbers', async () => {
    const c = await login('EXAMINE INBOX');
    await c.transact('r1 STORE 1 +FLAGS (\\Seen)', /^r1 NO /);
    const d = await login();
    await d.transact('r2 STORE 9 +FLAGS (\\Seen)', /^r2 BAD /);
    await d.transact('r3 UID STORE 9 +FLAGS (\\Seen)', /^r3 OK/);
  });

  it('shows the change to another session on its next command', async () => {
    const a = await login();
    const b = await login();
    await a.transact('c1 STORE 2 +FLAGS.SILENT (\\Flagged)', /^c1 OK/);
    await b.transact('c2 NOOP', /^\* 2 FETCH \(FLAGS \(\\Flagged\)\)$/, /^c2 OK/);
    await a.transact('c3 STORE 2 -FLAGS.SILENT (\\Flagged)', /^c3 OK/);
    await b.transact('c4 NOOP', /^\* 2 FETCH \(FLAGS \(\)\)$/, /^c4 OK/);
    // The writer is not told about its own change again.
    await a.transact('c5 NOOP', /^c5 OK/);
  });

  it('UNCHANGEDSINCE refuses messages changed since, naming them in [MODIFIED]', async () => {
    const a = await login();
    const b = await login();
    const modseqs = await a.command('u1 FETCH 1:3 (MODSEQ)');
    const values = modseqs.untagged.flatMap((line) => {
      const match = /^\* (\d) FETCH \(MODSEQ \((\d+)\)\)$/.exec(line);
      return match === null ? [] : [[Number(match[1]), Number(match[2])] as const];
    });
    assert.equal(values.length, 3, modseqs.untagged.join('\n'));
    const highest = Math.max(...values.map(([, modseq]) => modseq));
    await b.transact('u2 STORE 2 +FLAGS.SILENT (\\Answered)', /^u2 OK/);
    const reply = await a.command(`u3 STORE 1:3 (UNCHANGEDSINCE ${highest}) +FLAGS (\\Seen)`);
    assert.match(reply.tagged, /^u3 OK \[MODIFIED 2\] /);
    assert.ok(
      reply.untagged.some((line) => /^\* 1 FETCH \(MODSEQ \(\d+\) FLAGS \(.*\\Seen.*\)\)$/.test(line)),
      reply.untagged.join('\n'),
    );
    assert.ok(
      reply.untagged.some((line) => /^\* 3 FETCH \(MODSEQ \(\d+\) FLAGS \(.*\\Seen.*\)\)$/.test(line)),
      reply.untagged.join('\n'),
    );
    assert.ok(
      !reply.untagged.some((line) => /^\* 2 FETCH \(.*FLAGS \(.*\\Seen/.test(line)),
      reply.untagged.join('\n'),
    );
    await a.transact(
      'u4 UID STORE 1:3 (UNCHANGEDSINCE 0) +FLAGS.SILENT (\\Seen)',
      /^u4 OK \[MODIFIED 1:3\] /,
    );
    // .SILENT under CONDSTORE still reports the new MODSEQ of what changed (RFC 7162 §3.1.3).
    await a.transact(
      'u5 UID STORE 1 -FLAGS.SILENT (\\Seen)',
      /^\* 1 FETCH \(UID 1 MODSEQ \(\d+\)\)$/,
      /^u5 OK/,
    );
  });
});
