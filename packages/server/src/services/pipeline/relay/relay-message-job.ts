/**
 * The seam between everything that must send a message to another host and the relay (pec-spec
 * §2.2 step 8, §2.3, §3.4, §3.8, §6.6): a `relay-message` outbox job carrying exact bytes (a blob)
 * and the SMTP envelope. Receipts for remote senders, take-charge and virus-detection notices to a
 * provider's `mailReceipt`, forwarded ordinary mail and DSNs all go this way. Transport envelopes to
 * other providers use `relay-envelope` (envelope-jobs.ts), which also tracks PEC recipients.
 * Enqueue inside the transaction that produced the message, after the blob put (decision 0004).
 */
import { z } from 'zod';
import type { JsonValue } from '../../../ports/queue-store.ts';
import type { StorageStores } from '../../../ports/storage.ts';

export const relayMessageJobKind = 'relay-message';

export type RelayPurpose =
  'receipt' | 'notice' | 'take-charge' | 'virus-detection' | 'forward' | 'dsn' | 'anomaly';

export interface RelayMessagePayload {
  /** Blob of the exact bytes to send. */
  readonly blobKey: string;
  /** SMTP reverse-path; empty string for the null sender of DSNs (RFC 5321 §4.5.5). */
  readonly mailFrom: string;
  /** SMTP forward-paths. */
  readonly rcptTo: readonly string[];
  readonly purpose: RelayPurpose;
  /** The PEC identifier this message is about, for logs and operators. */
  readonly identifier?: string | undefined;
  /** When the relay must give up (ISO 8601): at most 24 h after acceptance (pec-spec §2.3, §6.3). */
  readonly expiresAt: string;
}

const payloadSchema = z.object({
  blobKey: z.string().regex(/^[0-9a-f]{64}$/),
  mailFrom: z.string(),
  rcptTo: z.array(z.string().min(3)).min(1),
  purpose: z.enum(['receipt', 'notice', 'take-charge', 'virus-detection', 'forward', 'dsn', 'anomaly']),
  identifier: z.string().optional(),
  expiresAt: z.iso.datetime(),
});

export function parseRelayMessagePayload(value: JsonValue): RelayMessagePayload {
  return payloadSchema.parse(value);
}

/** Writes the job in the caller's transaction. */
export async function enqueueRelayMessage(
  tx: StorageStores,
  payload: RelayMessagePayload,
  runAt?: Date,
): Promise<void> {
  await tx.queue.enqueue({
    kind: relayMessageJobKind,
    payload: JSON.parse(JSON.stringify(payload)) as JsonValue,
    ...(runAt === undefined ? {} : { runAt }),
  });
}
