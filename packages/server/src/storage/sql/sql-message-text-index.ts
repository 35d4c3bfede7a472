/**
 * MessageTextIndex on SQL (decisions 0043, 0049, 0056, 0060). `message_texts` holds one row per
 * indexed blob; its header, body pieces and seams are rows of `search_texts`, keyed by content, so
 * a text several blobs share (the original inside a transport envelope and a complete delivery
 * receipt) is indexed once; `message_text_parts` links them (migration 41, stored-text-pieces.ts).
 * Lookups: SQLite's FTS5 trigram index (GLOB), PostgreSQL's pg_trgm (LIKE); sql-text-lookups.ts.
 * Triggers delete a blob's text with its last message and a piece with its last link. Filing queues
 * a blob in `message_text_pending` (queue-message-text.ts, migration 40); `claimPending` hands
 * out batches under a lease (SKIP LOCKED on PostgreSQL) and `put` drops the markers it fills,
 * handing back those it could not fill.
 */
import { sql, type Generated, type Kysely } from 'kysely';
import type {
  IndexedMessageText,
  MessageTextEntry,
  MessageTextIndex,
  TextMatch,
  UnindexedBlob,
} from '../../ports/message-text-index.ts';
import type { MessageEnvelope, MimeStructure } from '../../ports/mailbox-store.ts';
import { inChunks } from './mailbox-rows.ts';
import type { Database } from './schema.ts';
import { atomically, parseJson, type SqlContext } from './sql-context.ts';
import { bodyText, headerText, textConditions, textsOfFolder } from './sql-text-lookups.ts';
import { storedTexts, type StoredPiece, type TextPart } from './stored-text-pieces.ts';

export interface MessageTextTable {
  id: Generated<number>;
  blob_key: string;
  lossy: number;
  addresses_regular: number;
}

export interface SearchTextTable {
  id: Generated<number>;
  /** SHA-256 (hex) of `text`. */
  hash: string;
  text: string;
}

export interface MessageTextPartTable {
  text_id: number;
  part: TextPart;
  position: number;
  search_text_id: number;
}

export interface MessageTextPendingTable {
  blob_key: string;
  /** Milliseconds until which a claimer holds the marker; 0 when unclaimed. */
  claimed_until: number;
}

type TextTables = {
  message_texts: MessageTextTable;
  search_texts: SearchTextTable;
  message_text_parts: MessageTextPartTable;
  message_text_pending: MessageTextPendingTable;
};

function unindexedBlob(row: { blob_key: string; structure: string; envelope: string }): UnindexedBlob {
  return {
    blobKey: row.blob_key,
    structure: parseJson<MimeStructure>(row.structure),
    envelope: parseJson<MessageEnvelope>(row.envelope),
  };
}

/** Markers beyond which `folderPending` does not look: a queue that long means the indexer is catching up. */
const pendingCheckLimit = 1000;
/** `claimed_until` of a marker taken out of the queue (`dropPending`): never due again. */
const parkedUntil = Number.MAX_SAFE_INTEGER;
/** Pieces per multi-row insert: they are up to a message's whole text each. */
const piecesPerStatement = 50;

interface MatchRow {
  uid: number;
  modseq: number | string;
  lossy: number;
}

function textMatch(row: MatchRow): TextMatch {
  return { uid: row.uid, modseq: Number(row.modseq), lossy: row.lossy === 1 };
}

/**
 * The ids of the pieces by hash, inserting those missing. On PostgreSQL the rows are locked (KEY
 * SHARE, in id order) so that a concurrent delete of a piece's last link waits for this commit and
 * then sees the new link; a piece deleted between the insert and the lock is inserted again.
 */
async function pieceIds(
  tx: Kysely<TextTables>,
  dialect: 'sqlite' | 'postgres',
  pieces: ReadonlyMap<string, string>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let attempt = 0; attempt < 3; attempt++) {
    const missing = [...pieces].filter(([hash]) => !ids.has(hash));
    if (missing.length === 0) return ids;
    for (const chunk of inChunks(missing, piecesPerStatement)) {
      await tx
        .insertInto('search_texts')
        .values(chunk.map(([hash, text]) => ({ hash, text })))
        .onConflict((oc) => oc.column('hash').doNothing())
        .execute();
    }
    for (const chunk of inChunks(missing.map(([hash]) => hash))) {
      let select = tx
        .selectFrom('search_texts')
        .select(['id', 'hash'])
        .where('hash', 'in', chunk)
        .orderBy('id');
      if (dialect === 'postgres') select = select.forKeyShare();
      for (const row of await select.execute()) ids.set(row.hash, row.id);
    }
  }
  throw new Error('search text pieces kept vanishing while being linked');
}

