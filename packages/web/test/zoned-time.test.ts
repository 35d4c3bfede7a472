// The picker's wall clock in a zone: a date and time typed in Rome become the right instant on both
// sides of a daylight-saving change, and come back as the same fields; the quick choices and limits.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  daysAheadAt,
  daysToMonday,
  fieldsAt,
  pickerBounds,
  timeProblem,
  zonedInstant,
} from '../src/features/scheduled/zoned-time.ts';

describe('zoned time', () => {
  it('turns Rome wall-clock times into instants with the offset of that day', () => {
    assert.equal(
      zonedInstant('2026-12-08', '08:00', 'Europe/Rome')?.toISOString(),
      '2026-12-08T07:00:00.000Z',
    );
    assert.equal(
      zonedInstant('2026-07-01', '08:00', 'Europe/Rome')?.toISOString(),
      '2026-07-01T06:00:00.000Z',
    );
    // The days of the changes (last Sunday of March and of October 2026).
    assert.equal(
      zonedInstant('2026-03-29', '12:00', 'Europe/Rome')?.toISOString(),
      '2026-03-29T10:00:00.000Z',
    );
    assert.equal(
      zonedInstant('2026-10-25', '12:00', 'Europe/Rome')?.toISOString(),
      '2026-10-25T11:00:00.000Z',
    );
    assert.equal(
      zonedInstant('2026-12-08', '08:00', 'America/New_York')?.toISOString(),
      '2026-12-08T13:00:00.000Z',
    );
    assert.equal(zonedInstant('2026-12-08', '', 'Europe/Rome'), null);
  });

  it('shows an instant back as the fields it was typed as', () => {
    assert.deepEqual(fieldsAt(new Date('2026-07-01T06:00:00Z'), 'Europe/Rome'), {
      date: '2026-07-01',
      time: '08:00',
    });
    assert.deepEqual(fieldsAt(new Date('2026-12-31T23:30:00Z'), 'Europe/Rome'), {
      date: '2027-01-01',
      time: '00:30',
    });
  });

  it('offers tomorrow and Monday at 08:00, refuses past and over a year', () => {
    const now = new Date('2026-12-07T22:30:00Z'); // Monday 23:30 in Rome
    assert.equal(daysAheadAt(1, 8, 'Europe/Rome', now).toISOString(), '2026-12-08T07:00:00.000Z');
    assert.equal(daysToMonday('Europe/Rome', now), 7);
    assert.equal(daysToMonday('Europe/Rome', new Date('2026-12-10T10:00:00Z')), 4);
    assert.equal(timeProblem(new Date('2026-12-07T22:00:00Z'), now), 'past');
    assert.equal(timeProblem(new Date('2027-12-09T00:00:00Z'), now), 'tooFar');
    assert.equal(timeProblem(new Date('2026-12-08T07:00:00Z'), now), null);
    assert.deepEqual(pickerBounds('Europe/Rome', now), { min: '2026-12-07', max: '2027-12-07' });
  });
});
