import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hasPecSamples, pecSamplesDir } from '../../../test/pec-samples-dir.ts';
import type { MimeStructure } from '../../ports/mailbox-store.ts';
import { describeStoredMessage } from './describe-stored-message.ts';
import { missingDomain, parseEnvelopeAddresses } from './parse-envelope-addresses.ts';

const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'latin1');

const nested = [
  'From: Inner <inner@example.org>',
  'To: "Rossi, Mario" <mario@pec.example.it>',
  'Subject: inner subject',
  'Message-ID: <inner@example.org>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'line one',
  'line two',
];

const message = crlf([
  'Return-Path: <a@pec.example.it>',
  'Date: Tue, 5 Nov 2024 10:00:00 +0100',
  'From: =?utf-8?q?Mario_R=C3=B2ssi?= <a@pec.example.it>',
  'To: b@pec.example.it,',
  ' "Bianchi, Anna" <c@pec.example.it>',
  'Cc: team: d@pec.example.it, e@pec.example.it;, postmaster',
  'Subject: =?utf-8?q?Fattura_n=C2=B0_1?=',
  '  continued',
  'Message-ID: <abc@client.example>',
  'In-Reply-To: <prev@client.example>',
  'X-Riferimento-Message-ID: <ref@client.example>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  'preamble',
  '--b1',
  'Content-Type: text/plain; charset="iso-8859-1"',
  'Content-Transfer-Encoding: quoted-printable',
  'Content-Language: it, en',
  '',
  'Buongiorno,',
  'in allegato.',
  '--b1',
  'Content-Type: application/pdf; name="fattura.pdf"',
  'Content-Disposition: attachment; filename="fattura.pdf"',
  'Content-Transfer-Encoding: base64',
  'Content-ID: <part2@client.example>',
  'Content-Description: the invoice',
  '',
  'JVBERi0xLjQK',
  '--b1',
  'Content-Type: message/rfc822; name="postacert.eml"',
  'Content-Disposition: inline; filename="postacert.eml"',
  '',
  ...nested,
  '--b1--',
  '',
]);

function body(structure: MimeStructure): string {
  return message.subarray(structure.offsets.body, structure.offsets.end).toString('latin1');
}