/** The entries (first per blob) whose blob a message refers to and which have no text yet. */
async function wanted(tx: Kysely<TextTables & Database>, entries: readonly MessageTextEntry[]) {
  const keys = [...new Set(entries.map((entry) => entry.blobKey))];
  const open = new Set<string>();
  for (const chunk of inChunks(keys)) {
    const rows = await sql<{ blob_key: string }>`select distinct m.blob_key from messages m
      where m.blob_key in (${sql.join(chunk)})
        and not exists (select 1 from message_texts t where t.blob_key = m.blob_key)`.execute(tx);
    for (const row of rows.rows) open.add(row.blob_key);
  }
  const out = new Map<string, MessageTextEntry>();
  for (const entry of entries)
    if (open.has(entry.blobKey) && !out.has(entry.blobKey)) out.set(entry.blobKey, entry);
  return { keys, entries: [...out.values()] };
}

export function createSqlMessageTextIndex(ctx: SqlContext): MessageTextIndex {
  const db = ctx.db.withTables<TextTables>();

  return {
    async listUnindexed(folderId, limit) {
      const rows = await db
        .selectFrom('messages as m')
        .leftJoin('message_texts as t', 't.blob_key', 'm.blob_key')
        .select(['m.blob_key', 'm.structure', 'm.envelope'])
        .where('m.folder_id', '=', folderId)
        .where('t.id', 'is', null)
        .limit(Math.max(0, limit))
        .execute();
      const blobs = new Map<string, UnindexedBlob>();
      for (const row of rows) blobs.set(row.blob_key, unindexedBlob(row));
      return [...blobs.values()];
    },

    async claimPending(limit, leaseMs) {
      const now = ctx.clock.now().getTime();
      return atomically(ctx, async (tx) => {
        const txDb = tx.withTables<{
          message_texts: MessageTextTable;
          message_text_pending: MessageTextPendingTable;
        }>();
        let due = txDb
          .selectFrom('message_text_pending')
          .select('blob_key')
          .where('claimed_until', '<=', now)
          .orderBy('claimed_until')
          .limit(Math.max(0, limit));
        // Several nodes' indexers take different batches (SQLite has one writer at a time anyway).
        if (ctx.dialect === 'postgres') due = due.forUpdate().skipLocked();
        const keys = (await due.execute()).map((row) => row.blob_key);
        if (keys.length === 0) return [];
        const blobs = new Map<string, UnindexedBlob>();
        const done: string[] = [];
        for (const chunk of inChunks(keys)) {
          await txDb
            .updateTable('message_text_pending')
            .set({ claimed_until: now + leaseMs })
            .where('blob_key', 'in', chunk)
            .execute();
          const rows = await txDb
            .selectFrom('messages as m')
            .leftJoin('message_texts as t', 't.blob_key', 'm.blob_key')
            .select(['m.blob_key', 'm.structure', 'm.envelope', 't.id'])
            .where('m.blob_key', 'in', chunk)
            .execute();
          for (const row of rows) {
            if (row.id === null) blobs.set(row.blob_key, unindexedBlob(row));
            else done.push(row.blob_key);
          }
        }
        // Deleted meanwhile, or indexed by a search's fill: nothing left to do for these.
        const dropped = keys.filter((key) => !blobs.has(key));
        for (const chunk of inChunks(dropped)) {
          await txDb.deleteFrom('message_text_pending').where('blob_key', 'in', chunk).execute();
        }
        return [...blobs.values()];
      });
    },

    async dropPending(blobKeys) {
      // Parked, not deleted: the marker keeps saying that its folders lack a text (folderPending).
      for (const chunk of inChunks(blobKeys)) {
        await db
          .updateTable('message_text_pending')
          .set({ claimed_until: parkedUntil })
          .where('blob_key', 'in', chunk)
          .execute();
      }
    },

    async folderPending(folderId) {
      // Bounded: at most `pendingCheckLimit` markers, each probed through `messages_blob` (the
      // unary plus keeps the folder's index out of the probe). Usually the queue is empty.
      const result = await sql<{ queued: number | string; mine: number | string | null }>`
        select count(*) as queued,
          sum(case when exists (select 1 from messages m
            where m.blob_key = p.blob_key and +m.folder_id = ${folderId}) then 1 else 0 end) as mine
        from (select blob_key from message_text_pending limit ${pendingCheckLimit + 1}) p`.execute(db);
      const row = result.rows[0];
      if (row === undefined) return false;
      return Number(row.queued) > pendingCheckLimit || Number(row.mine ?? 0) > 0;
    },

    async matchFolder(folderId, needles) {
      if (needles.length === 0) throw new Error('matchFolder needs at least one needle');
      const from = textsOfFolder(ctx.dialect, folderId, textConditions(needles));
      const result = await sql<MatchRow>`select m.uid, m.modseq, t.lossy ${from} order by m.uid`.execute(db);
      return result.rows.map(textMatch);
    },

    async put(entries) {
      if (entries.length === 0) return;
      await atomically(ctx, async (tx) => {
        const txDb = tx.withTables<TextTables>();
        // Only while a message refers to the blob: a text must not outlive its messages.
        const todo = await wanted(txDb, entries);
        const stored = new Map(
          todo.entries.map((entry) => [entry.blobKey, { entry, ...storedTexts(entry) }]),
        );
        const textIds = new Map<string, number>();
        for (const chunk of inChunks([...stored])) {
          const rows = await txDb
            .insertInto('message_texts')
            .values(
              chunk.map(([blobKey, texts]) => ({
                blob_key: blobKey,
                lossy: texts.lossy ? 1 : 0,
                addresses_regular: texts.entry.addressesRegular ? 1 : 0,
              })),
            )
            .onConflict((oc) => oc.column('blob_key').doNothing())
            .returning(['id', 'blob_key'])
            .execute();
          for (const row of rows) textIds.set(row.blob_key, row.id);
        }
        // Each distinct piece once, whichever blobs hold it (decision 0060).
        const links: { textId: number; piece: StoredPiece }[] = [];
        const pieces = new Map<string, string>();
        for (const [blobKey, texts] of stored) {
          const textId = textIds.get(blobKey);
          if (textId === undefined) continue; // indexed meanwhile by another transaction
          for (const piece of texts.pieces) {
            pieces.set(piece.hash, piece.text);
            links.push({ textId, piece });
          }
        }
        const ids = await pieceIds(txDb, ctx.dialect, pieces);
        for (const chunk of inChunks(links)) {
          await txDb
            .insertInto('message_text_parts')
            .values(
              chunk.map(({ textId, piece }) => ({
                text_id: textId,
                part: piece.part,
                position: piece.position,
                search_text_id: ids.get(piece.hash) ?? 0,
              })),
            )
            .execute();
        }
        for (const chunk of inChunks(todo.keys)) {
          // A marker goes only with a text. Without one (no message visible to this transaction),
          // it is handed back for the next claim, which drops it if no message is left or indexes
          // the copy a concurrent filing holds locked (queue-message-text.ts), whose commit this
          // update waits for: deleting it then would leave that copy with neither.
          await sql`delete from message_text_pending where blob_key in (${sql.join(chunk)})
            and exists (select 1 from message_texts t
              where t.blob_key = message_text_pending.blob_key)`.execute(tx);
          await sql`update message_text_pending set claimed_until = 0
            where blob_key in (${sql.join(chunk)})`.execute(tx);
        }
      });
    },

    async find(folderId, needles, addressNeedles = []) {
      const conditions = textConditions(
        needles.map((value) => ({ value, part: 'text' })),
        addressNeedles,
      );
      const result = await sql<{ uid: number; header: string; body: string; lossy: number }>`
        select m.uid, ${headerText()} as header, ${bodyText(ctx.dialect)} as body, t.lossy
        ${textsOfFolder(ctx.dialect, folderId, conditions)}`.execute(db);
      const found = new Map<number, IndexedMessageText>();
      for (const row of result.rows) {
        found.set(row.uid, { header: row.header, body: row.body, lossy: row.lossy === 1 });
      }
      return found;
    },

    async forgetOrphans() {
      await sql`delete from message_text_pending
        where not exists (select 1 from messages m where m.blob_key = message_text_pending.blob_key)`.execute(
        db,
      );
      // A safety net: filing, claiming and storing keep every message's text or marker under
      // concurrent transactions (queue-message-text.ts, `put`); a message found without either
      // (a bug, or data from before those locks) is queued again here.
      await sql`insert into message_text_pending (blob_key)
        select distinct m.blob_key from messages m
        where not exists (select 1 from message_texts t where t.blob_key = m.blob_key)
        on conflict (blob_key) do nothing`.execute(db);
      const texts = await sql`delete from message_texts
        where not exists (select 1 from messages m where m.blob_key = message_texts.blob_key)`.execute(db);
      // Links of texts gone and pieces no text links: left only by a race the triggers did not see.
      await sql`delete from message_text_parts
        where not exists (select 1 from message_texts t where t.id = message_text_parts.text_id)`.execute(db);
      const pieces = await sql`delete from search_texts
        where not exists (select 1 from message_text_parts p where p.search_text_id = search_texts.id)`.execute(
        db,
      );
      return Number(texts.numAffectedRows ?? 0n) + Number(pieces.numAffectedRows ?? 0n);
    },
  };
}
