// Replies thread on the message answered (RFC 5322 §3.6.4); a reopened draft keeps its UID and its
// attachments' sizes; forward as attachment starts with no text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from '../src/api/contract.ts';
import { draftForm, fieldsOf, prefill } from '../src/features/compose/compose-form.ts';

const words = {
  intro: 'wrote:',
  forwarded: 'Forwarded',
  from: 'From',
  to: 'To',
  subject: 'Subject',
  date: 'Date',
  when: 'today',
};
const message: Message = {
  uid: 7,
  folderId: '1',
  from: { name: 'Anna', address: 'anna@pec.example.it' },
  to: [{ name: '', address: 'mario@pec.example.it' }],
  cc: [],
  subject: 'POSTA CERTIFICATA: Ricorso',
  date: '2026-12-07T08:00:00Z',
  size: 100,
  flags: [],
  pecType: 'posta-certificata',
  hasAttachments: false,
  text: 'Testo',
  html: null,
  attachments: [],
  messageId: '<opec.2@pec.example.it>',
  references: '<a@x.it> <opec.1@pec.example.it>',
};

describe('threading and drafts', () => {
  it('sets In-Reply-To to the parent and References to its References then its Message-ID', () => {
    const fields = fieldsOf(prefill(message, 'reply', 'mario@pec.example.it', words));
    assert.equal(fields.subject, 'Re: Ricorso');
    assert.equal(fields.inReplyTo, '<opec.2@pec.example.it>');
    assert.equal(fields.references, '<a@x.it> <opec.1@pec.example.it> <opec.2@pec.example.it>');
    const first = fieldsOf(
      prefill({ ...message, references: null }, 'replyAll', 'mario@pec.example.it', words),
    );
    assert.equal(first.references, '<opec.2@pec.example.it>');
    const none = fieldsOf(prefill({ ...message, messageId: null }, 'reply', 'mario@pec.example.it', words));
    assert.equal(none.inReplyTo, undefined);
  });

  it('forwards with no thread, and as attachment with an empty body', () => {
    assert.equal(fieldsOf(prefill(message, 'forward', 'mario@pec.example.it', words)).inReplyTo, undefined);
    const asAttachment = prefill(message, 'forwardAttachment', 'mario@pec.example.it', words);
    assert.deepEqual([asAttachment.subject, asAttachment.text], ['Fwd: Ricorso', '']);
  });

  it('reopens a draft with its UID, fields and attachment sizes', () => {
    const form = draftForm(12, {
      to: ['a@pec.example.it'],
      cc: [],
      subject: 'Bozza',
      text: 'x',
      html: null,
      receiptType: 'breve',
      attachments: [{ name: 'a.bin', contentType: 'application/octet-stream', content: 'AAECAw==' }],
      inReplyTo: '<p@x.it>',
      references: null,
    });
    assert.equal(form.draftUid, 12);
    assert.equal(form.attachments[0]?.size, 4);
    assert.deepEqual(fieldsOf(form).attachments, [
      { name: 'a.bin', contentType: 'application/octet-stream', content: 'AAECAw==' },
    ]);
    assert.equal(fieldsOf(form).inReplyTo, '<p@x.it>');
    assert.equal(fieldsOf(form).references, undefined);
  });
});
