/**
 * OBJECTID values (RFC 8474): MAILBOXID from the folder row and its UIDVALIDITY (both kept across
 * RENAME, never reused in a mailbox: a new folder gets a new UIDVALIDITY); EMAILID from the message's
 * content-addressed blob key, so a COPY or MOVE keeps it and identical content shares it (RFC 8474
 * §5.1 allows that); THREADID is NIL, as the RFC allows for a server without thread ids (§5.2).
 * Object ids are 1–255 characters of letters, digits, `-` and `_` (RFC 8474 §4).
 */
import { createHash } from 'node:crypto';

export function mailboxObjectId(folder: { readonly id: number; readonly uidValidity: number }): string {
  return `F${folder.id}-${folder.uidValidity}`;
}

export function emailObjectId(blobKey: string): string {
  return `M${createHash('sha256').update(blobKey).digest('hex').slice(0, 32)}`;
}
