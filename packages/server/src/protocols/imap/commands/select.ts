/**
 * SELECT and EXAMINE (RFC 9051 §6.3.2–6.3.3, RFC 3501 §6.3.1; CONDSTORE RFC 7162 §3.1.2): opens a
 * folder, answering FLAGS, PERMANENTFLAGS, EXISTS, UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ and, for
 * IMAP4rev1 clients, RECENT and UNSEEN, in Dovecot's order. An IMAP4rev1 SELECT claims the folder's
 * new messages as `\Recent` (RFC 3501 §2.3.2); EXAMINE shows them without claiming (§6.3.2); IMAP4rev2
 * sessions have no `\Recent` (RFC 9051). A previous selection is closed first
 * (`* OK [CLOSED]`) and stays closed when the new one fails. The security archive is always opened
 * read-only (decision 0035).
 */
import {
  bad,
  defineCommand,
  ok,
  type CommandContext,
  type CommandNamed,
  type CommandResult,
} from '../command-descriptor.ts';
import { folderDelimiter } from '../../../ports/mailbox-store.ts';
import { SelectedFolder } from '../selected-folder.ts';
import { mailboxObjectId } from './object-ids.ts';
import type { MessageState } from '../../../ports/mailbox-store.ts';
import { sequenceSetContains, type QresyncParameters } from '../grammar/index.ts';

/**
 * QRESYNC (RFC 7162 §3.2.5.1): the UIDs expunged since the client's modseq as `VANISHED (EARLIER)`,
 * then `FETCH (UID FLAGS MODSEQ)` for the messages changed since, both limited to the known UIDs.
 * Every expunge is kept with its modseq (the `expunged` table), so the sequence match data, a hint
 * for servers that forget expunges, is not needed. A different UIDVALIDITY skips all of it.
 */
async function resynchronise(
  ctx: CommandContext,
  selected: SelectedFolder,
  states: readonly MessageState[],
  qresync: QresyncParameters,
): Promise<void> {
  const vanishedUids = await ctx.services.mailboxes.messages.vanishedSince(selected.folderId, qresync.modseq);
  // `*` in the known UIDs is the largest UID the folder has used, present or expunged.
  const maxUid = Math.max(selected.lastUid, vanishedUids[vanishedUids.length - 1] ?? 0);
  const known = (uid: number) =>
    qresync.knownUids === null || sequenceSetContains(qresync.knownUids, uid, maxUid, []);
  const vanished = vanishedUids.filter(known);
  if (vanished.length > 0) ctx.send({ kind: 'vanished', earlier: true, uids: vanished });
  for (const state of states) {
    if (state.modseq <= qresync.modseq || !known(state.uid)) continue;
    const seq = selected.seqOf(state.uid);
    if (seq === undefined) continue;
    ctx.send({
      kind: 'fetch',
      sequence: seq,
      items: [
        { kind: 'UID', uid: state.uid },
        { kind: 'FLAGS', flags: selected.shownFlags(state.uid, state.flags) },
        { kind: 'MODSEQ', modseq: state.modseq },
      ],
    });
  }
}

async function open(
  ctx: CommandContext,
  command: CommandNamed<'SELECT' | 'EXAMINE'>,
): Promise<CommandResult> {
  // RFC 7162 §3.2.5: the QRESYNC parameter needs ENABLE QRESYNC first.
  if (command.qresync !== null && !ctx.session.enabled.has('QRESYNC')) return bad('QRESYNC is not enabled.');
  if (ctx.session.selectedOrNull !== null) {
    ctx.session.unselect();
    ctx.send({ kind: 'untagged', status: 'OK', code: { kind: 'CLOSED' }, text: 'Previous mailbox closed.' });
  }
  if (command.condstore) ctx.session.enabled.add('CONDSTORE');
  const { mailboxes } = ctx.services;
  const opened = await mailboxes.folders.open(ctx.session.user.mailboxId, command.mailbox);
  // The security archive opens read-only whichever command opened it (decision 0035, RFC 9051 §6.3.2).
  const readOnly = command.name === 'EXAMINE' || opened.folder.securityArchive;
  const selected = new SelectedFolder(opened.folder, opened.states, readOnly);
  const { stats } = opened;
  if (!ctx.session.rev2) {
    selected.trackRecent(
      readOnly
        ? { afterUid: stats.recentUid, throughUid: Number.MAX_SAFE_INTEGER }
        : await mailboxes.folders.claimRecent(opened.folder.id),
    );
  }
  ctx.send({ kind: 'flags', flags: selected.flags });
  ctx.send({
    kind: 'untagged',
    status: 'OK',
    code: { kind: 'PERMANENTFLAGS', flags: selected.permanentFlags },
    text: readOnly ? 'Read-only mailbox.' : 'Flags permitted.',
  });
  ctx.send({ kind: 'exists', count: selected.exists });
  // RFC 9051 §6.3.2: IMAP4rev2 clients get the canonical name in a LIST response.
  if (ctx.session.rev2) {
    ctx.send({ kind: 'list', attributes: [], delimiter: folderDelimiter, mailbox: selected.name });
  } else {
    ctx.send({ kind: 'recent', count: selected.recentCount });
    const firstUnseen = stats.firstUnseenUid === null ? undefined : selected.seqOf(stats.firstUnseenUid);
    if (firstUnseen !== undefined) {
      ctx.send({
        kind: 'untagged',
        status: 'OK',
        code: { kind: 'UNSEEN', value: firstUnseen },
        text: `First unseen.`,
      });
    }
  }
  ctx.send({
    kind: 'untagged',
    status: 'OK',
    code: { kind: 'UIDVALIDITY', value: selected.uidValidity },
    text: 'UIDs valid',
  });
  ctx.send({
    kind: 'untagged',
    status: 'OK',
    code: { kind: 'UIDNEXT', value: opened.folder.uidNext },
    text: 'Predicted next UID',
  });
  // RFC 7162 §3.1.2.1: every SELECT of a server with persistent mod-sequences reports HIGHESTMODSEQ.
  if (ctx.session.condstore || ctx.capabilities().includes('CONDSTORE')) {
    ctx.send({
      kind: 'untagged',
      status: 'OK',
      code: { kind: 'HIGHESTMODSEQ', value: selected.highestModseq },
      text: 'Highest',
    });
  }
  // RFC 8474 §4.1: the folder's object id.
  ctx.send({
    kind: 'untagged',
    status: 'OK',
    code: { kind: 'MAILBOXID', id: mailboxObjectId(opened.folder) },
    text: 'Ok',
  });
  selected.markFlagsAnnounced();
  ctx.session.select(selected);
  if (command.qresync !== null && command.qresync.uidValidity === selected.uidValidity) {
    await resynchronise(ctx, selected, opened.states, command.qresync);
  }
  return ok(`${command.name === 'EXAMINE' ? 'Examine' : 'Select'} completed.`, {
    kind: readOnly ? 'READ-ONLY' : 'READ-WRITE',
  });
}

export const select = defineCommand({ name: 'SELECT', states: ['authenticated', 'selected'], run: open });

export const examine = defineCommand({ name: 'EXAMINE', states: ['authenticated', 'selected'], run: open });
