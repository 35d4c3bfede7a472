/**
 * COPY, MOVE and their UID forms (RFC 9051 §6.4.7–6.4.8, MOVE RFC 6851, UIDPLUS COPYUID RFC 4315 §3).
 * A missing destination is `NO [TRYCREATE]`; a copy beyond the box quota is `NO [OVERQUOTA]`
 * (RFC 9208 §5). MOVE reports COPYUID in an untagged OK before the EXPUNGE (or VANISHED) responses,
 * which the session sends from the store's record of the move before the tagged OK (RFC 6851 §4.3).
 */
import type { CopyResult } from '../../../ports/mailbox-store.ts';
import { MailboxAccessError } from '../../../services/mailbox-access/mailbox-access-error.ts';
import { defineCommand, ImapCommandError, ok, type CommandContext } from '../command-descriptor.ts';
import type { CopyMoveCommand } from '../grammar/index.ts';
import { toUidRanges } from '../../../services/mailbox-access/uid-ranges.ts';

function copyUid(result: CopyResult) {
  return {
    kind: 'COPYUID',
    uidValidity: result.uidValidity,
    sourceUids: result.mapping.map((pair) => pair.sourceUid),
    destinationUids: result.mapping.map((pair) => pair.targetUid),
  } as const;
}

async function transfer(ctx: CommandContext, command: CopyMoveCommand): Promise<CopyResult | null> {
  const { session } = ctx;
  const selected = session.selected;
  if (!command.uid && !selected.isValidSequenceSet(command.sequenceSet)) {
    throw new ImapCommandError('BAD', 'Invalid sequence set');
  }
  if (command.name === 'MOVE' && selected.readOnly) throw new ImapCommandError('NO', 'Mailbox is read-only');
  const targets = selected.resolve(command.sequenceSet, command.uid, session.savedSearch);
  const mailboxes = ctx.services.mailboxes;
  if (targets.length === 0) {
    // Nothing to do, but the destination must still exist (RFC 9051 §6.4.7).
    if ((await mailboxes.folders.find(session.user.mailboxId, command.mailbox)) === undefined) {
      throw new MailboxAccessError({ reason: 'no-such-folder', folder: command.mailbox, destination: true });
    }
    return null;
  }
  const ranges = toUidRanges(targets.map((t) => t.uid));
  const { mailboxId } = session.user;
  // A missing destination is a `no-such-folder` destination: NO [TRYCREATE] (../refusal-response.ts).
  return command.name === 'MOVE'
    ? await mailboxes.messages.move(mailboxId, selected.folderId, ranges, command.mailbox)
    : await mailboxes.messages.copy(mailboxId, selected.folderId, ranges, command.mailbox);
}

export const copy = defineCommand({
  name: 'COPY',
  states: ['selected'],
  async run(ctx, command) {
    const result = await transfer(ctx, command);
    if (result === null || result.mapping.length === 0) return ok(`${ctx.commandName} completed.`);
    return ok(`${ctx.commandName} completed.`, copyUid(result));
  },
});

export const move = defineCommand({
  name: 'MOVE',
  states: ['selected'],
  async run(ctx, command) {
    const result = await transfer(ctx, command);
    if (result !== null && result.mapping.length > 0) {
      ctx.send({ kind: 'untagged', status: 'OK', code: copyUid(result), text: 'Moved UIDs.' });
    }
    return ok(`${ctx.commandName} completed.`);
  },
});
