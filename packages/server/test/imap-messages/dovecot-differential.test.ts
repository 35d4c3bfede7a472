/**
 * Differential test of the message commands against Debian's Dovecot (our reference IMAP server):
 * the same messages APPENDed with the same flags and dates to both servers, then the same FETCH,
 * SEARCH, SORT and THREAD commands; responses are normalised (completion texts, literal vs quoted
 * strings, `\Recent`) and must be identical. Skipped when Dovecot is not installed. Known,
 * intended differences are listed in `knownDifferences` with their reason.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import {
  startImapTestServer,
  type ImapTestServer,
} from '../../src/protocols/imap/testing/imap-test-server.ts';
import { hasDovecot, startDovecotImap, type DovecotImap } from './dovecot-imap.ts';
import { ImapTestClient } from './imap-test-client.ts';
import { normalise } from './normalise-transcript.ts';
import { nestedMessage, rfc3501Message, signedPecEnvelope, simpleMessage } from './sample-messages.ts';

const sampleDir = join(import.meta.dirname, '../../../../../shared/pec-samples/oca-l10n-italy');

/** LF → CRLF: Dovecot reports CRLF sizes for LF files; our store keeps bytes as delivered. */
function withCrlf(bytes: Uint8Array): Buffer {
  return Buffer.from(Buffer.from(bytes).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

function readSample(name: string): Buffer | null {
  try {
    return withCrlf(readFileSync(join(sampleDir, name)));
  } catch {
    return null;
  }
}

interface Appended {
  readonly bytes: Uint8Array;
  readonly flags: string;
  readonly date: string;
}

/**
 * Where two normalised transcripts differ. Lines about the corpus samples (sequence numbers above
 * the synthetic messages) are not printed: they carry personal data.
 */
function describeDifference(mine: string, reference: string): string {
  const a = mine.split('\n');
  const b = reference.split('\n');
  const index = a.findIndex((line, i) => line !== b[i]);
  const at = index < 0 ? a.length : index;
  const printable = (line: string | undefined) =>
    line === undefined || Number(/^\* (\d+) /.exec(line)?.[1] ?? 0) > syntheticCount ? '(not shown)' : line;
  return `response line ${at + 1} differs\nours:    ${printable(a[at])}\ndovecot: ${printable(b[at])}`;
}

/** Messages 1..syntheticCount are synthetic; the corpus samples follow. */
const syntheticCount = 7;

const multiOne = 'From: carla@pec.test\r\nSubject: multi uno\r\n\r\nuno\r\n';
const multiTwo = 'From: bruno@pec.test\r\nSubject: multi due\r\n\r\ndue\r\n';
const binaryMessage =
  'From: carla@pec.test\r\nSubject: binario\r\nMIME-Version: 1.0\r\n' +
  'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/octet-stream\r\n' +
  'Content-Transfer-Encoding: binary\r\n\r\n\x01\x00\x02\x00\x7f\r\n--b\r\nContent-Type: text/plain\r\n' +
  'Content-Transfer-Encoding: base64\r\n\r\nQ2lhbyE=\r\n--b--\r\n';

const commands: readonly string[] = [
  'FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)',
  'FETCH 1:* (BODYSTRUCTURE)',
  'FETCH 1:* (BODY)',
  ...[
    '',
    'HEADER',
    'TEXT',
    '1',
    '1.MIME',
    '1.1',
    '1.2',
    '1.1.MIME',
    '2',
    '2.MIME',
    '3',
    '3.MIME',
    '3.HEADER',
    '3.TEXT',
    '3.1',
    '3.2',
    '3.1.MIME',
    '1.3',
    '1.3.HEADER',
    '1.3.1',
    '1.3.1.MIME',
    'HEADER.FIELDS (From Subject X-Absent)',
    'HEADER.FIELDS.NOT (Received Subject)',
    '3.HEADER.FIELDS (subject)',
  ].map((section) => `FETCH 1:* (BODY.PEEK[${section}])`),
  'FETCH 1:* (BODY.PEEK[TEXT]<0.20> BODY.PEEK[]<10.7> BODY.PEEK[1]<100000.5>)',
  'FETCH 1:* (RFC822.HEADER)',
  'FETCH 2 (BINARY.PEEK[1.1] BINARY.SIZE[1.1] BINARY.PEEK[2] BINARY.SIZE[3.1])',
  'SEARCH SUBJECT riunione',
  'SEARCH FROM carla',
  'SEARCH TO "rossi, mario"',
  'SEARCH OR SEEN FLAGGED',
  'SEARCH NOT OR SEEN FLAGGED',
  'SEARCH KEYWORD $Fattura',
  'SEARCH LARGER 1000 SMALLER 5000',
  'SEARCH BODY zibibbo',
  'SEARCH BODY "città di torino"',
  'SEARCH TEXT "messaggio originale"',
  'SEARCH TEXT nested.1',
  'SEARCH BODY segreto-nel-pdf',
  'SEARCH HEADER Message-ID r2',
  'SEARCH HEADER X-Riferimento-Message-ID ""',
  'SEARCH SENTON 5-Nov-2024',
  'SEARCH SENTBEFORE 5-Nov-2024',
  'SEARCH SENTSINCE 5-Nov-2024',
  'SEARCH ON 6-Nov-2024',
  'SEARCH BEFORE 6-Nov-2024',
  'SEARCH SINCE 6-Nov-2024',
  'SEARCH 2:4 UID 3:*',
  'UID SEARCH RETURN (MIN MAX COUNT) ALL',
  'SORT (SUBJECT) UTF-8 ALL',
  'SORT (DATE) UTF-8 ALL',
  'SORT (REVERSE ARRIVAL) UTF-8 ALL',
  'SORT (FROM SUBJECT) UTF-8 ALL',
  'SORT (TO) UTF-8 ALL',
  'SORT (CC REVERSE SIZE) UTF-8 ALL',
  'SORT (DISPLAYFROM) UTF-8 ALL',
  'SORT (DISPLAYTO) UTF-8 ALL',
  'THREAD REFERENCES UTF-8 ALL',
  'UID THREAD REFERENCES UTF-8 ALL',
  'THREAD ORDEREDSUBJECT UTF-8 ALL',
  // WITHIN (RFC 5032): every internal date above is years old.
  'SEARCH YOUNGER 3600',
  'SEARCH OLDER 3600',
  'UID SEARCH NOT OLDER 3600',
  // SAVEDATE (RFC 8514): both servers saved every message today (the dates are masked in FETCH).
  'SEARCH SAVEDATESUPPORTED',
  'SEARCH SAVEDSINCE 1-Jan-2026',
  'SEARCH SAVEDBEFORE 1-Jan-2026',
  'UID SEARCH NOT SAVEDON 1-Jan-2026 SAVEDSINCE 2-Jan-2026 FLAGGED',
  'FETCH 1:3 (UID SAVEDATE)',
  // SEARCHRES (RFC 5182): SAVE answers nothing untagged; $ in FETCH and SEARCH.
  'SEARCH RETURN (SAVE) FROM carla',
  'FETCH $ (UID FLAGS)',
  'UID SEARCH $ SUBJECT riunione',
  'SEARCH RETURN (SAVE MIN MAX) ALL',
  'UID FETCH $ (UID)',
  // ESORT (RFC 5267 §3): ESEARCH in sort order.
  'SORT RETURN (MIN MAX COUNT ALL) (SUBJECT) UTF-8 ALL',
  'UID SORT RETURN () (REVERSE DATE) UTF-8 ALL',
  'SORT RETURN (COUNT) (FROM) UTF-8 SUBJECT riunione',
  'SORT RETURN (MIN MAX) (SIZE) UTF-8 SUBJECT nessuna-corrispondenza',
  'SORT RETURN (SAVE) (REVERSE ARRIVAL) UTF-8 FROM carla',
  'FETCH $ (UID)',
  // Writes last: both folders change the same way.
  'STORE 4 +FLAGS (\\Answered)',
  'UID STORE 5 FLAGS.SILENT (\\Draft)',
  'UID STORE 4:5 -FLAGS (\\Answered \\Draft)',
  'FETCH 4:5 (FLAGS)',
  'SEARCH ANSWERED',
  'CREATE Archivio',
  'COPY 4:5 Archivio',
  'UID COPY 1,3 Archivio',
  'MOVE 6 Archivio',
  'UID MOVE 1 Archivio',
  'STORE 2:3 +FLAGS.SILENT (\\Deleted)',
  'UID EXPUNGE 3',
  'EXPUNGE',
  'FETCH 1:* (UID FLAGS)',
  'STATUS Archivio (MESSAGES UIDNEXT)',
  // STATUS=SIZE (RFC 8438), on a folder that is not selected (Dovecot answers CLIENTBUG otherwise).
  'STATUS Archivio (MESSAGES SIZE)',
  // MULTIAPPEND (RFC 3502): all in one command, one APPENDUID range.
  `APPEND Archivio (\\Seen) {${multiOne.length}+}\r\n${multiOne} "05-Nov-2024 09:00:00 +0100" {${multiTwo.length}+}\r\n${multiTwo}`,
  'STATUS Archivio (MESSAGES UIDNEXT SIZE)',
  // BINARY (RFC 3516): a literal8 APPEND with NUL bytes, then its parts decoded.
  `APPEND INBOX ~{${binaryMessage.length}+}\r\n${binaryMessage}`,
  'FETCH * (BINARY.PEEK[1] BINARY.SIZE[1] BINARY.PEEK[2] BINARY.SIZE[2])',
];

/** Commands whose answers differ on purpose, with the reason (docs/imap-conversation notes). */
const knownDifferences: ReadonlyMap<string, string> = new Map([
  ['CREATE Archivio', 'our OK carries [MAILBOXID (id)] (RFC 8474 OBJECTID); Dovecot 2.3 sends no object id'],
]);

describe('message commands against Dovecot', { skip: !hasDovecot() && 'Dovecot is not installed' }, () => {
  let server: ImapTestServer;
  let ours: ImapTestClient;
  let dovecot: DovecotImap;
  const messages: Appended[] = [];

  const append = async (client: ImapTestClient, tag: string, message: Appended) => {
    client.write(`${tag} APPEND INBOX (${message.flags}) "${message.date}" {${message.bytes.length}+}\r\n`);
    client.write(message.bytes);
    client.write('\r\n');
    return client.reply(tag);
  };

  before(async () => {
    const thread = (fields: Parameters<typeof simpleMessage>[0]) => simpleMessage(fields);
    messages.push(
      { bytes: rfc3501Message(), flags: '\\Answered', date: '17-Jul-1996 02:44:25 -0700' },
      { bytes: nestedMessage(), flags: '$Fattura', date: '05-Nov-2024 23:30:00 +0000' },
      { bytes: (await signedPecEnvelope()).bytes, flags: '\\Seen', date: '13-Nov-2025 16:39:26 +0100' },
      {
        bytes: thread({
          from: 'Carla <carla@pec.test>',
          to: 'team@pec.test',
          subject: 'Riunione',
          date: 'Mon, 04 Nov 2024 09:00:00 +0100',
          messageId: '<r1@pec.test>',
          body: 'Ordine del giorno',
        }),
        flags: '\\Flagged',
        date: '04-Nov-2024 09:00:05 +0100',
      },
      {
        bytes: thread({
          from: '"Bruno B." <bruno@pec.test>',
          to: 'carla@pec.test',
          cc: 'anna@pec.test',
          subject: 'Re: [team] Riunione',
          date: 'Tue, 05 Nov 2024 09:00:00 +0100',
          messageId: '<r2@pec.test>',
          references: '<r1@pec.test>',
          body: 'Confermo',
        }),
        flags: '',
        date: '05-Nov-2024 09:00:05 +0100',
      },
      {
        bytes: thread({
          from: 'anna@pec.test',
          to: 'Carla <carla@pec.test>',
          subject: 'Fwd: Riunione (fwd)',
          date: 'Mon, 04 Nov 2024 18:00:00 +0100',
          messageId: '<r3@pec.test>',
          inReplyTo: '<r1@pec.test>',
          body: 'Inoltro',
        }),
        flags: '\\Seen \\Deleted',
        date: '04-Nov-2024 18:00:05 +0100',
      },
      {
        bytes: thread({
          from: 'Zeno <zeno@pec.test>',
          subject: 'Riunione',
          date: 'Wed, 06 Nov 2024 09:00:00 +0100',
          messageId: '<r4@pec.test>',
          references: '<missing@pec.test>',
        }),
        flags: '',
        date: '06-Nov-2024 09:00:05 +0100',
      },
    );
    for (const name of ['message2', 'message2_consegna', 'message1']) {
      const bytes = readSample(name);
      if (bytes !== null) messages.push({ bytes, flags: '', date: '01-Dec-2014 12:00:00 +0100' });
    }

    server = await startImapTestServer();
    const account = server.accounts[0];
    ours = new ImapTestClient(
      connect({ host: '127.0.0.1', port: server.tlsPort, ca: server.ca, servername: 'localhost' }),
    );
    await ours.next();
    assert.match((await ours.command('l', `LOGIN ${account.address} "${account.password}"`)).tagged, /^l OK/);
    dovecot = await startDovecotImap();
    for (const [index, message] of messages.entries()) {
      for (const client of [ours, dovecot.client]) {
        const reply = await append(client, `a${index}`, message);
        assert.match(reply.tagged, /^a\d+ OK/);
      }
    }
    for (const client of [ours, dovecot.client])
      assert.match((await client.command('s', 'SELECT INBOX')).tagged, /^s OK/);
  });
  after(async () => {
    await dovecot.close();
    ours.write('z LOGOUT\r\n');
    await server.close();
  });

  for (const [index, command] of commands.entries()) {
    it(command, async (t) => {
      const known = knownDifferences.get(command);
      const tag = `c${index}`;
      const mine = normalise((await ours.command(tag, command)).raw);
      const reference = normalise((await dovecot.client.command(tag, command)).raw);
      if (known !== undefined) {
        t.diagnostic(`known difference: ${known}`);
        assert.notEqual(mine, reference, `no longer differs, remove from knownDifferences: ${command}`);
        return;
      }
      assert.ok(mine === reference, describeDifference(mine, reference));
    });
  }
});
