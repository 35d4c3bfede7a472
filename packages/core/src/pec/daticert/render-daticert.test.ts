import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Daticert } from './daticert.ts';
import { renderDaticert, renderDaticertBytes, sanitizeDaticert } from './render-daticert.ts';
import { formatPecIdentifier } from '../identifiers/pec-identifier.ts';
import { toItalianDateTime } from '../time/italian-time.ts';
import { daticertTypes, type DaticertType } from '../vocabulary.ts';

const here = import.meta.dirname;
const dtdPath = join(here, 'daticert.dtd');
const fixtures = join(here, 'fixtures');

/** Validates with libxml2 against daticert.dtd; throws if xmllint is not installed. */
function xmllint(document: string | Uint8Array): { ok: boolean; stderr: string } {
  const run = spawnSync('xmllint', ['--noout', '--dtdvalid', dtdPath, '-'], {
    input: document,
    encoding: 'utf8',
  });
  if (run.error !== undefined) throw new Error(`xmllint is required for these tests: ${run.error.message}`);
  return { ok: run.status === 0, stderr: run.stderr };
}

const instant = new Date('2025-11-13T15:39:26Z');
const identifier = formatPecIdentifier({ sequence: 310, instant, node: 1838, domain: 'pec.example.it' });
const base = {
  error: 'nessuno',
  sender: 'mario.rossi@pec.example.it',
  recipients: [
    { address: 'ufficio@pec.example.org', kind: 'certificato' },
    { address: 'info@example.com', kind: 'esterno' },
  ],
  replyTo: 'mario.rossi@pec.example.it',
  subject: 'Contratto 2025/17 – è pronto <bozza> & "finale"',
  issuer: 'Example PEC S.p.A.',
  date: toItalianDateTime(instant),
  identifier,
  msgid: '<abc123@client.example>',
} as const satisfies Omit<Daticert, 'type'>;

/** One representative document per tipo, using the elements of pec-spec §4.2. */
const samples: Readonly<Record<DaticertType, Daticert>> = {
  'posta-certificata': { ...base, type: 'posta-certificata', receiptVariant: 'completa' },
  accettazione: { ...base, type: 'accettazione' },
  'non-accettazione': {
    ...base,
    type: 'non-accettazione',
    error: 'altro',
    extendedError: '5.6.0 - Example PEC S.p.A. - destinatario in Bcc non ammesso',
  },
  'presa-in-carico': {
    ...base,
    type: 'presa-in-carico',
    takenInCharge: ['ufficio@pec.example.org', 'protocollo@pec.example.org'],
  },
  'avvenuta-consegna': {
    ...base,
    type: 'avvenuta-consegna',
    receiptVariant: 'breve',
    delivery: 'ufficio@pec.example.org',
  },
  'errore-consegna': {
    ...base,
    type: 'errore-consegna',
    error: 'no-dest',
    delivery: 'ufficio@pec.example.org',
    extendedError: '5.1.1 - Example PEC S.p.A. - indirizzo non valido',
  },
  'preavviso-errore-consegna': {
    ...base,
    type: 'preavviso-errore-consegna',
    error: 'altro',
    delivery: 'ufficio@pec.example.org',
    extendedError:
      '5.4.1 - Example PEC S.p.A. - il messaggio non è stato consegnato nelle prime ventiquattro ore dal suo invio',
  },
  'rilevazione-virus': {
    ...base,
    type: 'rilevazione-virus',
    error: 'virus',
    subject: undefined,
    msgid: undefined,
    delivery: 'ufficio@pec.example.org',
    extendedError: '5.7.1 - Example PEC S.p.A. - virus rilevato',
  },
};

describe('renderDaticert golden files', () => {
  for (const type of daticertTypes) {
    it(`${type}: matches fixtures/${type}.golden.xml byte for byte and is DTD-valid`, () => {
      const bytes = renderDaticertBytes(samples[type]);
      const path = join(fixtures, `${type}.golden.xml`);
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, bytes);
      assert.deepEqual(Buffer.from(bytes), readFileSync(path));
      const result = xmllint(bytes);
      assert.ok(result.ok, result.stderr);
    });
  }
});

