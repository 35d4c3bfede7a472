/**
 * FETCH and UID FETCH (RFC 9051 §6.4.5, §6.4.9; CONDSTORE/QRESYNC CHANGEDSINCE and VANISHED, RFC 7162
 * §3.1.4, §3.2.6; PARTIAL, RFC 9394 §3.2). Metadata answers come from the stored rows, bodies from the blob byte-exact.
 * Fetching a body without PEEK sets `\Seen` (not in a read-only folder) and the response then carries
 * the new FLAGS. Messages expunged by another session meanwhile end in `NO [EXPUNGEISSUED]` when named
 * by sequence number; by UID they are skipped and the answer is OK.
 */
import type { MessageState } from '../../../ports/mailbox-store.ts';
import { defineCommand, ImapCommandError, no, type CommandContext } from '../command-descriptor.ts';
import {
  sequenceSetContains,
  type FetchCommand,
  type FetchItem,
  type ImapResponse,
} from '../grammar/index.ts';
import type { SelectedMessage } from '../selected-folder.ts';
import { enableCondstore } from './enable-condstore.ts';
import {
  buildFetchItems,
  fetchNeedsContent,
  fetchNeedsHeadsOnly,
  fetchSetsSeen,
  type FetchSource,
  type RenderedTexts,
} from './fetch-items.ts';
import { cachedMetadata } from './rendered-metadata.ts';
import { fetchesStatesOnly, fetchStates } from './fetch-states.ts';
import { partialResults } from './partial-results.ts';
import { chunked, toUidRanges } from '../../../services/mailbox-access/uid-ranges.ts';

const chunkSize = 500;
const seenFlag = '\\Seen';

/** Message bytes gathered before the responses carrying them are rendered and sent. */
const batchBytes = 256 * 1024;
/** Messages whose bytes are read with one call at most (the embedded store's statement takes 500 keys). */
const batchMessages = 256;

/** Marks the unseen messages of the chunk `\Seen`; returns their new states by UID. */
async function markSeen(
  ctx: CommandContext,
  messages: readonly MessageState[],
): Promise<Map<number, MessageState>> {
  const unseen = messages.filter((m) => !m.flags.includes(seenFlag)).map((m) => m.uid);
  if (unseen.length === 0) return new Map();
  const { session } = ctx;
  const result = await ctx.services.mailboxes.messages.setFlags(
    session.user.mailboxId,
    session.selected.folderId,
    toUidRanges(unseen),
    { mode: 'add', flags: [seenFlag] },
  );
  session.selected.noteOwnFlagChanges(result.updated);
  return new Map(result.updated.map((state) => [state.uid, state]));
}

async function sendVanished(ctx: CommandContext, command: FetchCommand, changedSince: number): Promise<void> {
  const selected = ctx.session.selected;
  const expunged = await ctx.services.mailboxes.messages.vanishedSince(selected.folderId, changedSince);
  // `*` is the largest UID the folder has used, present or expunged.
  const maxUid = Math.max(selected.lastUid, expunged[expunged.length - 1] ?? 0);
  const vanished = expunged.filter((uid) =>
    sequenceSetContains(command.sequenceSet, uid, maxUid, ctx.session.savedSearch),
  );
  if (vanished.length > 0) ctx.send({ kind: 'vanished', earlier: true, uids: vanished });
}

/**
 * RFC 9394 §3.2: with PARTIAL, only the messages at those positions of the ones the set names (and
 * CHANGEDSINCE keeps), in UID order, are fetched.
 */
async function partialTargets(
  ctx: CommandContext,
  command: FetchCommand,
  targets: SelectedMessage[],
): Promise<SelectedMessage[]> {
  if (command.partial === null) return targets;
  let candidates = targets;
  if (command.changedSince !== null && targets.length > 0) {
    const changed = await ctx.services.mailboxes.messages.list(
      ctx.session.selected.folderId,
      toUidRanges(targets.map((t) => t.uid)),
      { changedSince: command.changedSince },
    );
    const uids = new Set(changed.map((message) => message.uid));
    candidates = targets.filter((t) => uids.has(t.uid));
  }
  return partialResults(command.partial, candidates);
}

/**
 * The bytes of `messages`, read in batches of about `batchBytes` by their stored sizes (at most
 * `batchMessages`), each batch with one `contents` call (one statement for many small blobs on the
 * embedded store) and the next batch started while this one is answered: reads overlap and at most
 * two batches wait in memory. Asked for in order, index by index.
 */
