import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isValidMessageIdentifier } from './message-id.ts';
import {
  formatPecIdentifier,
  isValidPecIdentifier,
  parsePecIdentifier,
  pecIdentifierPrefix,
} from './pec-identifier.ts';

const instant = new Date('2024-12-04T23:02:10Z'); // 05/12/2024 00:02:10 in Italy

describe('formatPecIdentifier', () => {
  it('writes the documented opec shape in Italian legal time', () => {
    const id = formatPecIdentifier({ sequence: 46, instant, node: 24820, domain: 'pec.example.it' });
    assert.equal(id, 'opec1.20241205000210.24820.46.1.0@pec.example.it');
    const summer = formatPecIdentifier({
      sequence: 7n,
      instant: new Date('2025-07-01T10:00:00Z'),
      node: 0,
      domain: 'x.it',
      nonce: 'Ab9',
    });
    assert.equal(summer, 'opec1.20250701120000.0.7.1.Ab9@x.it');
    assert.ok(id.startsWith(`${pecIdentifierPrefix}.`));
  });

  it('accepts sequences beyond 2^53 as bigint', () => {
    const id = formatPecIdentifier({ sequence: 2n ** 80n, instant, node: 1, domain: 'pec.example.it' });
    assert.equal(parsePecIdentifier(id)?.sequence, 2n ** 80n);
  });

  it('rejects inputs that would break uniqueness or the syntax', () => {
    const ok = { sequence: 1, instant, node: 1, domain: 'pec.example.it' };
    assert.throws(() => formatPecIdentifier({ ...ok, sequence: -1 }), RangeError);
    assert.throws(() => formatPecIdentifier({ ...ok, sequence: -1n }), RangeError);
    assert.throws(() => formatPecIdentifier({ ...ok, sequence: 1.5 }), RangeError);
    assert.throws(() => formatPecIdentifier({ ...ok, sequence: 2 ** 53 }), RangeError);
    assert.throws(() => formatPecIdentifier({ ...ok, node: -3 }), RangeError);
    assert.throws(() => formatPecIdentifier({ ...ok, node: Number.NaN }), RangeError);
    assert.throws(() => formatPecIdentifier({ ...ok, nonce: 'a.b' }), RangeError);
    assert.throws(() => formatPecIdentifier({ ...ok, nonce: '' }), RangeError);
    assert.throws(() => formatPecIdentifier({ ...ok, nonce: 'x'.repeat(33) }), RangeError);
    for (const domain of [
      '',
      'a..b',
      '-a.it',
      'a-.it',
      'a b.it',
      'pec.example.it.',
      'è.it',
      `${'a'.repeat(64)}.it`,
    ]) {
      assert.throws(() => formatPecIdentifier({ ...ok, domain }), RangeError, domain);
    }
    assert.throws(() => formatPecIdentifier({ ...ok, instant: new Date(Number.NaN) }), RangeError);
  });

  it('is unique per (node, sequence), uses only [A-Za-z0-9.] before @, and parses back', () => {
    const input = fc.record({
      sequence: fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 2n ** 96n })),
      node: fc.nat(),
      instant: fc.date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      }),
      nonce: fc.option(fc.stringMatching(/^[A-Za-z0-9]{1,32}$/), { nil: undefined }),
      domain: fc.constantFrom('pec.example.it', 'a.b', 'PEC-1.Example.COM', 'localhost'),
    });
    fc.assert(
      fc.property(input, input, (a, b) => {
        const idA = formatPecIdentifier(a);
        const idB = formatPecIdentifier(b);
        assert.match(idA.slice(0, idA.indexOf('@')), /^[A-Za-z0-9.]+$/);
        assert.ok(isValidPecIdentifier(idA) && isValidMessageIdentifier(`<${idA}>`));
        const parts = parsePecIdentifier(idA);
        assert.equal(parts?.node, a.node);
        assert.equal(parts.sequence, BigInt(a.sequence));
        assert.equal(parts.nonce, a.nonce ?? '0');
        assert.equal(parts.domain, a.domain);
        const sameKey = a.node === b.node && BigInt(a.sequence) === BigInt(b.sequence);
        if (!sameKey) assert.notEqual(idA, idB);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parsePecIdentifier and isValidPecIdentifier', () => {
  it('parse only our format, bracketed or bare', () => {
    const parts = parsePecIdentifier('<opec1.20241205000210.24820.46.1.0@pec.example.it>');
    assert.deepEqual(parts, {
      stamp: '20241205000210',
      node: 24820,
      sequence: 46n,
      nonce: '0',
      domain: 'pec.example.it',
    });
    assert.equal(parsePecIdentifier('opec288.20181113163926.01838.310.1.358.63@pec.aruba.it'), undefined);
    assert.equal(parsePecIdentifier('opec1.20241205000210.01.46.1.0@pec.example.it'), undefined);
  });

  it('accept real providers’ identifiers and reject other shapes', () => {
    for (const id of [
      'opec288.20181113163926.01838.310.1.358.63@pec.aruba.it',
      '<opec21192.20241205000210.24820.46.1.184@sicurezzapostale.it>',
      'abc@pec.example.it',
    ]) {
      assert.ok(isValidPecIdentifier(id), id);
    }
    for (const id of [
      '',
      'a@',
      '@b.it',
      'a..b@c.it',
      '.a@b.it',
      'a-b@c.it',
      'a@b_c.it',
      '<a@b.it',
      'a@b.it>',
      'a b@c.it',
    ]) {
      assert.equal(isValidPecIdentifier(id), false, id);
    }
  });
});
