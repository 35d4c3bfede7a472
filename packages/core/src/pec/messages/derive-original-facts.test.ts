import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseReceiptVariant } from './choose-receipt-variant.ts';
import { deriveOriginalFacts } from './derive-original-facts.ts';
import { classify, facts } from './fixtures/sample-inputs.ts';

const enc = (s: string): Uint8Array => Buffer.from(s, 'utf8');

describe('deriveOriginalFacts', () => {
  it('reads sender, To then Cc with kinds, subject, msgid and the requested variant', () => {
    assert.deepEqual(facts, {
      sender: 'mario.rossi@pec.example.it',
      recipients: [
        { address: 'ufficio@pec.example.org', kind: 'certificato', isCc: false },
        { address: 'info@example.com', kind: 'esterno', isCc: false },
        { address: 'niccolo.bianchi@pec.example.org', kind: 'certificato', isCc: true },
      ],
      subject: 'Contratto 2025/17 – perché no',
      msgid: '<abc123.4567@client.example>',
      requestedVariant: 'completa',
    });
  });

  it('reads X-TipoRicevuta in any case, counts To+Cc as primary and keeps Reply-To', () => {
    const derived = deriveOriginalFacts(
      enc(
        'From: a@pec.example.it\r\nTo: b@pec.example.org\r\nCc: B@pec.example.org, c@x.com\r\n' +
          'Reply-To: r@x.com\r\nX-Tiporicevuta: Breve\r\n\r\n',
      ),
      classify,
    );
    assert.deepEqual(derived.recipients, [
      { address: 'b@pec.example.org', kind: 'certificato', isCc: false },
      { address: 'c@x.com', kind: 'esterno', isCc: true },
    ]);
    assert.equal(derived.requestedVariant, 'breve');
    assert.equal(derived.replyTo, 'r@x.com');
    assert.equal(derived.subject, undefined);
    assert.equal(derived.msgid, undefined);
  });

  it('falls back to completa for an unknown variant', () => {
    assert.equal(
      deriveOriginalFacts(enc('X-TipoRicevuta: lunga\r\n\r\n'), classify).requestedVariant,
      'completa',
    );
  });
});

describe('chooseReceiptVariant', () => {
  it('gives Cc recipients a sintetica whatever was requested', () => {
    for (const requested of ['completa', 'breve', 'sintetica'] as const) {
      assert.equal(chooseReceiptVariant(requested, true), 'sintetica');
      assert.equal(chooseReceiptVariant(requested, false), requested);
    }
  });
});