function batchedContents(
  access: CommandContext['services']['mailboxes']['messages'],
  messages: readonly FetchSource[],
): (index: number) => Promise<Uint8Array> {
  const starts: number[] = [];
  let bytes = batchBytes;
  for (let i = 0; i < messages.length; i++) {
    if (bytes >= batchBytes || i - (starts[starts.length - 1] ?? 0) >= batchMessages) {
      starts.push(i);
      bytes = 0;
    }
    bytes += (messages[i] as FetchSource).size;
  }
  const pending = new Map<number, Promise<Uint8Array[]>>();
  const start = (batch: number): void => {
    const from = starts[batch];
    if (from === undefined || pending.has(batch)) return;
    const promise = access.contents(messages.slice(from, starts[batch + 1] ?? messages.length));
    // A batch left behind by an error before it must not become an unhandled rejection.
    promise.catch(() => undefined);
    pending.set(batch, promise);
  };
  let current = 0;
  return async (index) => {
    while ((starts[current + 1] ?? Number.POSITIVE_INFINITY) <= index) pending.delete(current++);
    start(current);
    start(current + 1);
    const batch = await (pending.get(current) as Promise<Uint8Array[]>);
    const raw = batch[index - (starts[current] as number)];
    if (raw === undefined) throw new Error(`content out of order: ${String(index)}`);
    return raw;
  };
}

/**
 * What the chunk's items are built from, by UID: the stored rows; or, when no item needs the bytes or
 * the structure (a client's header listing), the message heads with ENVELOPE / BODY / BODYSTRUCTURE
 * taken from the rendered-metadata cache, the envelope and structure texts then not even read. The
 * renderings are taken now, not when written, so that rendering the chunk's misses cannot push them
 * out of the cache first. Messages whose rendering is not cached are read in full and rendered.
 */
async function loadChunk(
  ctx: CommandContext,
  command: FetchCommand,
  chunk: readonly SelectedMessage[],
): Promise<Map<number, FetchSource>> {
  const access = ctx.services.mailboxes.messages;
  const folderId = ctx.session.selected.folderId;
  const ranges = toUidRanges(chunk.map((t) => t.uid));
  const options = command.changedSince === null ? {} : { changedSince: command.changedSince };
  if (!fetchNeedsHeadsOnly(command.attributes)) {
    const rows = await access.list(folderId, ranges, options);
    return new Map(rows.map((row) => [row.uid, row]));
  }
  const names = command.attributes.flatMap((a) =>
    a.kind === 'ENVELOPE' || a.kind === 'BODY' || a.kind === 'BODYSTRUCTURE' ? [a.kind] : [],
  );
  const utf8 = ctx.session.utf8;
  const byUid = new Map<number, FetchSource>();
  const unrendered: number[] = [];
  for (const head of await access.heads(folderId, ranges, options)) {
    const rendered: RenderedTexts = {};
    let complete = true;
    for (const name of names) {
      const text = cachedMetadata(head.blobKey, name, utf8);
      if (text === undefined) complete = false;
      else rendered[name] = text;
    }
    if (complete) byUid.set(head.uid, { ...head, rendered });
    else unrendered.push(head.uid);
  }
  if (unrendered.length > 0) {
    for (const row of await access.list(folderId, toUidRanges(unrendered), options)) byUid.set(row.uid, row);
  }
  return byUid;
}

