import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeMessage } from './message-summary.ts';
import { parseMimeTree } from './parse-mime-tree.ts';

const original = [
  'From: "Rossi, Mario" <mario@example.it>',
  'To: a@example.it, "B" <b@example.it>',
  'Cc: undisclosed-recipients:;',
  'Subject: =?utf-8?Q?Fattura_n=C2=B0_1?=',
  'Message-ID: <orig-1@example.it>',
  'Date: Thu, 5 Dec 2024 00:02:10 +0100',
  'Content-Type: multipart/mixed; boundary=in',
  '',
  '--in',
  '',
  'testo',
  '--in',
  'Content-Type: application/pdf',
  'Content-Disposition: attachment; filename="fattura.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0=',
  '--in--',
  '',
].join('\r\n');

const envelope = Buffer.from(
  [
    'From: "Per conto di: mario@example.it" <posta-certificata@pec.example.it>',
    'To: a@example.it, "B" <b@example.it>',
    'To: a@example.it',
    'Reply-To: mario@example.it',
    'Subject: POSTA CERTIFICATA: =?utf-8?Q?Fattura_n=C2=B0_1?=',
    'Message-ID:  <opec1.20241205000210@pec.example.it> ',
    'Date: Thu, 5 Dec 2024 00:02:10 +0100',
    'Content-Type: multipart/mixed; boundary=out',
    '',
    '--out',
    '',
    'Messaggio di posta certificata',
    '--out',
    'Content-Type: application/xml; name="daticert.xml"',
    'Content-Disposition: inline; filename="daticert.xml"',
    'Content-Transfer-Encoding: base64',
    '',
    'PHBvc3RhY2VydC8+',
    '--out',
    'Content-Type: message/rfc822; name="postacert.eml"',
    'Content-Disposition: inline; filename="postacert.eml"',
    '',
    original,
    '--out--',
    '',
  ].join('\r\n'),
);

describe('summarizeMessage', () => {
  it('summarises the envelope headers and lists its attachments without entering postacert', () => {
    const summary = summarizeMessage(envelope);
    assert.deepEqual(summary.from, {
      name: 'Per conto di: mario@example.it',
      address: 'posta-certificata@pec.example.it',
    });
    assert.deepEqual(summary.to, [
      { name: '', address: 'a@example.it' },
      { name: 'B', address: 'b@example.it' },
    ]);
    assert.deepEqual(summary.replyTo, [{ name: '', address: 'mario@example.it' }]);
    assert.deepEqual(summary.cc, []);
    assert.deepEqual(summary.bcc, []);
    assert.equal(summary.subject, 'POSTA CERTIFICATA: Fattura n\u00b0 1');
    assert.equal(summary.messageId, '<opec1.20241205000210@pec.example.it>');
    assert.equal(summary.date?.toISOString(), '2024-12-04T23:02:10.000Z');
    assert.deepEqual(summary.attachments, [
      { path: '2', filename: 'daticert.xml', contentType: 'application/xml', size: 12 },
      {
        path: '3',
        filename: 'postacert.eml',
        contentType: 'message/rfc822',
        size: Buffer.byteLength(original),
      },
    ]);
  });

  it('summarises the embedded original given its message/rfc822 part or the message itself', () => {
    const root = parseMimeTree(envelope);
    const part = root.children[2];
    assert.ok(part !== undefined);
    for (const node of [part, part.children[0]]) {
      const summary = summarizeMessage(envelope, node);
      assert.deepEqual(summary.from, { name: 'Rossi, Mario', address: 'mario@example.it' });
      assert.equal(summary.subject, 'Fattura n\u00b0 1');
      assert.equal(summary.messageId, '<orig-1@example.it>');
      assert.deepEqual(summary.cc, []);
      assert.deepEqual(summary.attachments, [
        { path: '3.2', filename: 'fattura.pdf', contentType: 'application/pdf', size: 5 },
      ]);
    }
  });

  it('returns empty fields for a message without headers', () => {
    const summary = summarizeMessage(Buffer.from('\r\nbody'));
    assert.equal(summary.from, undefined);
    assert.equal(summary.subject, undefined);
    assert.equal(summary.messageId, undefined);
    assert.equal(summary.date, undefined);
    assert.deepEqual(summary.to, []);
    assert.deepEqual(summary.attachments, []);
  });
});