describe('renderDaticert', () => {
  const doc = renderDaticert(samples['avvenuta-consegna']);

  it('writes the declaration, tipo before errore, errore="nessuno", no DOCTYPE, LF only', () => {
    const lines = doc.split('\n');
    assert.equal(lines[0], '<?xml version="1.0" encoding="UTF-8"?>');
    assert.equal(lines[1], '<postacert tipo="avvenuta-consegna" errore="nessuno">');
    assert.ok(!doc.includes('<!DOCTYPE'));
    assert.ok(!doc.includes('\r'));
    assert.ok(doc.endsWith('</postacert>\n'));
  });

  it('indents like the real example of pec-spec §4.4 and keeps DTD order', () => {
    assert.match(doc, /\n {4}<intestazione>\n {8}<mittente>/);
    assert.match(
      doc,
      /\n {8}<data zona="\+0100">\n {12}<giorno>13\/11\/2025<\/giorno>\n {12}<ora>16:39:26<\/ora>\n/,
    );
    assert.match(
      doc,
      /<msgid>&lt;abc123@client\.example&gt;<\/msgid>\n {8}<ricevuta tipo="breve" \/>\n {8}<consegna>/,
    );
    const order = [
      '<gestore-emittente>',
      '<data ',
      '<identificativo>',
      '<msgid>',
      '<ricevuta ',
      '<consegna>',
    ];
    const positions = order.map((tag) => doc.indexOf(tag));
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
    );
  });

  it('escapes the five markup characters and keeps UTF-8 text', () => {
    assert.ok(
      doc.includes('<oggetto>Contratto 2025/17 – è pronto &lt;bozza&gt; &amp; &quot;finale&quot;</oggetto>'),
    );
    const bytes = renderDaticertBytes(samples['avvenuta-consegna']);
    assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(bytes), doc);
    assert.ok(renderDaticert({ ...base, type: 'accettazione', subject: "l'ora" }).includes('l&apos;ora'));
  });

  it('removes characters XML cannot carry, trims, and keeps CR as a reference', () => {
    const nasty = {
      ...base,
      type: 'accettazione',
      subject: ' \t\u0001a\u0000b\uFFFE\uD800c\r\nd\uDC00 😀\u000B ',
    } as const satisfies Daticert;
    const out = renderDaticert(nasty);
    assert.ok(out.includes('<oggetto>abc&#13;\nd 😀</oggetto>'), out);
    assert.equal(sanitizeDaticert(nasty).subject, 'abc\r\nd 😀');
    assert.ok(xmllint(out).ok);
  });

  it('is deterministic', () => {
    assert.equal(renderDaticert(samples['presa-in-carico']), renderDaticert(samples['presa-in-carico']));
  });

  it('throws only for what cannot be made valid', () => {
    assert.throws(
      () => renderDaticert({ ...base, type: 'accettazione', recipients: [] }),
      /at least one <destinatari>/,
    );
    const bad = (patch: Record<string, unknown>): Daticert => ({ ...base, type: 'accettazione', ...patch });
    assert.throws(() => renderDaticert(bad({ type: 'ricevuta' })), /tipo "ricevuta" is not one of/);
    assert.throws(() => renderDaticert(bad({ error: 'boh' })), /errore "boh"/);
    assert.throws(() => renderDaticert(bad({ receiptVariant: 'lunga' })), /ricevuta tipo/);
    assert.throws(
      () => renderDaticert(bad({ recipients: [{ address: 'a@b', kind: 'pec' }] })),
      /destinatari tipo/,
    );
    assert.throws(
      () => renderDaticert(bad({ date: { day: '1/1/2025', time: '00:00:00', zone: '+0100' } })),
      /giorno/,
    );
    assert.throws(
      () => renderDaticert(bad({ date: { day: '01/01/2025', time: '0:00', zone: '+0100' } })),
      /ora/,
    );
    assert.throws(
      () => renderDaticert(bad({ date: { day: '01/01/2025', time: '00:00:00', zone: '+01:00' } })),
      /zona/,
    );
    // Empty values are valid #PCDATA and are written.
    const empty = renderDaticert(bad({ sender: '\u0001', subject: '' }));
    assert.ok(empty.includes('<mittente></mittente>') && empty.includes('<oggetto></oggetto>'));
    assert.ok(xmllint(empty).ok);
  });

  it('omits absent optional elements and an empty ricezione list', () => {
    const out = renderDaticert({
      ...base,
      type: 'accettazione',
      subject: undefined,
      msgid: undefined,
      takenInCharge: [],
    });
    for (const tag of ['<oggetto>', '<msgid>', '<ricevuta', '<consegna>', '<ricezione>', '<errore-esteso>']) {
      assert.ok(!out.includes(tag), tag);
    }
    assert.ok(xmllint(out).ok);
  });

  it('the DTD check really rejects invalid documents (oracle sanity)', () => {
    assert.equal(
      xmllint(doc.replace('<mittente>', '<mittente2>').replace('</mittente>', '</mittente2>')).ok,
      false,
    );
    assert.equal(xmllint(doc.replace(' tipo="avvenuta-consegna"', '')).ok, false);
  });
});
