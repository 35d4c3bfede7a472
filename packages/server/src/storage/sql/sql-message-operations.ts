/**
 * The message half of the SQL MailboxStore: append, list, flags, copy, move, expunge (RFC 9051,
 * RFC 7162 CONDSTORE/QRESYNC, RFC 4315 UIDPLUS, RFC 6851 MOVE). Every write runs in one
 * transaction that first locks the folder row, so UIDs and modseqs are handed out in commit order
 * and the mailbox's usage counters change together with the rows.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  AppendResult,
  CopyResult,
  FlagRun,
  MailboxStore,
  MessageHead,
  MessageQuery,
  MessageState,
  NewMessage,
  UidRange,
} from '../../ports/mailbox-store.ts';
import {
  adjustUsage,
  advanceFolder,
  flagColumns,
  inChunks,
  lockFolder,
  lockFolderPair,
  newMessageRow,
  toStoredMessage,
  uidFilter,
  uidRuns,
} from './mailbox-rows.ts';
import { applyFlagUpdate } from './normalize-flags.ts';
import { queueMessageText } from './queue-message-text.ts';
import type { Database, MessagesTable } from './schema.ts';
import { atomically, parseJson, type SqlContext } from './sql-context.ts';

/** The port's result plus the folder's mailbox, which the folder-row update returns anyway. */
export type SqlAppendResult = AppendResult & { readonly mailboxId: number };

export type MessageOperations = Pick<
  MailboxStore,
  | 'getMessage'
  | 'listMessages'
  | 'listMessageStates'
  | 'listMessageHeads'
  | 'listFlagRuns'
  | 'setFlags'
  | 'copy'
  | 'move'
  | 'expunge'
  | 'vanishedSince'
  | 'findByPecReference'
  | 'isBlobReferenced'
> & {
  /** MailboxStore.append, also saying whose folder it was (the committed-append announcement needs it). */
  append(folderId: number, message: NewMessage): Promise<SqlAppendResult>;
};

/**
 * The flag list of a row's JSON text, one frozen array per distinct text: most messages of a folder
 * share a handful of lists, so each is parsed once, and callers may key renderings by the array.
 */
function sharedFlagLists(): (json: string) => readonly string[] {
  const parsed = new Map<string, readonly string[]>();
  return (json) => {
    let flags = parsed.get(json);
    if (flags === undefined) {
      flags = Object.freeze(parseJson<string[]>(json));
      parsed.set(json, flags);
    }
    return flags;
  };
}

/** The UIDs of a comma-separated list (`group_concat`, `string_agg`), ascending. */
function parseUidList(text: string): number[] {
  const uids: number[] = [];
  let value = 0;
  let ascending = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      if (ascending && uids.length > 0 && value <= (uids[uids.length - 1] as number)) ascending = false;
      uids.push(value);
      value = 0;
    } else value = value * 10 + (code - 48);
  }
  if (text.length > 0) {
    if (uids.length > 0 && value <= (uids[uids.length - 1] as number)) ascending = false;
    uids.push(value);
  }
  // Neither SQL aggregate promises an order without an ORDER BY, which costs a sort of its own.
  return ascending ? uids : uids.sort((a, b) => a - b);
}

/** Runs of consecutive UIDs of one flag list, appended to `out`. */
function pushRuns(out: FlagRun[], uids: readonly number[], flags: readonly string[]): void {
  let from = uids[0];
  if (from === undefined) return;
  let to = from;
  for (let i = 1; i < uids.length; i++) {
    const uid = uids[i] as number;
    if (uid === to + 1) to = uid;
    else {
      out.push({ from, to, flags });
      from = uid;
      to = uid;
    }
  }
  out.push({ from, to, flags });
}

