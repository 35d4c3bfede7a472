/**
 * PREVIEW (RFC 8970) as a transcript over a real socket: the text of the first plain-text part
 * (else the HTML one without markup), transfer encoding and charset undone, white space collapsed,
 * at most 200 characters; empty for a message without text; `PREVIEW (LAZY)` accepted; fetching a
 * preview never sets `\Seen` (RFC 8970 §3).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, type ImapTestServer } from './testing/imap-test-server.ts';

const header = (subject: string, type: string) =>
  `From: carla@pec.test\r\nTo: anna@pec.test\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\n${type}`;

const plain =
  header('plain', 'Content-Type: text/plain; charset=utf-8\r\n') + '\r\nCiao Anna,\r\n\r\n  a domani.\r\n';
const qpLatin1 =
  header(
    'latin1',
    'Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n',
  ) + '\r\nCitt=E0 di Torino, citt=E0 =\r\nmetropolitana.\r\n';
const htmlOnly =
  header('html', 'Content-Type: multipart/alternative; boundary=b\r\n') +
  '\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' +
  '<html><style>p{}</style><body><p>Gentile <b>cliente</b>,</p><p>la fattura &amp; il resto.</p></body></html>\r\n' +
  '--b--\r\n';
const attachmentOnly =
  header('attachment', 'Content-Type: multipart/mixed; boundary=b\r\n') +
  '\r\n--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=a.txt\r\n\r\nnascosto\r\n' +
  '--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n--b--\r\n';
const long =
  header('long', 'Content-Type: text/plain; charset=utf-8\r\n') + `\r\n${'è parola '.repeat(60)}\r\n`;

describe('IMAP PREVIEW', () => {
  let server: ImapTestServer;
  let c: ImapConversation;

  before(async () => {
    server = await startImapTestServer();
    c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    await c.expect(/^\* OK /);
    const account = server.accounts[0];
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    await c.transact('c CREATE Anteprime', /^c OK/);
    for (const message of [plain, qpLatin1, htmlOnly, attachmentOnly, long]) {
      await server.deliver(account, 'Anteprime', message);
    }
    await c.command('s SELECT Anteprime');
  });
  after(async () => {
    c.close();
    await server.close();
  });

  it('is advertised', async () => {
    const [caps] = await c.transact('c CAPABILITY', /^\* CAPABILITY /, /^c OK/);
    assert.ok((caps ?? '').split(' ').includes('PREVIEW'), caps);
  });

  it('gives the text of each message, without setting \\Seen', async () => {
    await c.transact('p1 FETCH 1 (PREVIEW)', /^\* 1 FETCH \(PREVIEW "Ciao Anna, a domani\."\)$/, /^p1 OK/);
    // Non-ASCII text comes as a literal (no UTF8=ACCEPT), decoded from ISO-8859-1 quoted-printable.
    const latin = await c.command('p2 FETCH 2 (PREVIEW)');
    assert.deepEqual(latin.untagged, ['* 2 FETCH (PREVIEW {39}\r\nCittà di Torino, città metropolitana.)']);
    await c.transact(
      'p3 UID FETCH 3 (PREVIEW (LAZY))',
      /^\* 3 FETCH \(UID 3 PREVIEW "Gentile cliente , la fattura & il resto\."\)$/,
      /^p3 OK/,
    );
    await c.transact(
      'p4 FETCH 4 (PREVIEW FLAGS)',
      /^\* 4 FETCH \(PREVIEW "" FLAGS \(\\Recent\)\)$/,
      /^p4 OK/,
    );
    const cut = await c.command('p5 FETCH 5 (PREVIEW)');
    const text = /\{\d+\}\r\n(.*)\)$/s.exec(cut.untagged[0] ?? '')?.[1] ?? '';
    assert.equal(Array.from(text).length, 199, text);
    assert.ok(text.startsWith('è parola è parola'), text);
    await c.transact(
      'p6 FETCH 1:5 (FLAGS)',
      ...[1, 2, 3, 4, 5].map((n) => new RegExp(`^\\* ${n} FETCH \\(FLAGS \\(\\\\Recent\\)\\)$`)),
      /^p6 OK/,
    );
    await c.transact('p7 FETCH 1 (PREVIEW (FUZZY))', /^p7 BAD /);
  });
});
