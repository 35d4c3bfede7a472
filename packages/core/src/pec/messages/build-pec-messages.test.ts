import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findParts } from '../../mail/find-parts.ts';
import { getHeader, getHeaders, parseHeaderBlock } from '../../mail/header-block.ts';
import { decodeEncodedWords } from '../../mail/decode-encoded-words.ts';
import { parseMimeTree } from '../../mail/parse-mime-tree.ts';
import type { MimeNode } from '../../mail/parse-mime-tree.ts';
import { readBodyBytes, readTextBody } from '../../mail/read-text-body.ts';
import { pecHeaders, subjectPrefixes } from '../vocabulary.ts';
import {
  envelope,
  facts,
  identifier,
  sampleMessages,
  sampleOriginal,
  senderMailReceipt,
} from './fixtures/sample-inputs.ts';
import { renderUnsignedPecMessage } from './unsigned-pec-message.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const dtd = join(import.meta.dirname, '..', 'daticert', 'daticert.dtd');
const work = mkdtempSync(join(tmpdir(), 'pec-messages-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
});

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** Per message type: the pec-spec §3.10 row, the addressee and whether the original is attached. */
const expectations: Record<
  string,
  {
    header: [string, string];
    extra?: [string, string];
    prefix: string;
    to?: string;
    /** Domain of the issuing provider. */
    issuer?: string;
    tipo: string;
    errore: string;
    postacert: boolean;
  }
> = {
  'posta-certificata': {
    header: [pecHeaders.transport, 'posta-certificata'],
    prefix: subjectPrefixes.transportEnvelope,
    tipo: 'posta-certificata',
    errore: 'nessuno',
    postacert: true,
  },
  accettazione: {
    header: [pecHeaders.receipt, 'accettazione'],
    prefix: subjectPrefixes.acceptance,
    to: facts.sender,
    issuer: 'pec.example.it',
    tipo: 'accettazione',
    errore: 'nessuno',
    postacert: false,
  },
  'non-accettazione': {
    header: [pecHeaders.receipt, 'non-accettazione'],
    prefix: subjectPrefixes.nonAcceptance,
    to: facts.sender,
    issuer: 'pec.example.it',
    tipo: 'non-accettazione',
    errore: 'altro',
    postacert: false,
  },
  'non-accettazione-virus': {
    header: [pecHeaders.receipt, 'non-accettazione'],
    extra: [pecHeaders.securityCheck, 'errore'],
    prefix: subjectPrefixes.nonAcceptanceVirus,
    to: facts.sender,
    issuer: 'pec.example.it',
    tipo: 'non-accettazione',
    errore: 'virus',
    postacert: false,
  },
  'presa-in-carico': {
    header: [pecHeaders.receipt, 'presa-in-carico'],
    prefix: subjectPrefixes.takeCharge,
    to: senderMailReceipt,
    issuer: 'pec.example.org',
    tipo: 'presa-in-carico',
    errore: 'nessuno',
    postacert: false,
  },
  'avvenuta-consegna-completa': {
    header: [pecHeaders.receipt, 'avvenuta-consegna'],
    prefix: subjectPrefixes.delivery,
    to: facts.sender,
    issuer: 'pec.example.org',
    tipo: 'avvenuta-consegna',
    errore: 'nessuno',
    postacert: true,
  },
  'avvenuta-consegna-breve': {
    header: [pecHeaders.receipt, 'avvenuta-consegna'],
    prefix: subjectPrefixes.delivery,
    to: facts.sender,
    issuer: 'pec.example.org',
    tipo: 'avvenuta-consegna',
    errore: 'nessuno',
    postacert: true,
  },
  'avvenuta-consegna-sintetica': {
    header: [pecHeaders.receipt, 'avvenuta-consegna'],
    prefix: subjectPrefixes.delivery,
    to: facts.sender,
    issuer: 'pec.example.org',
    tipo: 'avvenuta-consegna',
    errore: 'nessuno',
    postacert: false,
  },
  'errore-consegna': {
    header: [pecHeaders.receipt, 'errore-consegna'],
    prefix: subjectPrefixes.deliveryError,
    to: facts.sender,
    issuer: 'pec.example.org',
    tipo: 'errore-consegna',
    errore: 'no-dest',
    postacert: false,
  },
  'errore-consegna-virus': {
    header: [pecHeaders.receipt, 'errore-consegna'],
    extra: [pecHeaders.securityCheck, 'errore'],
    prefix: subjectPrefixes.deliveryErrorVirus,
    to: facts.sender,
    issuer: 'pec.example.it',
    tipo: 'errore-consegna',
    errore: 'virus',
    postacert: false,
  },
  'preavviso-errore-consegna-12h': {
    header: [pecHeaders.receipt, 'preavviso-errore-consegna'],
    prefix: subjectPrefixes.timeout,
    to: facts.sender,
    issuer: 'pec.example.it',
    tipo: 'preavviso-errore-consegna',
    errore: 'nessuno',
    postacert: false,
  },
  'preavviso-errore-consegna-24h': {
    header: [pecHeaders.receipt, 'preavviso-errore-consegna'],
    prefix: subjectPrefixes.timeout,
    to: facts.sender,
    issuer: 'pec.example.it',
    tipo: 'preavviso-errore-consegna',
    errore: 'altro',
    postacert: false,
  },
  'rilevazione-virus': {
    header: [pecHeaders.receipt, 'rilevazione-virus'],
    extra: [pecHeaders.originalSender, facts.sender],
    prefix: subjectPrefixes.virusDetection,
    to: senderMailReceipt,
    issuer: 'pec.example.org',
    tipo: 'rilevazione-virus',
    errore: 'virus',
    postacert: false,
  },
};

