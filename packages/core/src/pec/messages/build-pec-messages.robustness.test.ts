import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeEncodedWords } from '../../mail/decode-encoded-words.ts';
import { findParts } from '../../mail/find-parts.ts';
import { getHeader, parseHeaderBlock } from '../../mail/header-block.ts';
import { parseMimeTree } from '../../mail/parse-mime-tree.ts';
import { readBodyBytes, readTextBody } from '../../mail/read-text-body.ts';
import { parseDaticert } from '../daticert/parse-daticert.ts';
import { buildAcceptance } from './build-acceptance.ts';
import { buildAnomalyEnvelope } from './build-anomaly-envelope.ts';
import { buildTransportEnvelope } from './build-transport-envelope.ts';
import { deriveOriginalFacts } from './derive-original-facts.ts';
import { acceptedAt, classify, facts, identifier, senderProvider } from './fixtures/sample-inputs.ts';
import { renderUnsignedPecMessage } from './unsigned-pec-message.ts';

const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

function assertWire(bytes: Uint8Array): void {
  const text = latin1(bytes);
  assert.doesNotMatch(text, /\r(?!\n)|(?<!\r)\n/);
  for (const line of text.split('\r\n')) assert.ok(line.length <= 998, `line of ${line.length}`);
}

describe('PEC message builders on unusual input', () => {
  it('any subject gives a well-formed acceptance whose Subject and daticert carry it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (subject) => {
        const message = buildAcceptance({
          provider: senderProvider,
          issuedAt: acceptedAt,
          messageId: 'r1@pec.example.it',
          identifier,
          facts: { ...facts, subject },
        });
        const bytes = renderUnsignedPecMessage(message);
        assertWire(bytes);
        const clean = Array.from(subject, (c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c)).join(
          '',
        );
        const headers = parseHeaderBlock(bytes);
        assert.equal(decodeEncodedWords(getHeader(headers, 'subject') ?? ''), `ACCETTAZIONE: ${clean}`);
        const part = findParts(parseMimeTree(message.content), (n) => n.filename === 'daticert.xml')[0];
        assert.ok(part !== undefined);
        assert.equal(parseDaticert(readBodyBytes(message.content, part)).wellFormed, true);
      }),
      { numRuns: 150 },
    );
  });

  it('an original with bare LF and 8-bit header bytes is carried with CRLF, labelled 8bit, headers copied byte-exact', () => {
    const original = Buffer.concat([
      Buffer.from('From: mario.rossi@pec.example.it\nTo: ', 'latin1'),
      Buffer.from('Zoë <zoe@pec.example.org>', 'utf8'),
      Buffer.from('\nSubject: prova\nMessage-ID: <m1@client>\n\ncaffè\n', 'utf8'),
    ]);
    const originalFacts = deriveOriginalFacts(original, classify);
    const built = buildTransportEnvelope({
      provider: senderProvider,
      acceptedAt,
      identifier,
      original,
      facts: originalFacts,
    });
    const bytes = renderUnsignedPecMessage(built);
    assertWire(bytes);
    assert.ok(bytes.includes(0xc3), 'UTF-8 bytes kept');
    assert.ok(latin1(bytes).startsWith(`X-Trasporto: posta-certificata\r\n`));
    assert.ok(
      latin1(bytes).includes(
        `To: ${Buffer.from('Zoë', 'utf8').toString('latin1')} <zoe@pec.example.org>\r\n`,
      ),
    );
    const part = findParts(parseMimeTree(built.content), (n) => n.filename === 'postacert.eml')[0];
    assert.ok(part !== undefined);
    assert.equal(part.transferEncoding, '8bit');
    assert.equal(latin1(readBodyBytes(built.content, part)), latin1(built.carriedOriginal));
    assert.ok(latin1(built.carriedOriginal).endsWith('\r\n\r\ncaff\u00c3\u00a8\r\n'));
  });

  it('refuses facts that do not belong to the original', () => {
    assert.throws(
      () =>
        buildTransportEnvelope({
          provider: senderProvider,
          acceptedAt,
          identifier,
          original: Buffer.from('From: a@b.it\r\nMessage-ID: <other@x>\r\n\r\n'),
          facts,
        }),
      RangeError,
    );
  });

  it('wraps ordinary mail without From, Message-ID or subject', () => {
    const original = Buffer.from('To: ufficio@pec.example.org\r\n\r\nciao\r\n');
    const message = buildAnomalyEnvelope({
      provider: senderProvider,
      receivedAt: acceptedAt,
      original,
      facts: deriveOriginalFacts(original, classify),
      reason: 'posta ordinaria',
      messageIdIfMissing: 'anomalia-1@pec.example.it',
    });
    const bytes = renderUnsignedPecMessage(message);
    assertWire(bytes);
    const headers = parseHeaderBlock(bytes);
    assert.equal(getHeader(headers, 'message-id'), '<anomalia-1@pec.example.it>');
    assert.equal(getHeader(headers, 'reply-to'), undefined);
    assert.equal(getHeader(headers, 'subject'), 'ANOMALIA MESSAGGIO: ');
    const plain = parseMimeTree(message.content).children[0]?.children[0];
    assert.ok(plain !== undefined);
    assert.match(readTextBody(message.content, plain), /posta ordinaria/);
  });
});
