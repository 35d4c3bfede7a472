/**
 * The HTTP API's request and response shapes as zod schemas: the same objects validate requests
 * (api-route.ts) and become the OpenAPI 3.1 document (openapi-document.ts), so the published
 * description cannot drift from what the server accepts. Shapes follow the webmail's contract
 * (packages/web/src/api/contract.ts, decision 0010).
 */
import { z } from 'zod';
import { archiveKinds } from '../../../ports/security-archive-store.ts';

/** RFC 9457 problem details; `reason` is the refusal reason the webmail translates. */
export const problemSchema = z
  .object({
    type: z
      .string()
      .describe('A URI naming the problem: urn:pec:refusal:<reason> or urn:pec:request:<reason>.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    reason: z.string().describe('The refusal reason (docs/refusals.md) or the request problem.'),
  })
  .loose()
  .meta({ id: 'Problem' });

export const providerInfoSchema = z
  .object({
    name: z.string().describe('The provider as accredited.'),
    domain: z.string().describe('The service domain of its mailboxes.'),
    passwordRecoveryUrl: z.string().describe('Where a holder who forgot the password goes.'),
  })
  .meta({ id: 'ProviderInfo' });

export const signInRequestSchema = z
  .strictObject({
    address: z.string().min(1).max(320).describe('The full PEC address.'),
    password: z.string().min(1).max(1024),
    staySignedIn: z.boolean().default(false).describe('A longer session that survives closing the browser.'),
  })
  .meta({ id: 'SignInRequest' });

export const sessionSchema = z
  .object({
    address: z.string(),
    displayName: z.string(),
    expiresAt: z.string().describe('ISO 8601: when the session ends if nothing else happens.'),
    staySignedIn: z.boolean(),
  })
  .meta({ id: 'Session' });

export const specialUseSchema = z.enum([
  'inbox',
  'sent',
  'drafts',
  'trash',
  'junk',
  'archive',
  'security-archive',
]);

export const folderSchema = z
  .object({
    id: z.string().describe('Opaque; names the folder in the other routes.'),
    name: z.string().describe('The full folder name, "/" between levels.'),
    specialUse: specialUseSchema.nullable(),
    total: z.number().int(),
    unread: z.number().int(),
  })
  .meta({ id: 'Folder' });

export const folderListSchema = z.object({ folders: z.array(folderSchema) }).meta({ id: 'FolderList' });

export const pecTypeSchema = z
  .enum([
    'posta-certificata',
    'accettazione',
    'non-accettazione',
    'presa-in-carico',
    'avvenuta-consegna',
    'errore-consegna',
    'preavviso-errore-consegna',
    'rilevazione-virus',
    'anomalia',
    'ordinary',
  ])
  .describe(
    'What the message is in PEC terms (pec-spec §3): an envelope, a receipt or notice, or ordinary mail.',
  );

export const messageFlagSchema = z.enum(['seen', 'answered', 'flagged', 'draft', 'deleted', 'junk']);

export const addressSchema = z.object({ name: z.string(), address: z.string() }).meta({ id: 'Address' });

export const messageSummarySchema = z
  .object({
    uid: z.number().int(),
    from: addressSchema,
    subject: z.string(),
    date: z.string().describe('ISO 8601.'),
    size: z.number().int(),
    flags: z.array(messageFlagSchema),
    pecType: pecTypeSchema,
    hasAttachments: z.boolean(),
    preview: z
      .string()
      .optional()
      .describe('The start of the text, as IMAP PREVIEW (RFC 8970); in lists asked with `preview=1`.'),
  })
  .meta({ id: 'MessageSummary' });

export const messagePageSchema = z
  .object({
    messages: z.array(messageSummarySchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last.'),
    total: z.number().int().describe('Messages matching, in all pages.'),
  })
  .meta({ id: 'MessagePage' });

export const attachmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int().describe('Bytes after transfer decoding.'),
  })
  .meta({ id: 'Attachment' });

export const messageSchema = messageSummarySchema
  .extend({
    folderId: z.string(),
    to: z.array(addressSchema),
    cc: z.array(addressSchema),
    text: z.string(),
    html: z
      .string()
      .nullable()
      .describe('The HTML body as sent, not sanitised: render it sanitised and sandboxed.'),
    htmlUrl: z
      .string()
      .nullable()
      .describe('The HTML body sanitised, as its own document with its own CSP, for a sandboxed frame.'),
    remoteContent: z.boolean().describe('The HTML body loads remote content (blocked unless asked for).'),
    attachments: z.array(attachmentSchema),
    messageId: z
      .string()
      .nullable()
      .describe(
        'Message-ID of the message as written (of postacert.eml for an envelope): a reply’s In-Reply-To.',
      ),
    references: z
      .string()
      .nullable()
      .describe(
        'Its References, else its one In-Reply-To msg-id (RFC 5322 §3.6.4): a reply’s References is this ' +
          'followed by `messageId`.',
      ),
  })
  .meta({ id: 'Message' });

export const folderParamsSchema = z.strictObject({
  id: z.string().regex(/^[0-9]{1,15}$/, 'a folder id'),
});

export const messageParamsSchema = z.strictObject({
  folderId: z.string().regex(/^[0-9]{1,15}$/, 'a folder id'),
  uid: z.coerce.number().int().min(1).max(4_294_967_295),
});

export const messageHtmlQuerySchema = z.strictObject({
  remote: z.enum(['0', '1']).default('0').describe('`1` lets the document load remote images.'),
  theme: z.enum(['light', 'dark']).default('light'),
});

export const messageListQuerySchema = z.strictObject({
  sort: z
    .string()
    .regex(/^-?(date|from|subject|size)$/, 'date, from, subject or size, "-" first for descending')
    .default('-date'),
  cursor: z.string().max(4096).optional().describe('The `nextCursor` of the previous page, same sort and q.'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  q: z.string().max(256).default('').describe('Words every message must contain (headers or text).'),
  receipts: z
    .enum(['show', 'hide'])
    .default('show')
    .describe('`hide` leaves out receipts and notices (messages with X-Ricevuta); they stay in the folder.'),
  kind: z
    .enum(archiveKinds)
    .optional()
    .describe(
      'Only messages of this security-archive kind (acceptance or delivery receipts, received, sent).',
    ),
  preview: z
    .enum(['0', '1'])
    .default('0')
    .describe("`1` adds each message's `preview` (the list's preview lines)."),
});
