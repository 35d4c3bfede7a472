/** The stored message with this UID in the folder, or undefined when there is none (expunged, never existed). */
import type { StoredMessage } from '../../ports/mailbox-store.ts';
import type { MessageReadingDeps } from './message-reading-deps.ts';

/** Names one message of a mailbox. */
export interface MessageRef {
  readonly folderId: number;
  readonly uid: number;
}

export async function findStoredMessage(
  deps: Pick<MessageReadingDeps, 'mailboxes'>,
  ref: MessageRef,
): Promise<StoredMessage | undefined> {
  const [message] = await deps.mailboxes.listMessages(ref.folderId, {
    uids: [{ from: ref.uid, to: ref.uid }],
  });
  return message?.uid === ref.uid ? message : undefined;
}
