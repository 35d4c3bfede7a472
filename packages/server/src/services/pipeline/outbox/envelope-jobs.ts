/**
 * The outbox jobs the access point writes in the acceptance transaction (decision 0004) and the
 * payload they carry: enough to deliver or relay the signed transport envelope and to issue every
 * receipt without re-reading the original (pec-spec §2.2 steps 7–8, §2.4, §3.5, §3.6).
 * - `deliver-envelope`: recipients on this provider's own domains (full processing, DM art. 6).
 * - `relay-envelope`: recipients at other PEC providers or on the Internet, handled by the relay
 *   (../relay/create-relay-envelope-handler.ts; decision 0006).
 */
import { receiptVariants, recipientKinds, type OriginalFacts, type RecipientKind } from '@pec/core';
import { z } from 'zod';
import type { JsonValue } from '../../../ports/queue-store.ts';

export const envelopeJobKinds = {
  deliver: 'deliver-envelope',
  relay: 'relay-envelope',
} as const;

export interface EnvelopeJobRecipient {
  readonly address: string;
  readonly kind: RecipientKind;
  /** Only in Cc: a sintetica receipt (pec-spec §3.5). */
  readonly isCc: boolean;
}

export interface EnvelopeJobPayload {
  /** The identificativo (pec-spec §6.1), bare. */
  readonly identifier: string;
  /** Blob of the signed transport envelope, byte-exact as signed. */
  readonly envelopeBlobKey: string;
  /** Blob of the original as carried in postacert.eml (for completa and breve receipts). */
  readonly carriedOriginalKey: string;
  /** SMTP reverse-path of the original: where every receipt goes (pec-spec §3.0). */
  readonly mailFrom: string;
  /** The acceptance time reference, ISO 8601. */
  readonly acceptedAt: string;
  /** The original's facts, as every receipt repeats them. */
  readonly facts: OriginalFacts;
  /** The recipients this job handles. */
  readonly recipients: readonly EnvelopeJobRecipient[];
  /** The provider that signed an envelope received from elsewhere (pec-spec §6.4); absent for ours. */
  readonly sendingProvider?: string | undefined;
}

const recipientSchema = z.object({
  address: z.string().min(1),
  kind: z.enum(recipientKinds),
  isCc: z.boolean(),
});

const payloadSchema = z.object({
  identifier: z.string().min(1),
  envelopeBlobKey: z.string().regex(/^[0-9a-f]{64}$/),
  carriedOriginalKey: z.string().regex(/^[0-9a-f]{64}$/),
  mailFrom: z.string().min(1),
  acceptedAt: z.iso.datetime(),
  facts: z.object({
    sender: z.string(),
    recipients: z.array(recipientSchema),
    replyTo: z.string().optional(),
    subject: z.string().optional(),
    msgid: z.string().optional(),
    requestedVariant: z.enum(receiptVariants),
  }),
  recipients: z.array(recipientSchema).min(1),
  sendingProvider: z.string().min(1).optional(),
});

/** The payload as JSON for `QueueStore.enqueue`. */
export function renderEnvelopeJobPayload(payload: EnvelopeJobPayload): JsonValue {
  return JSON.parse(JSON.stringify(payload)) as JsonValue;
}

/** Validates a stored payload; throws with the zod issues when it is not one. */
export function parseEnvelopeJobPayload(value: JsonValue): EnvelopeJobPayload {
  const parsed = payloadSchema.parse(value);
  const { facts } = parsed;
  return {
    ...parsed,
    facts: {
      sender: facts.sender,
      recipients: facts.recipients,
      requestedVariant: facts.requestedVariant,
      ...(facts.replyTo === undefined ? {} : { replyTo: facts.replyTo }),
      ...(facts.subject === undefined ? {} : { subject: facts.subject }),
      ...(facts.msgid === undefined ? {} : { msgid: facts.msgid }),
    },
  };
}
