import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Daticert } from './daticert.ts';
import { daticertFromFields, daticertToFields } from './daticert-fields.ts';
import { parseDaticert } from './parse-daticert.ts';
import { renderDaticert, renderDaticertBytes, sanitizeDaticert } from './render-daticert.ts';
import { toItalianDateTime } from '../time/italian-time.ts';
import { daticertErrors, daticertTypes, receiptVariants, recipientKinds } from '../vocabulary.ts';

const dtdPath = join(import.meta.dirname, 'daticert.dtd');

function xmllintAccepts(document: string): boolean {
  const run = spawnSync('xmllint', ['--noout', '--dtdvalid', dtdPath, '-'], {
    input: document,
    encoding: 'utf8',
  });
  if (run.error !== undefined) throw new Error(`xmllint is required for these tests: ${run.error.message}`);
  return run.status === 0;
}

/** Strings built to hurt: markup, controls, lone and paired surrogates, non-characters, white space. */
const nastyUnit = fc.constantFrom(
  '<',
  '>',
  '&',
  '"',
  "'",
  '\r',
  '\n',
  '\t',
  ' ',
  '\u0000',
  '\u0001',
  '\u001F',
  '\u007F',
  '\u0085',
  '\uD83D',
  '\uDE00',
  '😀',
  '𝄞',
  '\uFFFE',
  '\uFFFF',
  '\uFEFF',
  '\u00A0',
  '\u2028',
  'é',
  'ß',
  ']]>',
  '&amp;',
  '&#0;',
  '<![CDATA[',
  '<!--',
  '</msgid>',
  '</oggetto>',
  'a',
  'Z',
  '0',
  '@',
  '.',
);
const nastyString = fc.oneof(
  fc.string({ unit: nastyUnit, maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
);

const instant = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2199-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

const daticertArb: fc.Arbitrary<Daticert> = fc
  .record({
    type: fc.constantFrom(...daticertTypes),
    error: fc.constantFrom(...daticertErrors),
    sender: nastyString,
    recipients: fc.array(fc.record({ address: nastyString, kind: fc.constantFrom(...recipientKinds) }), {
      minLength: 1,
      maxLength: 3,
    }),
    replyTo: nastyString,
    subject: optional(nastyString),
    issuer: nastyString,
    instant,
    identifier: nastyString,
    msgid: optional(nastyString.map((s) => `<${s}>`)),
    receiptVariant: optional(fc.constantFrom(...receiptVariants)),
    delivery: optional(nastyString),
    takenInCharge: optional(fc.array(nastyString, { maxLength: 3 })),
    extendedError: optional(nastyString),
  })
  .map(({ instant: at, ...rest }) => {
    const entries = Object.entries({ ...rest, date: toItalianDateTime(at) });
    // Absent optional fields are left out rather than set to undefined, for about half the keys.
    const kept = entries.filter(([key, value]) => value !== undefined || key.length % 2 === 1);
    return Object.fromEntries(kept) as unknown as Daticert;
  });

describe('daticert render → parse round trip', () => {
  it('gives back the sanitised input for every tipo/errore/variant combination', () => {
    fc.assert(
      fc.property(daticertArb, (d) => {
        const parsed = parseDaticert(renderDaticertBytes(d));
        assert.deepEqual(parsed.problems, []);
        assert.equal(parsed.wellFormed, true);
        const expected = sanitizeDaticert(d);
        assert.deepEqual(parsed.daticert, daticertToFields(expected));
        assert.deepEqual(daticertFromFields(parsed.daticert), expected);
        // Rendering the sanitised value again changes nothing.
        assert.equal(renderDaticert(expected), renderDaticert(d));
      }),
      { numRuns: 2000 },
    );
  });

  it('covers each tipo × errore × ricevuta combination explicitly', () => {
    const base = fc.sample(daticertArb, { numRuns: 1, seed: 42 })[0]!;
    for (const type of daticertTypes) {
      for (const error of daticertErrors) {
        for (const receiptVariant of [...receiptVariants, undefined]) {
          const d: Daticert = { ...base, type, error, receiptVariant };
          const parsed = parseDaticert(renderDaticert(d));
          assert.equal(parsed.wellFormed, true);
          assert.deepEqual(parsed.daticert, daticertToFields(sanitizeDaticert(d)));
        }
      }
    }
  });

  it('every generated document is valid against daticert.dtd (xmllint)', () => {
    fc.assert(
      fc.property(daticertArb, (d) => {
        assert.ok(xmllintAccepts(renderDaticert(d)));
      }),
      { numRuns: 150 },
    );
  });
});
