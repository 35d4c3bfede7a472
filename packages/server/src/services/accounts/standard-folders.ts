/**
 * The folders every new mailbox gets, with their RFC 6154 special-use attributes: INBOX, Drafts,
 * Sent, Spam (\Junk) and Trash. PEC messages and receipts arrive in INBOX; Sent keeps the copy of
 * what the holder sent.
 */
import { inboxName, type NewFolder } from '../../ports/mailbox-store.ts';

export const standardFolders: readonly NewFolder[] = [
  { name: inboxName, specialUse: null },
  { name: 'Drafts', specialUse: '\\Drafts' },
  { name: 'Sent', specialUse: '\\Sent' },
  { name: 'Spam', specialUse: '\\Junk' },
  { name: 'Trash', specialUse: '\\Trash' },
];
