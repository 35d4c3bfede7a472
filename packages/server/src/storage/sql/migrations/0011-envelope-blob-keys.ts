/**
 * Migration 11: the blob key of each tracked message's signed transport envelope (pec-spec §3.1),
 * so that the holder's evidence pack can hold the envelope byte-exact after the outbox jobs that
 * carried it are purged. Messages tracked before this migration have none.
 */
import type { Migration } from './migration.ts';

export const envelopeBlobKeys: Migration = {
  version: 11,
  name: 'envelope-blob-keys',
  statements: () => [`alter table tracked_messages add column envelope_blob_key text`],
};
