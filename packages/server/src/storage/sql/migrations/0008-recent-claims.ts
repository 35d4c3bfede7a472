/**
 * Migration 8: the highest UID of each folder that some IMAP4rev1 session has already seen as
 * `\Recent` (RFC 3501 §2.3.2: one session sees a message as recent). Messages stored before this
 * migration count as seen.
 */
import type { Migration } from './migration.ts';

export const recentClaims: Migration = {
  version: 8,
  name: 'recent-claims',
  statements: () => [
    `alter table folders add column recent_uid bigint not null default 0`,
    `update folders set recent_uid = uid_next - 1`,
  ],
};
