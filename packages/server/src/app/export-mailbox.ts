/**
 * Exports a mailbox for its holder's records (`pec mailbox export`): every message of every folder,
 * or of one, as the byte-exact `.eml` kept in the blob store, plus `index.json` describing each
 * file with its folder, UID, flags, internal date and PEC type as `pec inspect` names it
 * (pec-spec §3.10). Files are `<folder>/<uid>.eml`, the folder name percent-encoded into one path
 * segment, so every folder maps to its own directory and no name can escape the output folder.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readPecMessage, type MessageKind } from '@pec/core';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Folder } from '../ports/mailbox-store.ts';
import type { Storage } from '../ports/storage.ts';
import { AccountError } from '../services/accounts/account-error.ts';

export interface ExportedMessage {
  /** Path of the `.eml` relative to the output folder, with `/`. */
  readonly file: string;
  readonly folder: string;
  readonly uid: number;
  readonly flags: readonly string[];
  /** ISO 8601. */
  readonly internalDate: string;
  readonly type: MessageKind;
}

export interface ExportMailboxOptions {
  readonly address: string;
  /** Created when missing; must be empty. */
  readonly outDir: string;
  /** Only this folder (`INBOX` matches case-insensitively). */
  readonly folder?: string;
}

/** Messages read per query. */
const pageSize = 200;
export const exportIndexFile = 'index.json';

/** One safe path segment per folder name: keeps letters, digits and `-_ `, percent-encodes the rest. */
export function folderDirectoryName(folder: string): string {
  return Array.from(new TextEncoder().encode(folder), (byte) => {
    const char = String.fromCharCode(byte);
    return /[A-Za-z0-9_ -]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

async function chooseFolders(
  storage: Storage,
  mailboxId: number,
  only: string | undefined,
): Promise<Folder[]> {
  const folders = await storage.mailboxes.listFolders(mailboxId);
  if (only === undefined) return folders;
  const wanted = only.toUpperCase() === 'INBOX' ? 'INBOX' : only;
  const folder = folders.find((candidate) => candidate.name === wanted);
  if (folder === undefined) {
    throw new AccountError(
      'not-found',
      `no folder ${JSON.stringify(only)}; the folders are ${folders.map((f) => f.name).join(', ')}`,
    );
  }
  return [folder];
}

export async function exportMailbox(
  ctx: { readonly storage: Storage; readonly blobs: BlobStore },
  options: ExportMailboxOptions,
): Promise<ExportedMessage[]> {
  const mailbox = await ctx.storage.accounts.findMailboxByAddress(options.address.trim());
  if (mailbox === undefined)
    throw new AccountError('not-found', `no mailbox ${options.address.trim().toLowerCase()}`);
  const folders = await chooseFolders(ctx.storage, mailbox.id, options.folder);
  await mkdir(options.outDir, { recursive: true });
  if ((await readdir(options.outDir)).length > 0) {
    throw new AccountError('invalid', `${options.outDir} is not empty; export into a new or empty folder`);
  }

  const exported: ExportedMessage[] = [];
  for (const folder of folders) {
    const directory = folderDirectoryName(folder.name);
    let created = false;
    let nextUid = 1;
    for (;;) {
      const page = await ctx.storage.mailboxes.listMessages(folder.id, {
        uids: [{ from: nextUid }],
        limit: pageSize,
      });
      for (const message of page) {
        const bytes = await ctx.blobs.get(message.blobKey);
        if (!created) {
          await mkdir(join(options.outDir, directory));
          created = true;
        }
        const file = `${directory}/${message.uid}.eml`;
        await writeFile(join(options.outDir, directory, `${message.uid}.eml`), bytes, { flag: 'wx' });
        const { type } = await readPecMessage(bytes, { skipSignature: true });
        exported.push({
          file,
          folder: folder.name,
          uid: message.uid,
          flags: message.flags,
          internalDate: message.internalDate.toISOString(),
          type,
        });
      }
      const last = page.at(-1);
      if (page.length < pageSize || last === undefined) break;
      nextUid = last.uid + 1;
    }
  }
  await writeFile(join(options.outDir, exportIndexFile), `${JSON.stringify(exported, null, 2)}\n`, {
    flag: 'wx',
  });
  return exported;
}