async function fetchChunk(
  ctx: CommandContext,
  command: FetchCommand,
  chunk: readonly SelectedMessage[],
): Promise<boolean> {
  const { session } = ctx;
  const selected = session.selected;
  const byUid = await loadChunk(ctx, command, chunk);
  const seen =
    !selected.readOnly && fetchSetsSeen(command.attributes)
      ? await markSeen(
          ctx,
          chunk.flatMap((target) => byUid.get(target.uid) ?? []),
        )
      : new Map<number, MessageState>();
  const needsContent = fetchNeedsContent(command.attributes);
  const content = needsContent
    ? batchedContents(
        ctx.services.mailboxes.messages,
        chunk.flatMap((target) => byUid.get(target.uid) ?? []),
      )
    : null;
  const asksFlags = command.attributes.some((a) => a.kind === 'FLAGS');
  const asksModseq = command.attributes.some((a) => a.kind === 'MODSEQ');
  let missing = false;
  let index = 0;
  let batch: ImapResponse[] = [];
  /** Flag lists whose keywords this chunk has learned (nothing else learns any meanwhile). */
  const learned = new Set<readonly string[]>();
  let rawBytes = 0;
  for (const target of chunk) {
    let message = byUid.get(target.uid);
    if (message === undefined) {
      // By UID a message that no longer exists is simply not there (Dovecot answers OK); by sequence
      // number the client named it, so the answer is NO [EXPUNGEISSUED] (RFC 9051 §7.1).
      missing ||= command.changedSince === null && !command.uid;
      continue;
    }
    const raw = content === null ? null : await content(index);
    index++;
    const changed = seen.get(target.uid);
    if (changed !== undefined) message = { ...message, flags: changed.flags, modseq: changed.modseq };
    const uid = message.uid;
    // `\Recent` is a session flag (RFC 3501 §2.3.2): added here, never stored.
    const items: FetchItem[] = buildFetchItems(command.attributes, message, raw).map((item) =>
      item.kind === 'FLAGS' ? { ...item, flags: selected.shownFlags(uid, item.flags) } : item,
    );
    // UID first, as Dovecot answers: some clients look for it there.
    items.sort((a, b) => Number(b.kind === 'UID') - Number(a.kind === 'UID'));
    // RFC 9051 §6.4.5: an implicit \Seen is reported (with its MODSEQ under CONDSTORE, RFC 7162 §3.1.4).
    if (changed !== undefined && !asksFlags) {
      items.push({ kind: 'FLAGS', flags: selected.shownFlags(uid, changed.flags) });
    }
    if (changed !== undefined && session.condstore && !asksModseq) {
      items.push({ kind: 'MODSEQ', modseq: changed.modseq });
    }
    // FLAGS and PERMANENTFLAGS first when the flags shown carry a keyword new to the client
    // (`selected.showFlags`, with the flag list's half once per list: rows share their lists).
    if (asksFlags || changed !== undefined) {
      selected.noteShown(message);
      if (!learned.has(message.flags)) {
        learned.add(message.flags);
        batch.push(...selected.announceFlagsOf(message.flags));
      }
    }
    batch.push({ kind: 'fetch', sequence: target.seq, items });
    // Responses are rendered into one buffer per chunk, or per `batchBytes` of message bytes, and
    // the socket drained then: memory stays bounded whatever the messages' sizes.
    if (raw !== null) {
      rawBytes += raw.length;
      if (rawBytes >= batchBytes) {
        ctx.send(batch);
        batch = [];
        rawBytes = 0;
        await ctx.drained();
      }
    }
  }
  if (batch.length > 0) ctx.send(batch);
  return missing;
}

export const fetch = defineCommand({
  name: 'FETCH',
  states: ['selected'],
  async run(ctx, command) {
    const { session } = ctx;
    const selected = session.selected;
    if (!command.uid && !selected.isValidSequenceSet(command.sequenceSet)) {
      throw new ImapCommandError('BAD', 'Invalid sequence set');
    }
    if (command.vanished && !session.enabled.has('QRESYNC')) {
      throw new ImapCommandError('BAD', 'VANISHED needs ENABLE QRESYNC');
    }
    if (command.changedSince !== null || command.attributes.some((a) => a.kind === 'MODSEQ')) {
      enableCondstore(ctx);
    }
    if (command.vanished && command.changedSince !== null)
      await sendVanished(ctx, command, command.changedSince);
    const targets = await partialTargets(
      ctx,
      command,
      selected.resolve(command.sequenceSet, command.uid, session.savedSearch),
    );
    // UID, FLAGS and MODSEQ only: from the state index, rendered in bulk (fetch-states.ts).
    if (fetchesStatesOnly(command)) {
      const missing = await fetchStates(ctx, command, targets);
      if (missing) return no('Some of the requested messages no longer exist', { kind: 'EXPUNGEISSUED' });
      return undefined;
    }
    let missing = false;
    for (const chunk of chunked(targets, chunkSize)) {
      if (await fetchChunk(ctx, command, chunk)) missing = true;
      await ctx.drained();
    }
    if (missing) return no('Some of the requested messages no longer exist', { kind: 'EXPUNGEISSUED' });
    return undefined;
  },
});
