/**
 * The sender's view of one PEC message (`pec message status`): the tracked message by its
 * identificativo (pec-spec §6.1, bare or in angle brackets, case as issued) with each recipient's
 * status and the identifiers and times of the receipts and notices (pec-spec §3.4–§3.7).
 */
import { stripAngleBrackets } from '@pec/core';
import type { TrackedMessage } from '../../ports/message-tracking-store.ts';
import type { StorageStores } from '../../ports/storage.ts';

export function getMessageStatus(
  stores: Pick<StorageStores, 'tracking'>,
  identifier: string,
): Promise<TrackedMessage | undefined> {
  return stores.tracking.get(stripAngleBrackets(identifier));
}

/** The status as JSON-ready data: dates as ISO 8601 strings. */
export function renderMessageStatusJson(message: TrackedMessage): unknown {
  return JSON.parse(JSON.stringify(message)) as unknown;
}

/** A plain-text report, one line per recipient. */
export function renderMessageStatusText(message: TrackedMessage): string {
  const lines = [
    `identificativo: ${message.identifier}`,
    `sender:         ${message.sender}`,
    `subject:        ${message.subject ?? ''}`,
    `client msgid:   ${message.originalMsgid ?? ''}`,
    `accepted at:    ${message.acceptedAt.toISOString()}`,
    'recipients:',
  ];
  for (const recipient of message.recipients) {
    lines.push(
      `  ${recipient.address} (${recipient.kind}): ${recipient.status} at ${recipient.statusAt.toISOString()}`,
    );
    for (const [event, record] of Object.entries(recipient.events)) {
      const receipt = record.receiptId === null ? '' : ` receipt ${record.receiptId}`;
      const detail = record.detail === null ? '' : ` (${record.detail})`;
      lines.push(`    ${event}: ${record.at.toISOString()}${receipt}${detail}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