export function createSqlMessageOperations(ctx: SqlContext): MessageOperations {
  const { db } = ctx;

  function selectMessages(executor: Kysely<Database>, folderId: number, query: MessageQuery) {
    let select = executor
      .selectFrom('messages')
      .where('folder_id', '=', folderId)
      .where((eb) => uidFilter(eb, query.uids))
      .orderBy('uid', query.order ?? 'asc');
    if (query.changedSince !== undefined) select = select.where('modseq', '>', query.changedSince);
    if (query.limit !== undefined || query.offset !== undefined) {
      select = select.limit(query.limit ?? Number.MAX_SAFE_INTEGER).offset(query.offset ?? 0);
    }
    return select;
  }

  /** Copies `rows` (in UID order) into `targetId` and returns the mapping; caller holds both locks. */
  async function copyRows(
    tx: Kysely<Database>,
    rows: readonly Selectable<MessagesTable>[],
    targetId: number,
  ): Promise<CopyResult & { mailboxId: number }> {
    const advanced = await advanceFolder(tx, targetId, rows.length);
    const firstUid = advanced.uidNext - rows.length;
    // RFC 8514 §4: a copy (COPY or MOVE) is a new save into the target folder.
    const saveDate = ctx.clock.now().getTime();
    const copies = rows.map((row, i) => ({
      ...row,
      folder_id: targetId,
      uid: firstUid + i,
      modseq: advanced.modseq,
      save_date: saveDate,
    }));
    for (const chunk of inChunks(copies)) await tx.insertInto('messages').values(chunk).execute();
    const bytes = rows.reduce((sum, row) => sum + row.size, 0);
    if (advanced.inBoxUsage) await adjustUsage(tx, advanced.mailboxId, bytes, rows.length);
    return {
      uidValidity: advanced.uidValidity,
      mailboxId: advanced.mailboxId,
      mapping: rows.map((row, i) => ({ sourceUid: row.uid, targetUid: firstUid + i })),
    };
  }

  /** Deletes `rows` from `folderId`, leaving QRESYNC tombstones; returns their UIDs. */
  async function removeRows(
    tx: Kysely<Database>,
    folderId: number,
    rows: readonly { uid: number; size: number }[],
  ): Promise<number[]> {
    if (rows.length === 0) return [];
    const advanced = await advanceFolder(tx, folderId, 0);
    const uids = rows.map((row) => row.uid);
    for (const chunk of inChunks(uids)) {
      await tx.deleteFrom('messages').where('folder_id', '=', folderId).where('uid', 'in', chunk).execute();
      await tx
        .insertInto('expunged')
        .values(chunk.map((uid) => ({ folder_id: folderId, uid, modseq: advanced.modseq })))
        .execute();
    }
    const bytes = rows.reduce((sum, row) => sum + row.size, 0);
    if (advanced.inBoxUsage) await adjustUsage(tx, advanced.mailboxId, -bytes, -rows.length);
    return uids;
  }

  async function copyOrMove(
    fromFolderId: number,
    uids: readonly UidRange[],
    toFolderId: number,
    remove: boolean,
  ): Promise<CopyResult> {
    return atomically(ctx, async (tx) => {
      const [, target] = await lockFolderPair(ctx, tx, fromFolderId, toFolderId);
      const rows = await selectMessages(tx, fromFolderId, { uids }).selectAll().execute();
      if (rows.length === 0) return { uidValidity: target.uid_validity, mapping: [] };
      const copied = await copyRows(tx, rows, toFolderId);
      if (remove) await removeRows(tx, fromFolderId, rows);
      return { uidValidity: copied.uidValidity, mapping: copied.mapping };
    });
  }

  return {
    async append(folderId, message) {
      return atomically(ctx, async (tx) => {
        // The UPDATE of the folder row is the lock: concurrent appends queue up behind it.
        const advanced = await advanceFolder(tx, folderId, 1);
        const row = newMessageRow(folderId, advanced.uidNext - 1, advanced.modseq, message, ctx.clock.now());
        await tx.insertInto('messages').values(row).execute();
        // Queues the blob for the text indexer in the filing transaction (decision 0049), so no
        // filed message is missed, whichever path filed it; a blob already indexed needs nothing.
        await queueMessageText(tx, ctx.dialect, row.blob_key);
        if (advanced.inBoxUsage) await adjustUsage(tx, advanced.mailboxId, message.size, 1);
        return {
          uidValidity: advanced.uidValidity,
          message: toStoredMessage(row),
          mailboxId: advanced.mailboxId,
        };
      });
    },

    async getMessage(folderId, uid) {
      const row = await db
        .selectFrom('messages')
        .selectAll()
        .where('folder_id', '=', folderId)
        .where('uid', '=', uid)
        .executeTakeFirst();
      return row === undefined ? undefined : toStoredMessage(row);
    },

    async listMessages(folderId, query = {}) {
      const rows = await selectMessages(db, folderId, query).selectAll().execute();
      return rows.map(toStoredMessage);
    },

    async listMessageStates(folderId, query = {}) {
      const rows = await selectMessages(db, folderId, query).select(['uid', 'modseq', 'flags']).execute();
      const flagLists = sharedFlagLists();
      return rows.map((row) => ({ uid: row.uid, modseq: row.modseq, flags: flagLists(row.flags) }));
    },

    async listFlagRuns(folderId, query = {}) {
      // One row per distinct flag list (a folder has a handful) with its UIDs as one text, instead
      // of one row object per message; the runs are cut in JavaScript. The state index covers it.
      const uidList =
        ctx.dialect === 'postgres' ? sql<string>`string_agg(uid::text, ',')` : sql<string>`group_concat(uid)`;
      const rows = await db
        .selectFrom('messages')
        .where('folder_id', '=', folderId)
        .where((eb) => uidFilter(eb, query.uids))
        .groupBy('flags')
        .select((eb) => ['flags', eb.fn.max('modseq').as('modseq'), uidList.as('uids')])
        .execute();
      const flagLists = sharedFlagLists();
      const runs: FlagRun[] = [];
      let highestModseq = 0;
      for (const row of rows) {
        highestModseq = Math.max(highestModseq, row.modseq);
        pushRuns(runs, parseUidList(row.uids), flagLists(row.flags));
      }
      // Runs of different lists interleave; within one list they are ascending already.
      if (rows.length > 1) runs.sort((a, b) => a.from - b.from);
      return { runs, highestModseq };
    },

    async listMessageHeads(folderId, query = {}) {
      const rows = await selectMessages(db, folderId, query)
        .select(['folder_id', 'uid', 'modseq', 'blob_key', 'size', 'internal_date', 'save_date', 'flags'])
        .execute();
      const flagLists = sharedFlagLists();
      return rows.map((row): MessageHead => ({
        folderId: row.folder_id,
        uid: row.uid,
        modseq: row.modseq,
        blobKey: row.blob_key,
        size: row.size,
        internalDate: new Date(row.internal_date),
        saveDate: new Date(row.save_date),
        flags: flagLists(row.flags),
      }));
    },

    async setFlags(folderId, uids, update) {
      return atomically(ctx, async (tx) => {
        await lockFolder(ctx, tx, folderId);
        // Read from the covering state index (migration 38).
        const rows = await selectMessages(tx, folderId, { uids })
          .select(['uid', 'modseq', 'flags'])
          .execute();
        const modified: number[] = [];
        // The new flag list of each distinct current one (a folder has few), and the UIDs per new list.
        const nextOf = new Map<string, string>();
        const changes = new Map<string, number[]>();
        for (const row of rows) {
          if (update.unchangedSince !== undefined && row.modseq > update.unchangedSince) {
            modified.push(row.uid);
            continue;
          }
          let next = nextOf.get(row.flags);
          if (next === undefined) {
            next = JSON.stringify(applyFlagUpdate(parseJson<string[]>(row.flags), update.mode, update.flags));
            nextOf.set(row.flags, next);
          }
          if (next === row.flags) continue;
          const list = changes.get(next);
          if (list === undefined) changes.set(next, [row.uid]);
          else list.push(row.uid);
        }
        if (changes.size === 0) return { updated: [], modified };
        const { modseq } = await advanceFolder(tx, folderId, 0);
        const updated: MessageState[] = [];
        for (const [flagsJson, changedUids] of changes) {
          const flags = Object.freeze(parseJson<string[]>(flagsJson));
          // One UPDATE per new flag list over UID ranges: `1:*` on a folder is a single range.
          for (const ranges of inChunks(uidRuns(changedUids))) {
            await tx
              .updateTable('messages')
              .set({ ...flagColumns(flags), modseq })
              .where('folder_id', '=', folderId)
              .where((eb) => uidFilter(eb, ranges))
              .execute();
          }
          for (const uid of changedUids) updated.push({ uid, modseq, flags });
        }
        updated.sort((a, b) => a.uid - b.uid);
        return { updated, modified };
      });
    },

    async copy(fromFolderId, uids, toFolderId) {
      return copyOrMove(fromFolderId, uids, toFolderId, false);
    },

    async move(fromFolderId, uids, toFolderId) {
      return copyOrMove(fromFolderId, uids, toFolderId, true);
    },

    async expunge(folderId, options = {}) {
      return atomically(ctx, async (tx) => {
        await lockFolder(ctx, tx, folderId);
        const rows = await selectMessages(
          tx,
          folderId,
          options.uids === undefined ? {} : { uids: options.uids },
        )
          .where('deleted', '=', 1)
          .select(['uid', 'size'])
          .execute();
        return removeRows(tx, folderId, rows);
      });
    },

    async vanishedSince(folderId, modseq) {
      const rows = await db
        .selectFrom('expunged')
        .select('uid')
        .where('folder_id', '=', folderId)
        .where('modseq', '>', modseq)
        .orderBy('uid')
        .execute();
      return rows.map((row) => row.uid);
    },

    async findByPecReference(mailboxId, pecReference) {
      const rows = await db
        .selectFrom('messages')
        .innerJoin('folders', 'folders.id', 'messages.folder_id')
        .selectAll('messages')
        .where('folders.mailbox_id', '=', mailboxId)
        .where('messages.pec_reference', '=', pecReference)
        .orderBy('messages.internal_date')
        .orderBy('messages.folder_id')
        .orderBy('messages.uid')
        .execute();
      return rows.map(toStoredMessage);
    },

    async isBlobReferenced(blobKey) {
      const row = await db
        .selectFrom('messages')
        .select('uid')
        .where('blob_key', '=', blobKey)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
