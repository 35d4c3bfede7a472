/**
 * MessageTextIndex on SQL, table `message_texts` of migrations/0036-message-texts.ts. Lookups are
 * a prefilter by substring: SQLite matches FTS5 trigram phrases (a phrase of a needle's trigrams is
 * exactly "contains the needle" for the case-sensitive tokenizer over folded text), PostgreSQL LIKE
 * on pg_trgm GIN indexes. Neither database keeps NUL characters or lone surrogates in text: those are
 * replaced and the row marked lossy, so the caller checks it against the message bytes. Filing queues
 * a blob in `message_text_pending` (queue-message-text.ts, migration 40); `claimPending` hands
 * out batches under a lease (SKIP LOCKED on PostgreSQL) and `put` drops the markers it fills,
 * handing back those it could not fill.
 */
import { sql } from 'kysely';
import type {
  ContentNeedle,
  IndexedMessageText,
  MessageTextIndex,
  TextMatch,
  UnindexedBlob,
} from '../../ports/message-text-index.ts';
import type { MessageEnvelope, MimeStructure } from '../../ports/mailbox-store.ts';
import { inChunks } from './mailbox-rows.ts';
import { atomically, parseJson, type SqlContext } from './sql-context.ts';

export interface MessageTextTable {
  id: number;
  blob_key: string;
  header: string;
  body: string;
  lossy: number;
  addresses_regular: number;
}

export interface MessageTextPendingTable {
  blob_key: string;
  /** Milliseconds until which a claimer holds the marker; 0 when unclaimed. */
  claimed_until: number;
}

interface FoundRow {
  uid: number;
  header: string;
  body: string;
  lossy: number;
  addresses_regular: number;
}

function unindexedBlob(row: { blob_key: string; structure: string; envelope: string }): UnindexedBlob {
  return {
    blobKey: row.blob_key,
    structure: parseJson<MimeStructure>(row.structure),
    envelope: parseJson<MessageEnvelope>(row.envelope),
  };
}

const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** ES2024 `String.prototype.isWellFormed` (Node ≥ 20), not in the TypeScript lib this project targets. */
type WellFormedCheck = string & { isWellFormed(): boolean };

function storable(text: string): { readonly text: string; readonly lossy: boolean } {
  // Nearly every text is well formed and NUL-free: two native scans instead of the look-around
  // regular expression over every character (1.5–3 % of a provider's main thread, decision 0055).
  if (!text.includes('\0') && (text as WellFormedCheck).isWellFormed()) return { text, lossy: false };
  const cleaned = text.replace(unstorable, '\uFFFD');
  return { text: cleaned, lossy: cleaned !== text };
}

/** An FTS5 query: every needle as a quoted phrase (double quotes doubled), all required. */
function ftsQuery(needles: readonly string[]): string {
  return needles.map((needle) => `"${needle.replaceAll('"', '""')}"`).join(' AND ');
}

/**
 * An FTS5 query for content needles: a TEXT needle as a phrase in any column, a BODY needle as a
 * phrase with the `{body}` column filter, all required.
 */
function contentFtsQuery(needles: readonly ContentNeedle[]): string {
  return needles
    .map((needle) => `${needle.part === 'body' ? '{body} : ' : ''}"${needle.value.replaceAll('"', '""')}"`)
    .join(' AND ');
}

/** Markers beyond which `folderPending` does not look: a queue that long means the indexer is catching up. */
const pendingCheckLimit = 1000;
/** `claimed_until` of a marker taken out of the queue (`dropPending`): never due again. */
const parkedUntil = Number.MAX_SAFE_INTEGER;

interface MatchRow {
  uid: number;
  modseq: number | string;
  lossy: number;
}

function textMatch(row: MatchRow): TextMatch {
  return { uid: row.uid, modseq: Number(row.modseq), lossy: row.lossy === 1 };
}

