/**
 * The extensions advertised after login, as transcripts over real sockets: MULTIAPPEND (RFC 3502),
 * BINARY (RFC 3516), WITHIN (RFC 5032), SEARCHRES (RFC 5182, with another session expunging a saved
 * message), STATUS=SIZE (RFC 8438), SORT=DISPLAY (RFC 5957) and THREAD=ORDEREDSUBJECT (RFC 5256).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from './testing/imap-test-server.ts';

const message = (from: string, subject: string, date = 'Mon, 3 Mar 2025 10:00:00 +0100') =>
  `From: ${from}\r\nTo: anna.bianchi@pec.test\r\nSubject: ${subject}\r\n` +
  `Date: ${date}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@pec.test>\r\n\r\nTesto.\r\n`;

describe('IMAP extensions', () => {
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
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('advertises each extension once logged in, none of them before', async () => {
    const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    open.push(c);
    const greeting = await c.expect(/^\* OK \[CAPABILITY /);
    const extensions = [
      'MULTIAPPEND',
      'BINARY',
      'WITHIN',
      'SEARCHRES',
      'STATUS=SIZE',
      'SORT=DISPLAY',
      'THREAD=ORDEREDSUBJECT',
      'ESORT',
    ];
    for (const name of extensions) assert.ok(!greeting.split(/[ \]]/).includes(name), name);
    const account = server.accounts[0];
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    const [line] = await c.transact('c CAPABILITY', /^\* CAPABILITY /, /^c OK/);
    const names = (line ?? '').split(' ');
    for (const name of extensions) assert.ok(names.includes(name), `${name} in ${line ?? ''}`);
  });

  it('MULTIAPPEND stores every message or none', async () => {
    const c = await login();
    await c.transact('m0 CREATE Multi', /^m0 OK/);
    const one = message('Carla <carla@pec.test>', 'uno');
    const two = message('Bruno <bruno@pec.test>', 'due');
    c.write(
      `m1 APPEND Multi (\\Seen) {${one.length}+}\r\n${one} (\\Flagged) "05-Nov-2024 09:00:00 +0100" {${two.length}+}\r\n${two}\r\n`,
    );
    await c.expect(/^m1 OK \[APPENDUID \d+ 1:2\] APPEND completed\.$/);
    c.write(`m2 APPEND Multi {${one.length}+}\r\n${one} {0+}\r\n\r\n`);
    await c.expect(/^m2 NO Cannot save a zero-length message$/);
    await c.transact(
      'm3 STATUS Multi (MESSAGES UIDNEXT)',
      /^\* STATUS Multi \(MESSAGES 2 UIDNEXT 3\)$/,
      /^m3 OK/,
    );
  });

  it('BINARY: a literal8 APPEND with NUL bytes, served back decoded and as literal8', async () => {
    const c = await login();
    const head =
      'From: carla@pec.test\r\nSubject: binario\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/octet-stream\r\n' +
      'Content-Transfer-Encoding: binary\r\n\r\n';
    const payload = Buffer.from([0x01, 0x00, 0x02, 0x00, 0x7f]);
    const tail =
      '\r\n--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nQ2lhbyE=\r\n--b--\r\n';
    const bytes = Buffer.concat([Buffer.from(head), payload, Buffer.from(tail)]);
    await c.transact('b0 CREATE Binari', /^b0 OK/);
    c.write(
      Buffer.concat([Buffer.from(`b1 APPEND Binari ~{${bytes.length}+}\r\n`), bytes, Buffer.from('\r\n')]),
    );
    await c.expect(/^b1 OK \[APPENDUID \d+ 1\]/);
    await c.command('b2 SELECT Binari');
    const reply = await c.command('b3 FETCH 1 (BINARY.PEEK[1] BINARY.SIZE[1] BINARY.PEEK[2] BINARY.SIZE[2])');
    assert.match(reply.tagged, /^b3 OK/);
    assert.equal(
      reply.untagged[0],
      `* 1 FETCH (BINARY[1] ~{5}\r\n${payload.toString('latin1')} BINARY.SIZE[1] 5 BINARY[2] "Ciao!" BINARY.SIZE[2] 5)`,
    );
    const raw = await c.command('b4 FETCH 1 (BODY.PEEK[])');
    assert.ok(raw.untagged[0]?.includes(bytes.toString('latin1')), 'stored byte-exact');
  });

  it('WITHIN: YOUNGER and OLDER against the internal date', async () => {
    const c = await login();
    await c.transact('w0 CREATE Within', /^w0 OK/);
    const old = testMessage('vecchio');
    const fresh = testMessage('nuovo');
    c.write(`w1 APPEND Within "01-Jan-2020 10:00:00 +0100" {${old.length}+}\r\n${old}\r\n`);
    await c.expect(/^w1 OK/);
    c.write(`w2 APPEND Within {${fresh.length}+}\r\n${fresh}\r\n`);
    await c.expect(/^w2 OK/);
    await c.command('w3 SELECT Within');
    await c.transact('w4 SEARCH YOUNGER 3600', /^\* SEARCH 2$/, /^w4 OK/);
    await c.transact('w5 SEARCH OLDER 3600', /^\* SEARCH 1$/, /^w5 OK/);
    await c.transact('w6 UID SEARCH NOT YOUNGER 86400', /^\* SEARCH 1$/, /^w6 OK/);
  });

  it('SEARCHRES: $ in FETCH, STORE, SEARCH and COPY, kept through another session expunging, reset by SELECT', async () => {
    const c = await login();
    await c.transact('r0 CREATE Saved', /^r0 OK/);
    for (const [i, from] of [
      'carla@pec.test',
      'bruno@pec.test',
      'carla@pec.test',
      'zeno@pec.test',
    ].entries()) {
      const bytes = message(from, `saved ${i}`);
      c.write(`r1${i} APPEND Saved {${bytes.length}+}\r\n${bytes}\r\n`);
      await c.expect(new RegExp(`^r1${i} OK`));
    }
    await c.command('r2 SELECT Saved');
    // SAVE alone answers nothing but the tagged OK (RFC 5182 §2.4).
    await c.transact('r3 SEARCH RETURN (SAVE) FROM carla', /^r3 OK/);
    await c.transact('r4 FETCH $ (UID)', /^\* 1 FETCH \(UID 1\)$/, /^\* 3 FETCH \(UID 3\)$/, /^r4 OK/);
    await c.transact('r5 UID SEARCH $ SUBJECT "saved 2"', /^\* SEARCH 3$/, /^r5 OK/);
    // Another session expunges message 1: $ keeps only what still exists.
    const other = await login();
    await other.command('o1 SELECT Saved');
    await other.transact('o2 UID STORE 1 +FLAGS.SILENT (\\Deleted)', /^o2 OK/);
    await other.transact('o3 EXPUNGE', /^\* 1 EXPUNGE$/, /^o3 OK/);
    await c.transact('r6 NOOP', /^\* 1 EXPUNGE$/, /^r6 OK/);
    await c.transact('r7 FETCH $ (UID)', /^\* 2 FETCH \(UID 3\)$/, /^r7 OK/);
    await c.transact(
      'r8 STORE $ +FLAGS (\\Flagged)',
      /^\* 2 FETCH \(FLAGS \(\\Flagged(?: \\Recent)?\)\)$/,
      /^r8 OK/,
    );
    await c.transact('r9 COPY $ INBOX', /^r9 OK \[COPYUID \d+ 3 \d+\]/);
    // With MIN, only the lowest match is saved.
    await c.transact('r10 SEARCH RETURN (SAVE MIN) ALL', /^\* ESEARCH \(TAG "r10"\) MIN 1$/, /^r10 OK/);
    await c.transact('r11 UID FETCH $ (UID)', /^\* 1 FETCH \(UID 2\)$/, /^r11 OK/);
    // A SAVE search that fails empties $ (RFC 5182 §2.1).
    await c.transact('r12a SEARCH RETURN (SAVE) CHARSET KOI8-R ALL', /^r12a NO \[BADCHARSET/);
    await c.transact('r12b FETCH $ (UID)', /^r12b OK/);
    await c.transact('r12c SEARCH RETURN (SAVE) ALL', /^r12c OK/);
    await c.command('r12 SELECT Saved');
    await c.transact('r13 FETCH $ (UID)', /^r13 OK/);
  });

  it("STATUS=SIZE: the sum of the messages' sizes", async () => {
    const c = await login();
    await c.transact('s0 CREATE Sized', /^s0 OK/);
    const one = testMessage('peso uno');
    const two = testMessage("peso due, un po' più lungo");
    for (const [i, bytes] of [one, two].entries()) {
      c.write(`s1${i} APPEND Sized {${Buffer.byteLength(bytes)}+}\r\n${bytes}\r\n`);
      await c.expect(new RegExp(`^s1${i} OK`));
    }
    const size = Buffer.byteLength(one) + Buffer.byteLength(two);
    await c.transact(
      's2 STATUS Sized (MESSAGES SIZE)',
      new RegExp(`^\\* STATUS Sized \\(MESSAGES 2 SIZE ${size}\\)$`),
      /^s2 OK/,
    );
  });

  it('SORT=DISPLAY and THREAD=ORDEREDSUBJECT', async () => {
    const c = await login();
    await c.transact('t0 CREATE Display', /^t0 OK/);
    const messages = [
      message('zeno@pec.test', 'Riunione', 'Mon, 3 Mar 2025 10:00:00 +0100'),
      message('"Anna B." <zz@pec.test>', 'Re: Riunione', 'Tue, 4 Mar 2025 10:00:00 +0100'),
      message('Bruno <aa@pec.test>', 'Altro', 'Sun, 2 Mar 2025 10:00:00 +0100'),
    ];
    for (const [i, bytes] of messages.entries()) {
      c.write(`t1${i} APPEND Display {${bytes.length}+}\r\n${bytes}\r\n`);
      await c.expect(new RegExp(`^t1${i} OK`));
    }
    await c.command('t2 SELECT Display');
    // DISPLAYFROM sorts by display name, else by address (RFC 5957 §3): Anna B., Bruno, zeno.
    await c.transact('t3 SORT (DISPLAYFROM) UTF-8 ALL', /^\* SORT 2 3 1$/, /^t3 OK/);
    await c.transact('t4 SORT (FROM) UTF-8 ALL', /^\* SORT 3 1 2$/, /^t4 OK/);
    await c.transact('t5 THREAD ORDEREDSUBJECT UTF-8 ALL', /^\* THREAD \(3\)\(1 2\)$/, /^t5 OK/);
    // ESORT (RFC 5267 §3): MIN and MAX are first and last in sort order; ALL keeps the order.
    await c.transact(
      't6 SORT RETURN (MIN MAX COUNT ALL) (DISPLAYFROM) UTF-8 ALL',
      /^\* ESEARCH \(TAG "t6"\) MIN 2 MAX 1 ALL 2:3,1 COUNT 3$/,
      /^t6 OK/,
    );
    await c.transact(
      't7 UID SORT RETURN () (REVERSE DATE) UTF-8 ALL',
      /^\* ESEARCH \(TAG "t7"\) UID ALL 2,1,3$/,
      /^t7 OK/,
    );
    await c.transact(
      't8 SORT RETURN (COUNT) (DATE) UTF-8 SUBJECT assente',
      /^\* ESEARCH \(TAG "t8"\) COUNT 0$/,
      /^t8 OK/,
    );
    await c.transact(
      't9 SORT RETURN (SAVE MAX) (DATE) UTF-8 ALL',
      /^\* ESEARCH \(TAG "t9"\) MAX 2$/,
      /^t9 OK/,
    );
    await c.transact('t10 FETCH $ (UID)', /^\* 2 FETCH \(UID 2\)$/, /^t10 OK/);
  });
});
