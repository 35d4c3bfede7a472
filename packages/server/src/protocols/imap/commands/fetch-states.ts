/**
 * FETCH of UID, FLAGS and MODSEQ only (RFC 9051 §7.5.2, RFC 7162 §3.1.4): the answer of every client's
 * resynchronisation (`FETCH 1:* (FLAGS)`), over thousands of messages. The states come from the
 * covering state index (decision 0046) in one statement per run of up to `maxRanges` UID ranges
 * (`1:*` of a folder is one); without MODSEQ, as runs of UIDs sharing a flag list (decision 0062),
 * so a folder of uniform flags is one row whatever its size; and the `* n FETCH (...)` lines are written into one string per
 * `flushChars` instead of one typed response, one writer and one buffer per message. The bytes are
 * the ones the typed path (`render-response.ts`) gives for the same items: UID first, the rest in the
 * order asked, `\Recent` shown for this session's recent messages (RFC 3501 §2.3.2), and FLAGS and
 * PERMANENTFLAGS before the first line showing a keyword new to the client (RFC 9051 §7.3.5).
 */
import type { FlagRun, MessageState } from '../../../ports/mailbox-store.ts';
import { toUidRanges } from '../../../services/mailbox-access/uid-ranges.ts';
import type { CommandContext } from '../command-descriptor.ts';
import type { FetchCommand } from '../grammar/index.ts';
import type { SelectedMessage } from '../selected-folder.ts';

/** Items this path answers. */
const stateItems = new Set(['UID', 'FLAGS', 'MODSEQ']);
/** UID ranges per statement: two parameters each, far below SQLite's and PostgreSQL's limits. */
const maxRanges = 1000;
/** Messages per statement, so that a folder of any size is read in bounded steps. */
const maxMessages = 50_000;
/** Marks a target that the read did not find (a frozen list no read returns). */
const absent: readonly string[] = Object.freeze([]);
/** Rendered text handed to the socket once it reaches this many characters (about 64 KiB). */
const flushChars = 64 * 1024;

/** Whether every asked item is answered from the message state alone. */
export function fetchesStatesOnly(command: FetchCommand): boolean {
  return command.attributes.every((a) => stateItems.has(a.kind));
}

/** Consecutive groups of targets, each within `maxRanges` UID runs and `maxMessages` messages. */
function groups(targets: readonly SelectedMessage[]): SelectedMessage[][] {
  const out: SelectedMessage[][] = [];
  let start = 0;
  let runs = 0;
  for (let i = 0; i < targets.length; i++) {
    const uid = (targets[i] as SelectedMessage).uid;
    const previous = i > start ? (targets[i - 1] as SelectedMessage).uid : undefined;
    if (previous === undefined || uid !== previous + 1) runs++;
    if (runs > maxRanges || i - start >= maxMessages) {
      out.push(targets.slice(start, i));
      start = i;
      runs = 1;
    }
  }
  if (start < targets.length) out.push(targets.slice(start));
  return out;
}

/**
 * Answers a state-only FETCH for `targets` (ascending). Returns whether a message named by sequence
 * number no longer exists (the caller answers NO [EXPUNGEISSUED], RFC 9051 §7.1).
 */
export async function fetchStates(
  ctx: CommandContext,
  command: FetchCommand,
  targets: readonly SelectedMessage[],
): Promise<boolean> {
  const selected = ctx.session.selected;
  // UID first, as Dovecot answers (the typed path sorts the same way); the rest in the order asked.
  const kinds = command.attributes.map((a) => a.kind);
  const order = [...kinds.filter((k) => k === 'UID'), ...kinds.filter((k) => k !== 'UID')];
  const asksFlags = kinds.includes('FLAGS');
  const options = command.changedSince === null ? {} : { changedSince: command.changedSince };
  // Flag lists are shared frozen arrays per distinct list (listMessageStates): each is rendered
  // once, without and with the session's `\Recent`, and its keywords are learned once.
  const flagsText = new Map<readonly string[], string>();
  const recentFlagsText = new Map<readonly string[], string>();
  const flagsItem = (uid: number, flags: readonly string[]): string => {
    const recent = selected.showsRecent(uid);
    const texts = recent ? recentFlagsText : flagsText;
    let rendered = texts.get(flags);
    if (rendered === undefined) {
      rendered = `FLAGS (${(recent ? [...flags, '\\Recent'] : flags).join(' ')})`;
      texts.set(flags, rendered);
    }
    return rendered;
  };
  let missing = false;
  let text = '';
  const flush = (): void => {
    if (text === '') return;
    ctx.sendRendered(Buffer.from(text, 'utf8'));
    text = '';
  };
  // Without MODSEQ or CHANGEDSINCE, flags are read as runs of UIDs sharing a list (no row per
  // message), unless a state above the reconciled modseq or an owed unsolicited FETCH needs the
  // per-message bookkeeping of `noteShown`.
  const byRuns = !kinds.includes('MODSEQ') && command.changedSince === null;
  const access = ctx.services.mailboxes.messages;
  for (const group of groups(targets)) {
    const ranges = toUidRanges(group.map((t) => t.uid));
    let runs: readonly FlagRun[] | null = null;
    if (byRuns) {
      const listed = await access.flagRuns(selected.folderId, ranges);
      if (selected.showsWithoutNotes(listed.highestModseq)) runs = listed.runs;
    }
    const states = runs === null ? await access.states(selected.folderId, ranges, options) : [];
    // Lists whose keywords this group has learned (the arrays are this read's).
    const learned = new Set<readonly string[]>();
    let next = 0;
    for (const target of group) {
      let state: MessageState | undefined;
      let flags: readonly string[];
      if (runs !== null) {
        // Runs and targets are both ascending by UID.
        while (next < runs.length && (runs[next] as FlagRun).to < target.uid) next++;
        const run = runs[next];
        flags = run !== undefined && run.from <= target.uid ? run.flags : absent;
      } else {
        // States and targets are both ascending by UID: a merge, no map.
        while (next < states.length && (states[next] as MessageState).uid < target.uid) next++;
        state = states[next];
        flags = state !== undefined && state.uid === target.uid ? state.flags : absent;
        if (flags !== absent) next++;
      }
      if (flags === absent) {
        // By UID a message that no longer exists is simply not there; by sequence number the
        // client named it (RFC 9051 §7.1), unless CHANGEDSINCE left it out.
        missing ||= command.changedSince === null && !command.uid;
        continue;
      }
      if (asksFlags) {
        // What `selectedFolder.showFlags` does, with the flag list's half once per list.
        if (state !== undefined) selected.noteShown(state);
        if (!learned.has(flags)) {
          learned.add(flags);
          const announcements = selected.announceFlagsOf(flags);
          if (announcements.length > 0) {
            flush();
            for (const response of announcements) ctx.send(response);
          }
        }
      }
      let line = `* ${String(target.seq)} FETCH (`;
      for (let i = 0; i < order.length; i++) {
        if (i > 0) line += ' ';
        const kind = order[i];
        if (kind === 'UID') line += `UID ${String(target.uid)}`;
        else if (kind === 'MODSEQ') line += `MODSEQ (${String(state?.modseq ?? 0)})`;
        else line += flagsItem(target.uid, flags);
      }
      text += `${line})\r\n`;
      if (text.length >= flushChars) flush();
    }
    flush();
    await ctx.drained();
  }
  return missing;
}
