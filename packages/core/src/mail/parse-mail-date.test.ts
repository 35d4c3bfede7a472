import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseMailDate } from './parse-mail-date.ts';

const iso = (value: string): string | undefined => parseMailDate(value)?.toISOString();

describe('parseMailDate', () => {
  it('reads RFC 5322 dates with numeric zones', () => {
    assert.equal(iso('Thu, 5 Dec 2024 00:02:10 +0100'), '2024-12-04T23:02:10.000Z');
    assert.equal(iso('Mon, 29 Apr 2019 16:06:56 +0200'), '2019-04-29T14:06:56.000Z');
    assert.equal(iso('5 Dec 2024 00:02 -0330'), '2024-12-05T03:32:00.000Z');
  });

  it('ignores comments such as (UTC) and (CET)', () => {
    assert.equal(iso('Wed, 23 Jan 2019 16:35:57 +0000 (UTC)'), '2019-01-23T16:35:57.000Z');
    assert.equal(iso('Wed, 23 Jan 2019 17:35:57 +0100 (CET)'), '2019-01-23T16:35:57.000Z');
  });

  it('reads obsolete forms: named zones, two- and three-digit years, no day name', () => {
    assert.equal(iso('Fri, 07 Nov 14 16:52:00 GMT'), '2014-11-07T16:52:00.000Z');
    assert.equal(iso('7 Nov 99 16:52:00 EST'), '1999-11-07T21:52:00.000Z');
    assert.equal(iso('7 Nov 114 16:52:00 UT'), '2014-11-07T16:52:00.000Z');
    assert.equal(iso('7 November 2014 16:52:00 CEST'), '2014-11-07T14:52:00.000Z');
    assert.equal(iso('7 Nov 2014 16:52:00 Z'), '2014-11-07T16:52:00.000Z');
    assert.equal(iso('7 Nov 2014 16:52:00'), '2014-11-07T16:52:00.000Z');
    assert.equal(iso('Fri,7 Nov 2014 16:52:00 +01:00'), '2014-11-07T15:52:00.000Z');
  });

  it('reads ISO 8601 as a fallback', () => {
    assert.equal(iso('2024-12-05T00:02:10+01:00'), '2024-12-04T23:02:10.000Z');
    assert.equal(iso('2024-12-05 00:02:10Z'), '2024-12-05T00:02:10.000Z');
  });

  it('rejects garbage and impossible dates', () => {
    for (const value of [
      undefined,
      '',
      'yesterday',
      '31 Feb 2024 10:00:00 +0000',
      '1 Foo 2024 10:00 +0000',
      '1 Jan 2024 25:00 +0000',
      '1 Jan 2024 10:00 +0199',
      '1 Jan 2024 10:00 XYZ',
    ]) {
      assert.equal(parseMailDate(value), undefined, String(value));
    }
  });

  it('round-trips Date.toUTCString and never throws', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (date) => {
          const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
          assert.equal(parseMailDate(whole.toUTCString())?.getTime(), whole.getTime());
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (value) => {
        const parsed = parseMailDate(value);
        assert.ok(parsed === undefined || !Number.isNaN(parsed.getTime()));
      }),
    );
  });
});
