/**
 * Files a raw message into a mailbox folder byte-exact. Two steps, because blobs are not
 * transactional (ports/storage.ts): `prepareMessage` describes the bytes and puts them in the blob
 * store (durable on return), then `appendPrepared` writes the index row inside the caller's
 * transaction. A crash in between leaves only an unreferenced blob. A missing standard folder
 * (Sent, Drafts, Spam, Trash) is created on first use with its special-use attribute (RFC 6154).
 * What the provider files here is also copied to the box's security archive when the holder
 * archives its kind (decision 0035); the holder's own APPENDs do not come this way.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { AppendResult, Folder, NewMessage } from '../../ports/mailbox-store.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import type { StorageStores } from '../../ports/storage.ts';
import { standardFolders } from '../accounts/standard-folders.ts';
import { archiveFiled } from '../security-archive/archive-filed.ts';
import { describeStoredMessage } from './describe-stored-message.ts';

/** A described message whose bytes are in the blob store, ready for `appendPrepared`. */
export type PreparedMessage = Omit<NewMessage, 'flags' | 'internalDate'>;

export interface AppendTarget {
  readonly mailboxId: number;
  /** Folder name, e.g. `INBOX` or `Sent`. */
  readonly folderName: string;
  readonly flags?: readonly string[];
  readonly internalDate: Date;
}

export interface StoreMessageInput extends AppendTarget {
  readonly bytes: Uint8Array;
}

/** Describes `bytes` and makes them durable in `blobs`; nothing is written to the database. */
export async function prepareMessage(blobs: BlobStore, bytes: Uint8Array): Promise<PreparedMessage> {
  const description = await describeStoredMessage(bytes);
  const blobKey = await blobs.put(bytes);
  return { blobKey, size: bytes.length, ...description };
}

/**
 * Describes `bytes` already in the blob store under `blobKey` (put and made durable by an earlier
 * step, e.g. the access point's transport envelope): no second put, hence no second fsync.
 */
export async function prepareStoredMessage(blobKey: string, bytes: Uint8Array): Promise<PreparedMessage> {
  const description = await describeStoredMessage(bytes);
  return { blobKey, size: bytes.length, ...description };
}

/** The folder `name` of the mailbox, creating it when it is missing. */
export async function ensureFolder(stores: StorageStores, mailboxId: number, name: string): Promise<Folder> {
  const existing = await stores.mailboxes.getFolder(mailboxId, name);
  if (existing !== undefined) return existing;
  try {
    return await stores.mailboxes.createFolder(mailboxId, {
      name,
      specialUse: standardFolders.find((folder) => folder.name === name)?.specialUse ?? null,
    });
  } catch (error) {
    const raced = isStorageError(error, 'conflict')
      ? await stores.mailboxes.getFolder(mailboxId, name)
      : undefined;
    if (raced === undefined) throw error;
    return raced;
  }
}

/** Writes the index row of a prepared message; use the transaction's stores to commit it with other work. */
export async function appendPrepared(
  stores: StorageStores,
  prepared: PreparedMessage,
  target: AppendTarget,
): Promise<AppendResult> {
  const folder = await ensureFolder(stores, target.mailboxId, target.folderName);
  const message = {
    ...prepared,
    internalDate: target.internalDate,
    ...(target.flags === undefined ? {} : { flags: target.flags }),
  };
  const filed = await stores.mailboxes.append(folder.id, message);
  await archiveFiled(stores, folder, message, filed);
  return filed;
}

/** `prepareMessage` then `appendPrepared`, for callers with nothing else to commit. */
export async function storeMessage(
  stores: StorageStores,
  blobs: BlobStore,
  input: StoreMessageInput,
): Promise<AppendResult> {
  const prepared = await prepareMessage(blobs, input.bytes);
  return appendPrepared(stores, prepared, input);
}
