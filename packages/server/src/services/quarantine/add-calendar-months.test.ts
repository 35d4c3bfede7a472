import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addCalendarMonths } from './add-calendar-months.ts';

const at = (iso: string): Date => new Date(iso);
const add = (iso: string, months: number): string => addCalendarMonths(at(iso), months).toISOString();

describe('addCalendarMonths', () => {
  it('keeps the day and the time of day', () => {
    assert.equal(add('2026-11-22T10:15:30.123Z', 30), '2029-05-22T10:15:30.123Z');
    assert.equal(add('2026-01-15T00:00:00.000Z', 12), '2027-01-15T00:00:00.000Z');
  });

  it('ends on the last day of a shorter month (c.c. art. 2963)', () => {
    assert.equal(add('2026-08-31T12:00:00.000Z', 30), '2029-02-28T12:00:00.000Z');
    assert.equal(add('2025-08-31T12:00:00.000Z', 30), '2028-02-29T12:00:00.000Z');
    assert.equal(add('2026-01-31T00:00:00.000Z', 1), '2026-02-28T00:00:00.000Z');
    assert.equal(add('2026-05-31T23:59:59.999Z', 1), '2026-06-30T23:59:59.999Z');
  });

  it('goes backwards for negative months and refuses fractions', () => {
    assert.equal(add('2026-03-31T08:00:00.000Z', -1), '2026-02-28T08:00:00.000Z');
    assert.throws(() => addCalendarMonths(at('2026-01-01T00:00:00Z'), 1.5), RangeError);
  });

  it('lands in the right month, on min(day, last day), same time, never earlier', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('1970-01-01T00:00:00Z'), max: at('2200-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 600 }),
        (date, months) => {
          const result = addCalendarMonths(date, months);
          const monthIndex = (d: Date): number => d.getUTCFullYear() * 12 + d.getUTCMonth();
          assert.equal(monthIndex(result), monthIndex(date) + months);
          const lastDay = new Date(
            Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
          ).getUTCDate();
          assert.equal(result.getUTCDate(), Math.min(date.getUTCDate(), lastDay));
          assert.equal(result.getTime() % 86_400_000, date.getTime() % 86_400_000);
          assert.ok(result.getTime() >= date.getTime());
        },
      ),
    );
  });
});
