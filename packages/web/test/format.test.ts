// Dates and sizes follow the locale.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatListDate, formatSize } from '../src/i18n/format.ts';

describe('locale formatting', () => {
  it('writes sizes with the locale’s decimal separator and unit', () => {
    assert.equal(formatSize(1536 * 1024, 'it'), '1,5 MB');
    assert.equal(formatSize(1536 * 1024, 'en'), '1.5 MB');
    assert.match(formatSize(1536 * 1024, 'fr'), /^1,5\s?Mo$/);
    assert.equal(formatSize(512, 'en'), '512 byte');
  });

  it('shows the time today, day and month this year, the full date before', () => {
    const now = new Date('2026-12-07T15:00:00');
    assert.match(formatListDate(new Date('2026-12-07T09:05:00').toISOString(), 'it', now), /^09:05$/);
    assert.equal(formatListDate(new Date('2026-03-02T09:05:00').toISOString(), 'fr', now), '2 mars');
    assert.equal(formatListDate(new Date('2025-03-02T09:05:00').toISOString(), 'it', now), '02/03/2025');
  });
});
