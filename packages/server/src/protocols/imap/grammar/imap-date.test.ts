import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatImapDate, formatImapDateTime, parseImapDate, parseImapDateTime } from './imap-date.ts';

describe('IMAP dates', () => {
  it('parses search dates with one or two digit days, quoted or not', () => {
    assert.deepEqual(parseImapDate('1-Feb-1994'), { year: 1994, month: 2, day: 1 });
    assert.deepEqual(parseImapDate('"01-feb-1994"'), { year: 1994, month: 2, day: 1 });
    assert.deepEqual(parseImapDate('29-Feb-2024'), { year: 2024, month: 2, day: 29 });
    for (const bad of [
      '29-Feb-2023',
      '0-Jan-2000',
      '32-Jan-2000',
      '1-Foo-2000',
      '1-Feb-94',
      '"1-Feb-1994',
      '1 Feb 1994',
      '',
    ]) {
      assert.equal(parseImapDate(bad), null, bad);
    }
    assert.equal(formatImapDate({ year: 1994, month: 2, day: 1 }), '1-Feb-1994');
  });

  it('formats date-time with a space-padded day and the given zone', () => {
    const date = new Date('1996-07-17T09:44:25Z');
    assert.equal(formatImapDateTime(date, -420), '17-Jul-1996 02:44:25 -0700');
    assert.equal(formatImapDateTime(new Date('2024-03-05T23:30:00Z'), 60), ' 6-Mar-2024 00:30:00 +0100');
    assert.equal(formatImapDateTime(new Date('2024-03-05T23:30:00Z'), 0), ' 5-Mar-2024 23:30:00 +0000');
    assert.equal(formatImapDateTime(new Date('2024-03-05T23:30:00Z'), 330), ' 6-Mar-2024 05:00:00 +0530');
  });

  it('parses date-time, quoted or not, and rejects impossible values', () => {
    const parsed = parseImapDateTime('" 7-Feb-1994 21:52:25 -0800"');
    assert.equal(parsed?.date.toISOString(), '1994-02-08T05:52:25.000Z');
    assert.equal(parsed.offsetMinutes, -480);
    assert.equal(
      parseImapDateTime('17-Jul-1996 02:44:25 +0200')?.date.toISOString(),
      '1996-07-17T00:44:25.000Z',
    );
    for (const bad of [
      '17-Jul-1996 24:00:00 +0000',
      '17-Jul-1996 02:44 +0000',
      '31-Apr-2020 00:00:00 +0000',
      '17-Jul-1996 02:44:25 +0060',
    ]) {
      assert.equal(parseImapDateTime(bad), null, bad);
    }
  });

  it('format → parse round-trips (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -720, max: 840 }),
        (date, offset) => {
          const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
          const parsed = parseImapDateTime(formatImapDateTime(whole, offset));
          assert.equal(parsed?.date.getTime(), whole.getTime());
          assert.equal(parsed.offsetMinutes, offset);
        },
      ),
    );
  });
});
