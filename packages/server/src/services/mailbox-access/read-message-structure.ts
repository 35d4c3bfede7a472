/**
 * The part tree of one message (describe-message-parts.ts) from the mailbox index, without reading
 * its bytes: what a reader needs to list attachments and pick the parts to show.
 */
import { describeMessageParts, type MessagePart } from './describe-message-parts.ts';
import { findStoredMessage, type MessageRef } from './find-stored-message.ts';
import type { MessageReadingDeps } from './message-reading-deps.ts';

/** Undefined when the message does not exist. */
export async function readMessageStructure(
  deps: Pick<MessageReadingDeps, 'mailboxes'>,
  ref: MessageRef,
): Promise<MessagePart | undefined> {
  const message = await findStoredMessage(deps, ref);
  return message === undefined ? undefined : describeMessageParts(message.structure);
}
