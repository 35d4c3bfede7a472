/**
 * STORE and UID STORE (RFC 9051 §6.4.6) with `.SILENT` and CONDSTORE's UNCHANGEDSINCE (RFC 7162
 * §3.1.3): messages changed since the given modseq are left alone and named in `[MODIFIED]`. Without
 * `.SILENT` every addressed message gets a FETCH with its flags; under CONDSTORE the FETCH carries
 * MODSEQ (even with `.SILENT` for the messages changed). A read-only folder refuses the command.
 */
import type { MessageState } from '../../../ports/mailbox-store.ts';
import { defineCommand, ImapCommandError, ok, type CommandContext } from '../command-descriptor.ts';
import type { FetchItem, StoreCommand } from '../grammar/index.ts';
import type { SelectedMessage } from '../selected-folder.ts';
import { enableCondstore } from './enable-condstore.ts';
import { chunked, toUidRanges } from '../../../services/mailbox-access/uid-ranges.ts';

/** Messages changed per transaction: one UPDATE per new flag list and one commit for a whole folder. */
const chunkSize = 50_000;
/** Responses sent between waits for the client to read. */
const responsesPerDrain = 1000;

/**
 * The FETCH items for one stored message, in Dovecot's order: UID (UID STORE, or any STORE once
 * QRESYNC is on, RFC 7162 §3.2.4), MODSEQ under CONDSTORE, then FLAGS unless `.SILENT`.
 */
function responseItems(
  command: StoreCommand,
  state: MessageState,
  flags: readonly string[],
  changed: boolean,
  mode: { readonly condstore: boolean; readonly qresync: boolean },
): FetchItem[] | null {
  const items: FetchItem[] = [];
  if (command.uid || mode.qresync) items.push({ kind: 'UID', uid: state.uid });
  if (mode.condstore && (changed || !command.silent)) items.push({ kind: 'MODSEQ', modseq: state.modseq });
  if (!command.silent) items.push({ kind: 'FLAGS', flags });
  return command.silent && !(mode.condstore && changed) ? null : items;
}

async function storeChunk(
  ctx: CommandContext,
  command: StoreCommand,
  chunk: readonly SelectedMessage[],
  modified: number[],
): Promise<void> {
  const { session } = ctx;
  const selected = session.selected;
  const access = ctx.services.mailboxes.messages;
  const ranges = toUidRanges(chunk.map((t) => t.uid));
  const result = await access.setFlags(session.user.mailboxId, selected.folderId, ranges, {
    mode: command.operation === 'set' ? 'replace' : command.operation,
    flags: command.flags.filter((flag) => flag.toLowerCase() !== '\\recent'),
    ...(command.unchangedSince === null ? {} : { unchangedSince: command.unchangedSince }),
  });
  selected.noteOwnFlagChanges(result.updated);
  const refused = new Set(result.modified);
  for (const target of chunk)
    if (refused.has(target.uid)) modified.push(command.uid ? target.uid : target.seq);
  const updated = new Map(result.updated.map((state) => [state.uid, state]));
  // Only the messages the update left alone need their current state read back for the answer.
  const unchanged = command.silent
    ? []
    : chunk.filter((target) => !updated.has(target.uid) && !refused.has(target.uid));
  const states =
    unchanged.length === 0
      ? []
      : await access.states(selected.folderId, toUidRanges(unchanged.map((t) => t.uid)));
  const current = new Map(states.map((state) => [state.uid, state]));
  let sent = 0;
  for (const target of chunk) {
    if (refused.has(target.uid)) continue;
    const state = updated.get(target.uid) ?? current.get(target.uid);
    if (state === undefined) continue;
    const flags = selected.shownFlags(state.uid, state.flags);
    const items = responseItems(command, state, flags, updated.has(target.uid), {
      condstore: session.condstore,
      qresync: session.enabled.has('QRESYNC'),
    });
    if (items === null) continue;
    // A keyword new to the client is announced in FLAGS before the FETCH that shows it.
    if (!command.silent) for (const response of selected.showFlags(state)) ctx.send(response);
    ctx.send({ kind: 'fetch', sequence: target.seq, items });
    if (++sent % responsesPerDrain === 0) await ctx.drained();
  }
}

export const store = defineCommand({
  name: 'STORE',
  states: ['selected'],
  async run(ctx, command) {
    const { session } = ctx;
    const selected = session.selected;
    if (!command.uid && !selected.isValidSequenceSet(command.sequenceSet)) {
      throw new ImapCommandError('BAD', 'Invalid sequence set');
    }
    if (selected.readOnly) throw new ImapCommandError('NO', 'Mailbox is read-only');
    if (command.unchangedSince !== null) enableCondstore(ctx);
    const targets = selected.resolve(command.sequenceSet, command.uid, session.savedSearch);
    const modified: number[] = [];
    for (const chunk of chunked(targets, chunkSize)) {
      await storeChunk(ctx, command, chunk, modified);
      await ctx.drained();
    }
    if (modified.length > 0) return ok('Conditional STORE failed', { kind: 'MODIFIED', ids: modified });
    return undefined;
  },
});
