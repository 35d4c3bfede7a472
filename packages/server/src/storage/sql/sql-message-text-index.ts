/**
 * MessageTextIndex on SQL, table `message_texts` of migrations/0036-message-texts.ts. Lookups are
 * a prefilter by substring: SQLite matches FTS5 trigram phrases (a phrase of a needle's trigrams is
 * exactly "contains the needle" for the case-sensitive tokenizer over folded text), PostgreSQL LIKE
 * on pg_trgm GIN indexes. Neither database keeps NUL characters or lone surrogates in text: those are
 * replaced and the row marked lossy, so the caller checks it against the message bytes.
 */
import { sql } from 'kysely';
import type { IndexedMessageText, MessageTextIndex, UnindexedBlob } from '../../ports/message-text-index.ts';
import type { MimeStructure } from '../../ports/mailbox-store.ts';
import { atomically, parseJson, type SqlContext } from './sql-context.ts';

export interface MessageTextTable {
  id: number;
  blob_key: string;
  header: string;
  body: string;
  lossy: number;
}

const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storable(text: string): { readonly text: string; readonly lossy: boolean } {
  const cleaned = text.replace(unstorable, '\uFFFD');
  return { text: cleaned, lossy: cleaned !== text };
}

/** An FTS5 query: every needle as a quoted phrase (double quotes doubled), all required. */
function ftsQuery(needles: readonly string[]): string {
  return needles.map((needle) => `"${needle.replaceAll('"', '""')}"`).join(' AND ');
}

/** A LIKE pattern for "contains `needle`", with backslash (PostgreSQL's default) escaping. */
function containsPattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function createSqlMessageTextIndex(ctx: SqlContext): MessageTextIndex {
  const db = ctx.db.withTables<{ message_texts: MessageTextTable }>();

  return {
    async listUnindexed(folderId, limit) {
      const rows = await db
        .selectFrom('messages as m')
        .leftJoin('message_texts as t', 't.blob_key', 'm.blob_key')
        .select(['m.blob_key', 'm.structure'])
        .where('m.folder_id', '=', folderId)
        .where('t.id', 'is', null)
        .limit(Math.max(0, limit))
        .execute();
      const blobs = new Map<string, UnindexedBlob>();
      for (const row of rows) {
        blobs.set(row.blob_key, {
          blobKey: row.blob_key,
          structure: parseJson<MimeStructure>(row.structure),
        });
      }
      return [...blobs.values()];
    },

    async put(entries) {
      if (entries.length === 0) return;
      await atomically(ctx, async (tx) => {
        for (const entry of entries) {
          const header = storable(entry.header);
          const body = storable(entry.body);
          const lossy = header.lossy || body.lossy ? 1 : 0;
          // Only while a message refers to the blob: a text must not outlive its messages.
          await sql`insert into message_texts (blob_key, header, body, lossy)
            select ${entry.blobKey}, ${header.text}, ${body.text}, ${lossy}
            where exists (select 1 from messages where blob_key = ${entry.blobKey})
            on conflict (blob_key) do nothing`.execute(tx);
        }
      });
    },

    async find(folderId, needles) {
      let rows: readonly { uid: number; header: string; body: string; lossy: number }[];
      if (ctx.dialect === 'sqlite' && needles.length > 0) {
        // Driven from the FTS match (CROSS JOIN fixes the order): an `id in (match subquery)` filter
        // on the folder's rows makes SQLite probe the subquery's list per row, quadratic in matches.
        // The unary plus keeps SQLite from walking the folder's index once per match: each match
        // finds its messages through `messages_blob`.
        const query = ftsQuery(needles);
        const result = await sql<{ uid: number; header: string; body: string; lossy: number }>`
          select m.uid, t.header, t.body, t.lossy from message_texts_fts f
          cross join message_texts t on t.id = f.rowid
          cross join messages m on m.blob_key = t.blob_key
          where message_texts_fts match ${query} and +m.folder_id = ${folderId}`.execute(db);
        rows = result.rows;
      } else {
        let select = db
          .selectFrom('messages as m')
          .innerJoin('message_texts as t', 't.blob_key', 'm.blob_key')
          .select(['m.uid', 't.header', 't.body', 't.lossy'])
          .where('m.folder_id', '=', folderId);
        for (const needle of needles) {
          const pattern = containsPattern(needle);
          select = select.where((eb) =>
            eb.or([eb('t.header', 'like', pattern), eb('t.body', 'like', pattern)]),
          );
        }
        rows = await select.execute();
      }
      const found = new Map<number, IndexedMessageText>();
      for (const row of rows) {
        found.set(row.uid, { header: row.header, body: row.body, lossy: row.lossy === 1 });
      }
      return found;
    },

    async forgetOrphans() {
      const result = await db
        .deleteFrom('message_texts')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('messages')
                .select('messages.uid')
                .whereRef('messages.blob_key', '=', 'message_texts.blob_key'),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
