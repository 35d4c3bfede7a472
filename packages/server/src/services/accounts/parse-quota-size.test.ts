import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatQuotaSize, parseQuotaSize } from './parse-quota-size.ts';

describe('parseQuotaSize', () => {
  it('reads bytes and binary units', () => {
    assert.equal(parseQuotaSize('1024'), 1024);
    assert.equal(parseQuotaSize('10K'), 10 * 1024);
    assert.equal(parseQuotaSize('500M'), 500 * 1024 ** 2);
    assert.equal(parseQuotaSize('2G'), 2 * 1024 ** 3);
    assert.equal(parseQuotaSize('2g'), 2 * 1024 ** 3);
    assert.equal(parseQuotaSize('1.5GiB'), 1.5 * 1024 ** 3);
    assert.equal(parseQuotaSize('3 GB'), 3 * 1024 ** 3);
    assert.equal(parseQuotaSize('1T'), 1024 ** 4);
  });

  it('refuses zero, negatives and nonsense', () => {
    for (const value of ['', '0', '0G', '-1G', 'G', '2X', '1e9', '2 G G', 'lots']) {
      assert.equal(parseQuotaSize(value), undefined, value);
    }
  });

  it('round-trips whole units through formatQuotaSize', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1023 }), fc.constantFrom('', 'K', 'M', 'G'), (n, unit) => {
        assert.equal(formatQuotaSize(parseQuotaSize(`${n}${unit}`)!), `${n}${unit}`);
      }),
    );
  });
});
