import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MimeStructure } from '../../../ports/mailbox-store.ts';
import { describeStoredMessage } from '../../../services/mailboxes/describe-stored-message.ts';
import { crlf, nestedMessage } from '../../../../test/imap-messages/sample-messages.ts';
import { parseSectionSpec, type BodySection } from '../grammar/index.ts';
import { sliceByteRange } from '../../../services/mailbox-access/byte-range.ts';
import { decodedPartBytes } from '../../../services/mailbox-access/decoded-part-bytes.ts';
import { messageSectionBytes } from '../../../services/mailbox-access/message-section-bytes.ts';

const raw = Buffer.from(nestedMessage());
const text = raw.toString('latin1');
let structure: MimeStructure;

function section(spec: string): BodySection {
  const parsed = parseSectionSpec(spec);
  assert.ok(parsed !== null, spec);
  return parsed;
}

function cut(spec: string, from: Uint8Array = raw, root: MimeStructure = structure): string | null {
  const bytes = messageSectionBytes(from, root, section(spec));
  return bytes === null ? null : Buffer.from(bytes).toString('latin1');
}

/** The text between `start` (included) and `end` (excluded), both located in order. */
function between(start: string, end: string, from = 0): string {
  const a = text.indexOf(start, from);
  const b = text.indexOf(end, a + start.length);
  assert.ok(a >= 0 && b >= 0, `${start}..${end}`);
  return text.slice(a, b);
}

describe('messageSectionBytes', () => {
  it('describes the fixture', async () => {
    structure = (await describeStoredMessage(raw)).structure;
    assert.equal(structure.parts.length, 3);
  });

  it('serves the whole message, HEADER and TEXT byte-exact', () => {
    const blank = text.indexOf('\r\n\r\n') + 4;
    assert.equal(cut(''), text);
    assert.equal(cut('HEADER'), text.slice(0, blank));
    assert.equal(cut('TEXT'), text.slice(blank));
    assert.ok(messageSectionBytes(raw, structure, section('')) === raw, 'whole message is not copied');
  });

  it('cuts numbered parts, nested multiparts and MIME headers', () => {
    assert.equal(
      cut('1.1'),
      'Buongiorno, la fattura =C3=A8 allegata. Perch=C3=A9 no?\r\nParola chiave: zibibbo\r\n',
    );
    assert.equal(cut('1.2'), '<p>Buongiorno</p>\r\n');
    assert.equal(
      cut('1.1.MIME'),
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n',
    );
    assert.equal(cut('1'), between('--alt\r\n', '\r\n--outer'));
    assert.equal(cut('1.MIME'), 'Content-Type: multipart/alternative; boundary="alt"\r\n\r\n');
    assert.equal(cut('2'), Buffer.from('%PDF-1.4 segreto-nel-pdf\n').toString('base64'));
  });

  it('reaches into the embedded message (a PEC postacert.eml)', () => {
    const embedded = between('From: Anna Verdi', '\r\n--outer--');
    assert.equal(cut('3'), embedded);
    assert.equal(cut('3.HEADER'), embedded.slice(0, embedded.indexOf('\r\n\r\n') + 4));
    assert.equal(cut('3.TEXT'), embedded.slice(embedded.indexOf('\r\n\r\n') + 4));
    assert.equal(cut('3.1'), 'Testo con accento: citt=E0 di Torino\r\n');
    assert.equal(
      cut('3.1.MIME'),
      'Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n',
    );
    assert.equal(
      cut('3.MIME'),
      'Content-Type: message/rfc822; name="postacert.eml"\r\nContent-Disposition: inline; filename="postacert.eml"\r\n\r\n',
    );
    assert.equal(cut('3.HEADER.FIELDS (subject)'), 'Subject: Messaggio originale\r\n\r\n');
  });

  it('selects header fields case-insensitively, in message order, with the blank line', () => {
    assert.equal(
      cut('HEADER.FIELDS (SUBJECT from X-Absent)'),
      'From: =?UTF-8?Q?Niccol=C3=B2_Bianchi?= <niccolo@pec.example.org>\r\nSubject: =?UTF-8?Q?Fattura_n=C2=B0_17?=\r\n\r\n',
    );
    const not = cut(
      'HEADER.FIELDS.NOT (To Cc Subject Date Message-ID X-Riferimento-Message-ID MIME-Version Content-Type)',
    );
    assert.equal(not, 'From: =?UTF-8?Q?Niccol=C3=B2_Bianchi?= <niccolo@pec.example.org>\r\n\r\n');
    assert.equal(cut('HEADER.FIELDS (X-Absent)'), '\r\n');
  });

  it('keeps folded fields whole', () => {
    const folded = crlf(['Subject: one', ' two', 'To: a@b.example', '', 'x']);
    const tree = {
      ...structure,
      offsets: { header: 0, body: folded.indexOf(0x78), end: folded.length },
      parts: [],
    };
    assert.equal(
      cut('HEADER.FIELDS (Subject)', folded, { ...tree, type: 'text', subtype: 'plain' }),
      'Subject: one\r\n two\r\n\r\n',
    );
  });

  it('answers null for sections that do not exist', () => {
    for (const spec of ['4', '2.1', '1.1.1', '2.HEADER', '1.TEXT', '3.3', '3.1.1']) {
      assert.equal(cut(spec), null, spec);
    }
  });

  it('treats part 1 of a single-part message as its body', async () => {
    const single = crlf(['Subject: x', 'Content-Type: text/plain', '', 'hello', '']);
    const tree = (await describeStoredMessage(single)).structure;
    assert.equal(cut('1', single, tree), 'hello\r\n');
    assert.equal(cut('TEXT', single, tree), 'hello\r\n');
    assert.equal(cut('1.MIME', single, tree), 'Subject: x\r\nContent-Type: text/plain\r\n\r\n');
    assert.equal(cut('2', single, tree), null);
  });
});

describe('sliceByteRange', () => {
  const data = Buffer.from('0123456789');
  it('slices <origin.length> and clips at the end', () => {
    assert.equal(Buffer.from(sliceByteRange(data, { offset: 2, length: 3 })).toString(), '234');
    assert.equal(Buffer.from(sliceByteRange(data, { offset: 8, length: 100 })).toString(), '89');
  });
  it('gives the empty string past the end', () => {
    assert.equal(sliceByteRange(data, { offset: 10, length: 1 }).length, 0);
    assert.equal(sliceByteRange(data, { offset: 4_000_000_000, length: 1 }).length, 0);
  });
});

describe('decodedPartBytes', () => {
  it('undoes quoted-printable and base64', () => {
    assert.deepEqual(decodedPartBytes(raw, structure, [1, 1]), {
      kind: 'data',
      data: new Uint8Array(
        Buffer.from('Buongiorno, la fattura è allegata. Perché no?\r\nParola chiave: zibibbo\r\n'),
      ),
    });
    const pdf = decodedPartBytes(raw, structure, [2]);
    assert.deepEqual(pdf, { kind: 'data', data: new Uint8Array(Buffer.from('%PDF-1.4 segreto-nel-pdf\n')) });
    assert.deepEqual(decodedPartBytes(raw, structure, [9]), { kind: 'missing' });
  });

  it('reports a transfer encoding it cannot undo', async () => {
    const odd = crlf([
      'Content-Type: text/plain',
      'Content-Transfer-Encoding: x-uuencode',
      '',
      'begin 644 x',
      '',
    ]);
    const tree = (await describeStoredMessage(odd)).structure;
    assert.deepEqual(decodedPartBytes(odd, tree, [1]), { kind: 'unknown-cte' });
  });
});
