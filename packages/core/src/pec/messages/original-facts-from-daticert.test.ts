import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findParts } from '../../mail/find-parts.ts';
import { summarizeMessage } from '../../mail/message-summary.ts';
import { parseMimeTree } from '../../mail/parse-mime-tree.ts';
import { readBodyBytes } from '../../mail/read-text-body.ts';
import { daticertFromFields } from '../daticert/daticert-fields.ts';
import { parseDaticert } from '../daticert/parse-daticert.ts';
import { envelope, facts } from './fixtures/sample-inputs.ts';
import { originalFactsFromDaticert } from './original-facts-from-daticert.ts';
import { renderUnsignedPecMessage } from './unsigned-pec-message.ts';

describe('originalFactsFromDaticert', () => {
  it('gives the receiving provider the facts the sending provider used', () => {
    const bytes = renderUnsignedPecMessage(envelope);
    const root = parseMimeTree(bytes);
    const part = findParts(root, (n) => n.filename === 'daticert.xml')[0];
    assert.ok(part !== undefined);
    const parsed = parseDaticert(readBodyBytes(bytes, part));
    assert.ok(parsed.wellFormed, parsed.problems.join('; '));
    const daticert = daticertFromFields(parsed.daticert);
    assert.ok(daticert !== undefined);
    const summary = summarizeMessage(bytes);
    const received = originalFactsFromDaticert(daticert, {
      to: summary.to.map((a) => a.address),
      cc: summary.cc.map((a) => a.address),
    });
    // The original had no Reply-To: daticert `risposte` holds the sender (pec-spec §4.3).
    assert.deepEqual(received, { ...facts, replyTo: facts.sender });
  });

  it('counts an address in both To and Cc as primary, and defaults the variant', () => {
    const received = originalFactsFromDaticert(
      {
        type: 'posta-certificata',
        error: 'nessuno',
        sender: 's@pec.example.it',
        recipients: [{ address: 'A@pec.example.org', kind: 'certificato' }],
        replyTo: 's@pec.example.it',
        issuer: 'X',
        date: { day: '01/01/2025', time: '00:00:00', zone: '+0100' },
        identifier: 'id@x',
      },
      { to: ['a@pec.example.org'], cc: ['a@PEC.example.org'] },
    );
    assert.equal(received.recipients[0]?.isCc, false);
    assert.equal(received.requestedVariant, 'completa');
  });
});
