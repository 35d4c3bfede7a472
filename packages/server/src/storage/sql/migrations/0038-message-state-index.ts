/**
 * Migration 38: a covering index of each message's mutable state (UID, modseq, `\Seen`, `\Deleted`,
 * size, flags), so that SELECT (the UID list, counts, first unseen), STATUS, FETCH FLAGS and STORE
 * read the small index entries instead of whole rows with their envelope and MIME structure JSON
 * (decision 0046). SQLite and PostgreSQL both answer those queries from the index alone.
 */
import type { Migration } from './migration.ts';

export const messageStateIndex: Migration = {
  version: 38,
  name: 'message-state-index',
  statements: () => [
    `create index messages_state on messages (folder_id, uid, modseq, seen, deleted, size, flags)`,
  ],
};