function partNamed(root: MimeNode, name: string): MimeNode | undefined {
  return findParts(root, (n) => n.filename === name)[0];
}

/** The daticert of a message, checked against the DTD with xmllint; returns the XML text. */
export function validDaticert(bytes: Uint8Array, label: string): string {
  const part = partNamed(parseMimeTree(bytes), 'daticert.xml');
  assert.ok(part !== undefined, `${label}: no daticert.xml`);
  const xml = readBodyBytes(bytes, part);
  const file = join(work, `${label}.xml`);
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--dtdvalid', dtd, file], { encoding: 'utf8' });
  assert.equal(run.status, 0, `${label}: xmllint: ${run.stderr}`);
  return Buffer.from(xml).toString('utf8');
}

const element = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1] ?? '');

describe('PEC message builders: golden files', () => {
  for (const [name, build] of Object.entries(sampleMessages)) {
    it(`${name} matches ${name}.golden.eml and is deterministic`, () => {
      const bytes = renderUnsignedPecMessage(build());
      assert.deepEqual(renderUnsignedPecMessage(build()), bytes);
      const golden = join(fixtures, `${name}.golden.eml`);
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, bytes);
      assert.equal(latin1(bytes), readFileSync(golden, 'latin1'));
    });
  }
});

describe('PEC message builders: wire rules', () => {
  for (const [name, build] of Object.entries(sampleMessages)) {
    it(`${name}: CRLF only, lines within 998 bytes, 7-bit text parts`, () => {
      const bytes = renderUnsignedPecMessage(build());
      const text = latin1(bytes);
      assert.doesNotMatch(text, /\r(?!\n)|(?<!\r)\n/);
      for (const line of text.split('\r\n')) assert.ok(line.length <= 998, `${name}: line of ${line.length}`);
    });

    const rule = expectations[name];
    if (rule === undefined) continue;
    it(`${name}: headers, daticert and parts per pec-spec §3.10 and §6.1`, () => {
      const message = build();
      const bytes = renderUnsignedPecMessage(message);
      const root = parseMimeTree(bytes);
      const headers = root.headers;
      assert.equal(getHeader(headers, rule.header[0]), rule.header[1]);
      if (rule.extra !== undefined) assert.equal(getHeader(headers, rule.extra[0]), rule.extra[1]);
      const subject = decodeEncodedWords(getHeader(headers, 'subject') ?? '');
      assert.equal(subject, rule.prefix + (facts.subject ?? ''));
      if (rule.to !== undefined) {
        assert.equal(getHeader(headers, 'from'), `posta-certificata@${rule.issuer}`);
        assert.equal(getHeader(headers, 'to'), rule.to);
      }
      // §6.1: the original's Message-ID is referenced; the message has its own.
      assert.equal(getHeader(headers, pecHeaders.referenceMessageId), facts.msgid);
      const messageId = getHeader(headers, 'message-id');
      assert.ok(messageId !== undefined && messageId !== facts.msgid);
      if (name !== 'posta-certificata') assert.notEqual(messageId, `<${identifier}>`);
      assert.doesNotMatch(message.headerLines, /^(mime-version|content-type):/im, 'added when signing');

      const xml = validDaticert(message.content, name);
      assert.match(xml, new RegExp(`<postacert tipo="${rule.tipo}" errore="${rule.errore}">`));
      assert.deepEqual(element(xml, 'identificativo'), [identifier]);
      assert.deepEqual(element(xml, 'msgid'), ['&lt;abc123.4567@client.example&gt;']);
      assert.equal(partNamed(root, 'postacert.eml') !== undefined, rule.postacert);
      const mixed = parseMimeTree(message.content);
      assert.equal(mixed.contentType.value, 'multipart/mixed');
      assert.deepEqual(
        mixed.children.map((c) => c.filename ?? c.contentType.value),
        ['multipart/alternative', 'daticert.xml', ...(rule.postacert ? ['postacert.eml'] : [])],
      );
    });
  }

  it('the text and HTML parts carry the subject and the identifier', () => {
    for (const [name, build] of Object.entries(sampleMessages)) {
      const { content } = build();
      const root = parseMimeTree(content);
      const [plain, html] = root.children[0]?.children ?? [];
      assert.ok(plain !== undefined && html !== undefined, name);
      for (const part of [plain, html]) {
        assert.equal(part.contentType.params.get('charset'), 'iso-8859-1');
        assert.equal(part.transferEncoding, 'quoted-printable');
        assert.equal(part.disposition?.value, 'inline');
        assert.ok(
          Array.from(latin1(content.subarray(part.bodyStart, part.bodyEnd))).every(
            (c) => c.charCodeAt(0) < 0x80,
          ),
        );
      }
      const text = readTextBody(content, plain);
      const page = readTextBody(content, html);
      assert.ok(text.includes('Contratto 2025/17 - perché no'), `${name}: subject in text`);
      assert.ok(page.includes('Contratto 2025/17 &#8211; perché no'), `${name}: subject in HTML`);
      assert.doesNotMatch(page, /<script|<img|<link|<style|src=|href=|url\(/i);
      if (name !== 'anomalia') {
        assert.ok(text.includes(identifier), `${name}: identifier in text`);
        assert.ok(page.includes(identifier), `${name}: identifier in HTML`);
      }
      assert.match(text, /Il giorno \d\d\/\d\d\/\d{4} alle ore \d\d:\d\d:\d\d \(\+0100\)/, name);
      assert.match(page, /Il giorno \d\d\/\d\d\/\d{4} alle ore \d\d:\d\d:\d\d \(\+0100\)/, name);
    }
  });

  it('the transport envelope copies To, Cc and Received and sets the PEC fields', () => {
    const headers = parseMimeTree(renderUnsignedPecMessage(envelope)).headers;
    const original = parseHeaderBlock(sampleOriginal);
    for (const name of ['to', 'cc', 'received'])
      assert.deepEqual(getHeaders(headers, name), getHeaders(original, name));
    assert.equal(
      getHeader(headers, 'from'),
      '"Per conto di: mario.rossi@pec.example.it" <posta-certificata@pec.example.it>',
    );
    assert.equal(getHeader(headers, 'reply-to'), 'mario.rossi@pec.example.it');
    assert.equal(getHeader(headers, 'message-id'), `<${identifier}>`);
    assert.equal(getHeader(headers, 'date'), 'Thu, 13 Nov 2025 16:39:26 +0100');
    assert.equal(getHeader(headers, pecHeaders.receiptType), 'completa');
  });

  it('the anomaly envelope keeps the original Message-ID and has no daticert', () => {
    const anomaly = sampleMessages['anomalia'];
    assert.ok(anomaly !== undefined);
    const message = anomaly();
    const root = parseMimeTree(renderUnsignedPecMessage(message));
    assert.equal(getHeader(root.headers, pecHeaders.transport), 'errore');
    assert.equal(getHeader(root.headers, 'message-id'), facts.msgid);
    assert.equal(getHeader(root.headers, pecHeaders.referenceMessageId), undefined);
    assert.equal(partNamed(root, 'daticert.xml'), undefined);
    const carried = partNamed(root, 'postacert.eml');
    assert.ok(carried !== undefined);
    assert.equal(latin1(readBodyBytes(renderUnsignedPecMessage(message), carried)), latin1(sampleOriginal));
  });

  it('the completa receipt carries the original exactly as the envelope did', () => {
    const build = sampleMessages['avvenuta-consegna-completa'];
    assert.ok(build !== undefined);
    const { content } = build();
    const part = partNamed(parseMimeTree(content), 'postacert.eml');
    assert.ok(part !== undefined);
    assert.equal(latin1(readBodyBytes(content, part)), latin1(envelope.carriedOriginal));
    const inEnvelope = partNamed(parseMimeTree(envelope.content), 'postacert.eml');
    assert.ok(inEnvelope !== undefined);
    assert.equal(latin1(readBodyBytes(envelope.content, inEnvelope)), latin1(envelope.carriedOriginal));
  });

  it('a Cc recipient gets a sintetica receipt: no postacert.eml, <ricevuta tipo="sintetica"/>', () => {
    const build = sampleMessages['avvenuta-consegna-sintetica'];
    assert.ok(build !== undefined);
    const { content } = build();
    assert.equal(partNamed(parseMimeTree(content), 'postacert.eml'), undefined);
    const xml = validDaticert(content, 'cc');
    assert.match(xml, /<ricevuta tipo="sintetica" \/>/);
    assert.deepEqual(element(xml, 'consegna'), ['niccolo.bianchi@pec.example.org']);
    assert.equal(facts.requestedVariant, 'completa');
  });

  it('the 24 h notice is told apart from the 12 h one only by errore-esteso', () => {
    const first = sampleMessages['preavviso-errore-consegna-12h'];
    const final = sampleMessages['preavviso-errore-consegna-24h'];
    assert.ok(first !== undefined && final !== undefined);
    const [a, b] = [first(), final()];
    const subject = (m: typeof a): string | undefined =>
      getHeader(parseHeaderBlock(renderUnsignedPecMessage(m)), 'subject');
    assert.equal(subject(a), subject(b));
    assert.match(
      element(validDaticert(b.content, '24h'), 'errore-esteso')[0] ?? '',
      /^5\.4\.1 - Example PEC S\.p\.A\. - /,
    );
    assert.doesNotMatch(element(validDaticert(a.content, '12h'), 'errore-esteso')[0] ?? '', /^5\.4\.1/);
  });
});
