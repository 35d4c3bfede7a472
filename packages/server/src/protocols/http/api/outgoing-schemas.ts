/**
 * The shapes of sending and drafts (outgoing-routes.ts, draft-routes.ts) as zod schemas, for
 * validation and the OpenAPI document alike. Attachments travel as base64 inside the JSON body,
 * whose size the route caps from `limits.maxMessageBytes` (decision 0012). There is no Bcc field:
 * a PEC goes to To and Cc only (pec-spec §2.2), and an unknown field is refused.
 */
import { receiptVariants } from '@pec/core';
import { z } from 'zod';

const address = z.string().trim().min(1).max(320);
/** A msg-id with its angle brackets (RFC 5322 §3.6.4). */
const messageIdText = z
  .string()
  .max(998)
  .regex(/^<[^<>\s]+>$/, 'a Message-ID in angle brackets');

export const receiptTypeSchema = z
  .enum(receiptVariants)
  .describe('X-TipoRicevuta (pec-spec §3.5): the delivery receipt wanted; completa carries the message.');

export const outgoingAttachmentSchema = z
  .strictObject({
    name: z.string().min(1).max(255),
    contentType: z.string().max(255).default('application/octet-stream'),
    content: z
      .string()
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
      .describe('The file, base64 (RFC 4648 §4).'),
  })
  .meta({ id: 'OutgoingAttachment' });

export const outgoingFieldsSchema = z
  .strictObject({
    to: z.array(address).max(10_000).default([]),
    cc: z.array(address).max(10_000).default([]),
    subject: z.string().max(998).default(''),
    text: z.string().default(''),
    html: z
      .string()
      .max(20 * 1024 * 1024)
      .optional()
      .describe(
        'An HTML body, sent with `text` as multipart/alternative (RFC 2046 §5.1.4). The webmail sends ' +
          'only its safe subset (sanitised, no remote images); `text` should be its plain rendering.',
      ),
    receiptType: receiptTypeSchema.default('completa'),
    attachments: z.array(outgoingAttachmentSchema).max(500).default([]),
    inReplyTo: messageIdText.optional(),
    references: z
      .string()
      .max(8000)
      .regex(/^<[^<>\s]+>(\s+<[^<>\s]+>)*$/, 'Message-IDs in angle brackets')
      .optional(),
  })
  .meta({ id: 'OutgoingFields' });

export const sendRequestSchema = outgoingFieldsSchema
  .extend({
    draftUid: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('The draft this message was written in: removed from Drafts once accepted.'),
  })
  .meta({ id: 'SendRequest' });

export const draftRequestSchema = outgoingFieldsSchema
  .extend({
    replaces: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('The UID in Drafts of the earlier version, removed once the new one is saved.'),
  })
  .meta({ id: 'DraftRequest' });

export const draftFieldsSchema = z
  .object({
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable().describe('null for a plain-text draft.'),
    receiptType: receiptTypeSchema,
    attachments: z.array(
      z.object({ name: z.string(), contentType: z.string(), content: z.string().describe('base64') }),
    ),
    inReplyTo: z.string().nullable(),
    references: z.string().nullable(),
  })
  .meta({ id: 'DraftFields' });

export const recipientKindSchema = z
  .enum(['this-provider', 'certified', 'not-in-index'])
  .describe(
    'this-provider: a mailbox domain of ours; certified: a PEC domain in the providers’ index; ' +
      'not-in-index: an ordinary domain, reached as ordinary mail or not at all.',
  );

export const recipientCheckSchema = z
  .object({
    address: z.string(),
    valid: z.boolean(),
    kind: recipientKindSchema.nullable().describe('null when the address is not valid.'),
  })
  .meta({ id: 'RecipientCheck' });

export const recipientCheckQuerySchema = z.strictObject({ address: z.string().max(320) });

export const sendResultSchema = z
  .object({
    outcome: z.literal('accepted'),
    identifier: z.string().describe('The identificativo of the transport envelope (pec-spec §6.1).'),
    messageId: z.string().describe('The Message-ID of the message as written.'),
    recipients: z.array(recipientCheckSchema),
  })
  .meta({ id: 'SendResult' });

export const outgoingLimitsSchema = z
  .object({
    maxMessageBytes: z.number().int(),
    maxRecipients: z.number().int(),
    maxRecipientsTimesSize: z.number().int().describe('Largest message size × recipients (pec-spec §6.5).'),
  })
  .meta({ id: 'OutgoingLimits' });

export const savedDraftSchema = z
  .object({ folderId: z.string(), uid: z.number().int() })
  .meta({ id: 'SavedDraft' });

export const draftParamsSchema = z.strictObject({ uid: z.coerce.number().int().min(1).max(4_294_967_295) });
