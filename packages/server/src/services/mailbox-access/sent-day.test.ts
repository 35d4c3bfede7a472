import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentDay } from './sent-day.ts';

describe('sentDay', () => {
  const cases: Array<[string | null, number | null]> = [
    ['Tue, 05 Nov 2024 23:30:00 -0500', 20241105],
    ['5 Nov 2024 23:30:00 +1400', 20241105],
    ['Wed, 6 Nov 24 00:10 CET', 20241106],
    ['Mon, 01 Jan 1996 10:00:00 -0700 (PDT)', 19960101],
    ['Thu, 13 Nov 2025 16:39:20 +0100 (CET)', 20251113],
    ['2024-11-05T23:30:00Z', 20241105],
    ['not a date', null],
    ['31 Feb 2024 10:00:00 +0000', null],
    [null, null],
  ];
  for (const [header, day] of cases) {
    it(`${JSON.stringify(header)} → ${String(day)}`, () => {
      assert.equal(sentDay(header), day);
    });
  }
});
