/**
 * Request and response shapes of the mailbox actions (flags, move, copy, delete, empty, folder
 * administration) as zod schemas; like api-schemas.ts they validate and document at once.
 */
import { z } from 'zod';
import { folderSchema } from './api-schemas.ts';

const folderId = z.string().regex(/^[0-9]{1,15}$/, 'a folder id');
const uid = z.number().int().min(1).max(4_294_967_295);

/** The messages an action applies to: UIDs of one folder of the session's mailbox. */
export const messageSelectionSchema = z
  .strictObject({
    folderId,
    uids: z.array(uid).min(1).max(10_000).describe('UIDs of messages in that folder.'),
  })
  .meta({ id: 'MessageSelection' });

export const markRequestSchema = messageSelectionSchema
  .extend({
    seen: z.boolean().optional().describe('Set (true) or clear (false) the read mark; omitted: unchanged.'),
    flagged: z.boolean().optional().describe('Set or clear the flag; omitted: unchanged.'),
    junk: z
      .boolean()
      .optional()
      .describe(
        'Spam mark: true sets $Junk, false clears it and sets $NotJunk ("not spam"); omitted: unchanged.',
      ),
  })
  .meta({ id: 'MarkRequest' });

export const markResultSchema = z
  .object({ updated: z.array(uid).describe('UIDs whose marks changed.') })
  .meta({ id: 'MarkResult' });

export const fileRequestSchema = messageSelectionSchema
  .extend({ targetFolderId: folderId.describe('The destination folder.') })
  .meta({ id: 'FileRequest' });

export const filedSchema = z
  .object({
    targetFolderId: folderId,
    sourceUids: z.array(uid),
    targetUids: z.array(uid).describe('The new UID of each of `sourceUids`, in the same order.'),
  })
  .meta({ id: 'Filed' });

export const deleteResultSchema = z
  .discriminatedUnion('kind', [
    filedSchema.extend({ kind: z.literal('moved-to-trash') }),
    z.object({ kind: z.literal('expunged'), uids: z.array(uid) }),
  ])
  .meta({ id: 'DeleteResult' });

export const emptyResultSchema = z
  .object({ expunged: z.number().int().describe('Messages removed for good.') })
  .meta({ id: 'EmptyResult' });

export const folderNameRequestSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(255)
      .describe('The full name, "/" between levels; missing parents are created.'),
  })
  .meta({ id: 'FolderNameRequest' });

export const createdFolderSchema = folderSchema;

export const attachmentParamsSchema = z.strictObject({
  folderId,
  uid: z.coerce.number().int().min(1).max(4_294_967_295),
  part: z.string().regex(/^[0-9]{1,4}(\.[0-9]{1,4}){0,15}$/, 'a part number such as 2 or 1.2'),
});
