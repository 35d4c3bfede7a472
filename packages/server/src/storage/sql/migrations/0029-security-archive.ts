/**
 * Migration 29: the security archive (decision 0035). A folder may be a box's security archive
 * (`folders.security_archive`), whose rows share the delivered message's blob but leave the box
 * usage alone; each box's archive settings: on or off, since when, the kinds archived, whether the
 * holder may delete from it, and when the holder was told the archive is full (told once).
 */
import type { Migration } from './migration.ts';

export const securityArchive: Migration = {
  version: 29,
  name: 'security-archive',
  statements: () => [
    'alter table folders add column security_archive integer not null default 0',
    `create table security_archive_settings (
       mailbox_id bigint primary key references mailboxes(id) on delete cascade,
       enabled integer not null,
       kinds text not null,
       manual_deletion integer not null,
       enabled_at bigint,
       full_notice_at bigint,
       updated_at bigint not null)`,
  ],
};
