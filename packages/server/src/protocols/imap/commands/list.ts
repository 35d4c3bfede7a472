/**
 * LIST (RFC 9051 §6.3.9; LIST-EXTENDED RFC 5258; SPECIAL-USE RFC 6154; LIST-STATUS RFC 5819):
 * patterns `*` and `%` after the reference, selection options SUBSCRIBED / SPECIAL-USE /
 * RECURSIVEMATCH, return options SUBSCRIBED / CHILDREN / SPECIAL-USE / STATUS. Like Dovecot, child
 * and special-use attributes are always returned; `\Subscribed` only when asked for.
 */
import { folderDelimiter } from '../../../ports/mailbox-store.ts';
import { defineCommand } from '../command-descriptor.ts';
import { listEntries, type ListEntry } from './list-entries.ts';
import { matchesMailboxPattern } from './match-mailbox-pattern.ts';
import { statusValues } from './status-values.ts';

export const list = defineCommand({
  name: 'LIST',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    const { selection, returns } = command;
    if (
      command.patterns.length === 1 &&
      command.patterns[0] === '' &&
      !selection.subscribed &&
      !selection.specialUse
    ) {
      // RFC 9051 §6.3.9: an empty pattern asks for the delimiter and the root name.
      ctx.send({ kind: 'list', attributes: ['\\Noselect'], delimiter: folderDelimiter, mailbox: '' });
      return undefined;
    }
    const patterns = command.patterns.map((pattern) => command.reference + pattern);
    const { folders: access } = ctx.services.mailboxes;
    const mailboxId = ctx.session.user.mailboxId;
    const folders = await access.list(mailboxId);
    const showSubscribed = selection.subscribed || returns.subscribed;
    const subscriptions = showSubscribed ? await access.subscriptions(mailboxId) : [];
    for (const entry of listEntries(folders, subscriptions, selection.subscribed)) {
      if (!patterns.some((pattern) => matchesMailboxPattern(pattern, entry.name, folderDelimiter))) continue;
      const childInfo =
        selection.subscribed && selection.recursiveMatch && entry.hasSubscribedChild ? ['SUBSCRIBED'] : [];
      if (!isSelected(entry, selection, childInfo.length > 0)) continue;
      ctx.send({
        kind: 'list',
        attributes: attributesOf(entry, command.extended, showSubscribed),
        delimiter: folderDelimiter,
        mailbox: entry.name,
        ...(childInfo.length > 0 ? { childInfo } : {}),
      });
      if (returns.status !== null && entry.folder !== null) {
        ctx.send({
          kind: 'status',
          mailbox: entry.name,
          items: await statusValues(ctx, entry.folder, returns.status),
        });
      }
    }
    return undefined;
  },
});

function isSelected(
  entry: ListEntry,
  selection: { readonly subscribed: boolean; readonly specialUse: boolean },
  childMatched: boolean,
): boolean {
  if (selection.subscribed && !entry.subscribed && !childMatched) return false;
  if (selection.specialUse && (entry.folder?.specialUse ?? null) === null) return false;
  return true;
}

function attributesOf(entry: ListEntry, extended: boolean, showSubscribed: boolean): string[] {
  const attributes: string[] = [];
  if (entry.folder === null) attributes.push(extended ? '\\NonExistent' : '\\Noselect');
  // A subscribed name with no folder and nothing below it: `\NonExistent \Subscribed` (RFC 5258 §3).
  if (entry.folder !== null || entry.hasChildren)
    attributes.push(entry.hasChildren ? '\\HasChildren' : '\\HasNoChildren');
  if (showSubscribed && entry.subscribed) attributes.push('\\Subscribed');
  const specialUse = entry.folder?.specialUse ?? null;
  if (specialUse !== null) attributes.push(specialUse);
  return attributes;
}
