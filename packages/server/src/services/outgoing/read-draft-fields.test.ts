import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeHolderMessage, type HolderMessage } from './compose-holder-message.ts';
import { readDraftFields } from './read-draft-fields.ts';

const eml = new TextEncoder().encode('From: a@x.it\r\nSubject: firmato\r\n\r\nCorpo è firmato\r\n');
const message: HolderMessage = {
  from: { address: 'mario@pec.example.it', displayName: 'Mario' },
  to: ['anna@pec.example.it'],
  cc: ['bruno@pec.example.it'],
  subject: 'Bozza è lunga',
  text: 'Riga uno\n\nRiga due\n',
  html: '<p>Riga <strong>uno</strong></p>',
  receiptType: 'breve',
  attachments: [
    {
      name: 'dati è.bin',
      contentType: 'application/octet-stream',
      bytes: new Uint8Array([0, 13, 10, 255, 128]),
    },
    { name: 'inoltro.eml', contentType: 'message/rfc822', bytes: eml },
  ],
  messageId: '<d1@pec.example.it>',
  date: new Date(Date.UTC(2026, 11, 7)),
  inReplyTo: '<p@x.it>',
  references: '<r@x.it> <p@x.it>',
};

describe('readDraftFields', () => {
  it('gives back what composeHolderMessage wrote, attachments byte-exact', () => {
    const raw = composeHolderMessage(message);
    assert.match(
      Buffer.from(raw).toString('latin1'),
      /Content-Type: message\/rfc822\r\nContent-Transfer-Encoding: 8bit/,
    );
    const fields = readDraftFields(raw);
    assert.deepEqual(
      { ...fields, attachments: fields.attachments.map((a) => ({ ...a, bytes: Buffer.from(a.bytes) })) },
      {
        to: message.to,
        cc: message.cc,
        subject: message.subject,
        text: message.text,
        html: message.html,
        receiptType: 'breve',
        attachments: message.attachments.map((a) => ({ ...a, bytes: Buffer.from(a.bytes) })),
        inReplyTo: '<p@x.it>',
        references: '<r@x.it> <p@x.it>',
      },
    );
  });

  it('reads a plain message with no attachment as plain', () => {
    const plain: HolderMessage = {
      from: message.from,
      to: message.to,
      cc: message.cc,
      subject: message.subject,
      text: message.text,
      receiptType: message.receiptType,
      attachments: [],
      messageId: message.messageId,
      date: message.date,
    };
    const fields = readDraftFields(composeHolderMessage(plain));
    assert.equal(fields.html, undefined);
    assert.equal(fields.text, message.text);
  });
});