/** A LIKE pattern for "contains `needle`", with backslash (PostgreSQL's default) escaping. */
function containsPattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function createSqlMessageTextIndex(ctx: SqlContext): MessageTextIndex {
  const db = ctx.db.withTables<{
    message_texts: MessageTextTable;
    message_text_pending: MessageTextPendingTable;
  }>();

  /** The folder's indexed rows whose text matches the FTS query (SQLite). */
  async function ftsRows(folderId: number, needles: readonly string[]): Promise<readonly FoundRow[]> {
    // Driven from the FTS match (CROSS JOIN fixes the order): an `id in (match subquery)` filter
    // on the folder's rows makes SQLite probe the subquery's list per row, quadratic in matches.
    // The unary plus keeps SQLite from walking the folder's index once per match: each match
    // finds its messages through `messages_blob`.
    const result = await sql<FoundRow>`
      select m.uid, t.header, t.body, t.lossy, t.addresses_regular from message_texts_fts f
      cross join message_texts t on t.id = f.rowid
      cross join messages m on m.blob_key = t.blob_key
      where message_texts_fts match ${ftsQuery(needles)} and +m.folder_id = ${folderId}`.execute(db);
    return result.rows;
  }

  /** The folder's indexed rows whose addresses are not regular (SQLite, partial index of migration 40). */
  async function irregularRows(folderId: number): Promise<readonly FoundRow[]> {
    const result = await sql<FoundRow>`
      select m.uid, t.header, t.body, t.lossy, t.addresses_regular from message_texts t
      cross join messages m on m.blob_key = t.blob_key
      where t.addresses_regular = 0 and +m.folder_id = ${folderId}`.execute(db);
    return result.rows;
  }

  async function sqliteRows(
    folderId: number,
    needles: readonly string[],
    addressNeedles: readonly string[],
  ): Promise<readonly FoundRow[]> {
    if (needles.length > 0) {
      const rows = await ftsRows(folderId, needles);
      return rows.filter(
        (row) => row.addresses_regular !== 1 || addressNeedles.every((needle) => row.header.includes(needle)),
      );
    }
    // Only address needles: what contains them all, and whatever cannot be excluded by them.
    const matching = await ftsRows(folderId, addressNeedles);
    return [...matching, ...(await irregularRows(folderId))];
  }

  /**
   * SQLite: the FTS match (driven first, as in `ftsRows`) joined to the folder's rows, each
   * candidate confirmed by `instr` on the stored text (exact substring, whatever the tokenizer
   * does), ascending by UID; one statement.
   */
  async function ftsMatches(
    folderId: number,
    needles: readonly ContentNeedle[],
  ): Promise<readonly MatchRow[]> {
    const checks = needles.map((needle) =>
      needle.part === 'body'
        ? sql`instr(t.body, ${needle.value}) > 0`
        : sql`(instr(t.body, ${needle.value}) > 0 or instr(t.header, ${needle.value}) > 0)`,
    );
    const result = await sql<MatchRow>`
      select m.uid, m.modseq, t.lossy from message_texts_fts f
      cross join message_texts t on t.id = f.rowid
      cross join messages m on m.blob_key = t.blob_key
      where message_texts_fts match ${contentFtsQuery(needles)} and +m.folder_id = ${folderId}
        and ${sql.join(checks, sql` and `)}
      order by m.uid`.execute(db);
    return result.rows;
  }

  /** PostgreSQL: LIKE over the pg_trgm indexes (exact with `\ % _` escaped), ascending by UID. */
  async function likeMatches(
    folderId: number,
    needles: readonly ContentNeedle[],
  ): Promise<readonly MatchRow[]> {
    let select = db
      .selectFrom('messages as m')
      .innerJoin('message_texts as t', 't.blob_key', 'm.blob_key')
      .select(['m.uid', 'm.modseq', 't.lossy'])
      .where('m.folder_id', '=', folderId);
    for (const needle of needles) {
      const pattern = containsPattern(needle.value);
      select =
        needle.part === 'body'
          ? select.where('t.body', 'like', pattern)
          : select.where((eb) => eb.or([eb('t.header', 'like', pattern), eb('t.body', 'like', pattern)]));
    }
    return select.orderBy('m.uid').execute();
  }

  async function portableRows(
    folderId: number,
    needles: readonly string[],
    addressNeedles: readonly string[],
  ): Promise<readonly FoundRow[]> {
    let select = db
      .selectFrom('messages as m')
      .innerJoin('message_texts as t', 't.blob_key', 'm.blob_key')
      .select(['m.uid', 't.header', 't.body', 't.lossy', 't.addresses_regular'])
      .where('m.folder_id', '=', folderId);
    for (const needle of needles) {
      const pattern = containsPattern(needle);
      select = select.where((eb) => eb.or([eb('t.header', 'like', pattern), eb('t.body', 'like', pattern)]));
    }
    for (const needle of addressNeedles) {
      const pattern = containsPattern(needle);
      select = select.where((eb) =>
        eb.or([eb('t.addresses_regular', '=', 0), eb('t.header', 'like', pattern)]),
      );
    }
    return select.execute();
  }

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
      const rows =
        ctx.dialect === 'sqlite' ? await ftsMatches(folderId, needles) : await likeMatches(folderId, needles);
      return rows.map(textMatch);
    },

    async put(entries) {
      if (entries.length === 0) return;
      await atomically(ctx, async (tx) => {
        for (const entry of entries) {
          const header = storable(entry.header);
          const body = storable(entry.body);
          const lossy = header.lossy || body.lossy ? 1 : 0;
          const regular = entry.addressesRegular ? 1 : 0;
          // Only while a message refers to the blob: a text must not outlive its messages.
          await sql`insert into message_texts (blob_key, header, body, lossy, addresses_regular)
            select ${entry.blobKey}, ${header.text}, ${body.text}, ${lossy}, ${regular}
            where exists (select 1 from messages where blob_key = ${entry.blobKey})
            on conflict (blob_key) do nothing`.execute(tx);
          // The marker goes only with a text. Without one (no message visible to this statement),
          // it is handed back for the next claim, which drops it if no message is left or indexes
          // the copy a concurrent filing holds locked (queue-message-text.ts), whose commit this
          // update waits for: deleting it then would leave that copy with neither.
          const dropped = await sql`delete from message_text_pending where blob_key = ${entry.blobKey}
            and exists (select 1 from message_texts where blob_key = ${entry.blobKey})`.execute(tx);
          if ((dropped.numAffectedRows ?? 0n) === 0n) {
            await sql`update message_text_pending set claimed_until = 0
              where blob_key = ${entry.blobKey}`.execute(tx);
          }
        }
      });
    },

    async find(folderId, needles, addressNeedles = []) {
      const rows =
        ctx.dialect === 'sqlite' && needles.length + addressNeedles.length > 0
          ? await sqliteRows(folderId, needles, addressNeedles)
          : await portableRows(folderId, needles, addressNeedles);
      const found = new Map<number, IndexedMessageText>();
      for (const row of rows) {
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