describe('describeStoredMessage', () => {
  it('fills the envelope with raw unfolded values and raw display names', async () => {
    const { envelope, pecType, pecReference } = await describeStoredMessage(message);
    assert.equal(envelope.date, 'Tue, 5 Nov 2024 10:00:00 +0100');
    assert.equal(envelope.subject, '=?utf-8?q?Fattura_n=C2=B0_1?=  continued');
    assert.deepEqual(envelope.from, [{ name: '=?utf-8?q?Mario_R=C3=B2ssi?=', address: 'a@pec.example.it' }]);
    assert.deepEqual(envelope.to, [
      { name: null, address: 'b@pec.example.it' },
      { name: 'Bianchi, Anna', address: 'c@pec.example.it' },
    ]);
    assert.deepEqual(envelope.cc, [
      { name: null, address: 'team' },
      { name: null, address: 'd@pec.example.it' },
      { name: null, address: 'e@pec.example.it' },
      { name: null, address: '' },
      { name: null, address: `postmaster@${missingDomain}` },
    ]);
    assert.deepEqual(envelope.sender, []);
    assert.deepEqual(envelope.replyTo, []);
    assert.deepEqual(envelope.bcc, []);
    assert.equal(envelope.messageId, '<abc@client.example>');
    assert.equal(envelope.inReplyTo, '<prev@client.example>');
    assert.equal(pecType, 'ordinaria');
    assert.equal(pecReference, '<ref@client.example>');
  });

  it('describes every part with sizes, lines, offsets and the embedded message', async () => {
    const { structure } = await describeStoredMessage(message);
    assert.equal(structure.type, 'multipart');
    assert.equal(structure.subtype, 'mixed');
    assert.deepEqual(structure.params, { boundary: 'b1' });
    assert.equal(structure.offsets.header, 0);
    assert.equal(structure.offsets.end, message.length);
    assert.equal(structure.size, message.length - structure.offsets.body);
    assert.equal(structure.lines, null);
    assert.equal(structure.parts.length, 3);
    const [text, pdf, eml] = structure.parts as [MimeStructure, MimeStructure, MimeStructure];

    assert.equal(body(text), 'Buongiorno,\r\nin allegato.');
    assert.equal(text.size, 'Buongiorno,\r\nin allegato.'.length);
    assert.equal(text.lines, 2);
    assert.equal(text.encoding, 'quoted-printable');
    assert.deepEqual(text.params, { charset: 'iso-8859-1' });
    assert.deepEqual(text.language, ['it', 'en']);
    assert.ok(
      message.subarray(text.offsets.header).toString('latin1').startsWith('Content-Type: text/plain'),
    );

    assert.equal(body(pdf), 'JVBERi0xLjQK');
    assert.equal(pdf.lines, null);
    assert.equal(pdf.id, '<part2@client.example>');
    assert.equal(pdf.description, 'the invoice');
    assert.deepEqual(pdf.disposition, { type: 'attachment', params: { filename: 'fattura.pdf' } });
    assert.deepEqual(pdf.params, { name: 'fattura.pdf' });

    assert.equal(body(eml), nested.join('\r\n'));
    assert.equal(eml.lines, nested.length);
    assert.equal(eml.encoding, null);
    assert.ok(eml.message !== null);
    assert.equal(eml.message.envelope.subject, 'inner subject');
    assert.deepEqual(eml.message.envelope.to, [{ name: 'Rossi, Mario', address: 'mario@pec.example.it' }]);
    assert.equal(eml.message.structure.type, 'text');
    assert.equal(eml.message.structure.offsets.header, eml.offsets.body);
    assert.equal(eml.message.structure.lines, 2);
    assert.equal(body(eml.message.structure), 'line one\r\nline two');
  });

  it('classifies a real transport envelope and keeps its reference', { skip: !hasPecSamples }, async () => {
    const bytes = readFileSync(join(pecSamplesDir, 'oca-l10n-italy', 'message2'));
    const description = await describeStoredMessage(bytes);
    assert.equal(description.pecType, 'posta-certificata');
    assert.match(description.pecReference ?? '', /^<.+>$/);
    assert.equal(description.structure.subtype, 'signed');
    const signed = description.structure.parts[0];
    assert.ok(signed !== undefined);
    const postacert = signed.parts.find((p) => p.disposition?.params['filename'] === 'postacert.eml');
    assert.ok(postacert?.message !== null && postacert !== undefined);
  });

  it('never throws and keeps offsets inside the message (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const { structure } = await describeStoredMessage(bytes);
        const check = (s: MimeStructure): void => {
          assert.ok(0 <= s.offsets.header && s.offsets.header <= s.offsets.body);
          assert.ok(s.offsets.body <= s.offsets.end && s.offsets.end <= bytes.length);
          assert.equal(s.size, s.offsets.end - s.offsets.body);
          s.parts.forEach(check);
        };
        check(structure);
      }),
    );
  });
});

describe('parseEnvelopeAddresses', () => {
  it('keeps quoted local parts, source routes apart, comments as missing names and encoded names', () => {
    // As Dovecot's ENVELOPE: a bare address's comment is its display name.
    assert.deepEqual(parseEnvelopeAddresses(['"a b"@example.org (comment), <@route:x@example.org>']), [
      { name: 'comment', address: '"a b"@example.org' },
      { name: null, address: 'x@example.org', route: '@route' },
    ]);
    assert.deepEqual(parseEnvelopeAddresses(['"Named" <n@example.org> (ignored)']), [
      { name: 'Named', address: 'n@example.org' },
    ]);
    assert.deepEqual(parseEnvelopeAddresses(['Mario R. Rossi <m@x.it>', 'undisclosed-recipients:;']), [
      { name: 'Mario R. Rossi', address: 'm@x.it' },
      { name: null, address: 'undisclosed-recipients' },
      { name: null, address: '' },
    ]);
  });
});
