/**
 * Migration 21: the save date of every message (RFC 8514 SAVEDATE), the time it was stored in its
 * folder: delivery, APPEND, and COPY/MOVE (which give the copy a new save date). Messages stored
 * before this migration take their internal date, the closest value the store kept.
 */
import type { Migration } from './migration.ts';

export const saveDates: Migration = {
  version: 21,
  name: 'save-dates',
  statements: () => [
    `alter table messages add column save_date bigint not null default 0`,
    `update messages set save_date = internal_date`,
  ],
};
